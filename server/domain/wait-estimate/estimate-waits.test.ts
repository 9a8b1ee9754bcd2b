import { describe, expect, it } from "vitest";
import type { HallEvent } from "../../../contract/index.js";
import { MINUTE, at, ev, event, factsOf, hallConfig } from "../test-fixtures.js";
import { estimateWaits } from "./estimate-waits.js";

const hall = hallConfig(); // w1: c1, w2: c2, w3: c1 + c2
const now = at(9, 27);

/** w1 opens at 08:30 and calls twelve backlogged c1 tickets exactly five minutes apart (the last at 09:25). */
function morning(calls = 12) {
  const events: HallEvent[] = [ev.opened(at(8, 30), "w1")];
  for (let k = 1; k <= calls; k++) {
    events.push(ev.issued(at(8, 25), `b${k}`, "c1"));
    events.push(ev.called(at(8, 30) + (k - 1) * 5 * MINUTE, `b${k}`, "w1"));
  }
  return events;
}

const waiting = [
  ev.issued(at(9, 26), "x1", "c1"),
  ev.issued(at(9, 26, 10), "x2", "c1"),
  event("ticket.issued", at(9, 26, 30), { ticketId: "g1", ticketNo: "G1", categoryId: "c1", channel: "staff", priority: "green" }),
];

describe("estimateWaits", () => {
  it("bands each waiting ticket from the queue ahead in call order and the window's measured cycles", () => {
    const est = estimateWaits(factsOf([...morning(), ...waiting]), hall, now);
    expect(est.tickets.map((t) => [t.ticketId, t.ahead, t.p50Minutes, t.p80Minutes, t.basis])).toEqual([
      ["g1", 0, 3, 3, "measured"], // green channel first; w1 is 2 minutes into a 5-minute cycle
      ["x1", 1, 8, 8, "measured"],
      ["x2", 2, 13, 13, "measured"],
    ]);
    expect(est.categories).toEqual([
      { categoryId: "c1", waiting: 3, p50Minutes: 18, p80Minutes: 18, basis: "measured" },
      // c2 would borrow the hall's pace, but no window that serves it is open: no band.
      { categoryId: "c2", waiting: 0, p50Minutes: null, p80Minutes: null, basis: "unknown" },
    ]);
    expect(est.at).toBe(now);
  });

  it("falls back to the hall's pace for a category without its own, once a window serves it", () => {
    const est = estimateWaits(factsOf([...morning(), ...waiting, ev.opened(at(9, 0), "w2"), ev.issued(at(9, 26), "y1", "c2")]), hall, now);
    const y1 = est.tickets.find((t) => t.ticketId === "y1");
    expect(y1).toMatchObject({ ahead: 0, p50Minutes: 0, basis: "fallback" });
    expect(est.categories[1]).toMatchObject({ categoryId: "c2", waiting: 1, basis: "fallback", p50Minutes: 5 });
  });

  it("says unknown rather than invent a pace from too few cycles", () => {
    const est = estimateWaits(factsOf([...morning(5), ...waiting]), hall, now);
    expect(est.tickets.every((t) => t.basis === "unknown" && t.p50Minutes === null && t.p80Minutes === null)).toBe(true);
    expect(est.categories.every((c) => c.basis === "unknown")).toBe(true);
  });

  it("is reproducible and independent of the order the events arrived in", () => {
    const events = [...morning(), ...waiting];
    const a = estimateWaits(factsOf(events), hall, now);
    expect(estimateWaits(factsOf([...events].reverse()), hall, now)).toEqual(a);
  });
});
