import { describe, expect, it } from "vitest";
import type { HallEvent } from "../../contract/index.js";
import { queueEntryBefore, waitBeforeCall, waitingTickets } from "./next-ticket.js";
import { at, ev, event, factsOf, HOUR, MINUTE } from "./test-fixtures.js";

const green = (ms: number, ticketId: string, categoryId: string): HallEvent =>
  event("ticket.issued", ms, { ticketId, ticketNo: ticketId.toUpperCase(), categoryId, channel: "kiosk", priority: "green" });

describe("waitingTickets (what call.next picks)", () => {
  it("puts green-channel tickets first, then the longest wait, among the window's categories only", () => {
    const facts = factsOf([
      ev.issued(at(9, 0), "a1", "c1"),
      ev.issued(at(9, 5), "a2", "c1"),
      green(at(9, 10), "g1", "c1"),
      ev.issued(at(8, 50), "b1", "c2"), // the oldest, but not this window's category
    ]);
    expect(waitingTickets(facts, ["c1"], at(9, 20)).map((t) => t.ticketId)).toEqual(["g1", "a1", "a2"]);
    expect(waitingTickets(facts, ["c1", "c2"], at(9, 20)).map((t) => t.ticketId)).toEqual(["g1", "b1", "a1", "a2"]);
  });

  it("orders equal waits by ticket id, and skips excluded (reserved) tickets", () => {
    const facts = factsOf([ev.issued(at(9), "t2", "c1"), ev.issued(at(9), "t1", "c1"), ev.issued(at(9), "t3", "c1")]);
    expect(waitingTickets(facts, ["c1"], at(9, 1)).map((t) => t.ticketId)).toEqual(["t1", "t2", "t3"]);
    expect(waitingTickets(facts, ["c1"], at(9, 1), new Set(["t1"])).map((t) => t.ticketId)).toEqual(["t2", "t3"]);
  });

  it("leaves out called, not-yet-issued and abandoned tickets; a transfer re-enters the new queue at its time", () => {
    const facts = factsOf([
      ev.issued(at(9), "called", "c1"),
      ev.called(at(9, 5), "called", "w1"),
      ev.issued(at(10), "later", "c1"),
      ev.issued(at(9) - 13 * HOUR, "stale", "c1"),
      ev.issued(at(8), "moved", "c2"),
      ev.called(at(8, 10), "moved", "w2"),
      ev.transferred(at(9, 15), "moved", "w2", "c1"),
    ]);
    const w = waitingTickets(facts, ["c1"], at(9, 30));
    expect(w.map((t) => t.ticketId)).toEqual(["moved"]);
    expect(w[0]).toMatchObject({ categoryId: "c1", since: at(9, 15), ticketNo: "MOVED", priority: "normal" });
  });
});

describe("waitBeforeCall", () => {
  it("is the first call minus the queue entry; a recall adds nothing", () => {
    const facts = factsOf([ev.issued(at(9), "t1", "c1"), ev.called(at(9, 12), "t1", "w1", "call-1"), ev.called(at(9, 14), "t1", "w1", "call-2")]);
    const t = facts.tickets.get("t1");
    if (!t) throw new Error("ticket missing");
    const [first, recall] = t.calls;
    if (!first || !recall) throw new Error("calls missing");
    expect(waitBeforeCall(t, first)).toBe((12 * MINUTE) / 1000);
    expect(waitBeforeCall(t, recall)).toBe((12 * MINUTE) / 1000);
  });

  it("after a transfer, counts from the transfer into the new queue", () => {
    const facts = factsOf([
      ev.issued(at(9), "t1", "c1"),
      ev.called(at(9, 10), "t1", "w1"),
      ev.transferred(at(9, 20), "t1", "w1", "c2"),
      ev.called(at(9, 27), "t1", "w2"),
    ]);
    const t = facts.tickets.get("t1");
    const second = t?.calls[1];
    if (!t || !second) throw new Error("facts missing");
    expect(queueEntryBefore(t, second)?.categoryId).toBe("c2");
    expect(waitBeforeCall(t, second)).toBe((7 * MINUTE) / 1000);
  });

  it("is 0 when a device clock puts the call before the issue", () => {
    const facts = factsOf([ev.issued(at(9, 5), "t1", "c1"), ev.called(at(9), "t1", "w1")]);
    const t = facts.tickets.get("t1");
    const call = t?.calls[0];
    if (!t || !call) throw new Error("facts missing");
    expect(waitBeforeCall(t, call)).toBe(0);
  });
});
