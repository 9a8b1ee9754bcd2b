// Worked examples of the live view kept per fold; every compute is also checked against the reference
// functions (computeAndCompare in live-load-state.test-support.ts).
import { describe, expect, it } from "vitest";
import type { HallConfig, HallEvent } from "../../../contract/index.js";
import { HallFacts } from "../hall-facts.js";
import { at, ev, HOUR, hallConfig, iso, MINUTE } from "../test-fixtures.js";
import { ABANDONED_AFTER_MS } from "../ticket-queue.js";
import { LiveLoadState, type LiveLoad } from "./live-load-state.js";
import { computeAndCompare, request } from "./live-load-state.test-support.js";

// ---------------------------------------------------------------------------------------------------
// Plain examples.

/** A fact store with a live state on it, and a compute that also checks against the reference. */
function live(hall: HallConfig = hallConfig()) {
  const facts = new HallFacts();
  const state = new LiveLoadState(facts);
  return {
    facts,
    state,
    fold: (...events: HallEvent[]) => {
      for (const e of events) facts.add(e);
    },
    at: (to: number, opts: { live?: boolean; dayStart?: number; hall?: HallConfig } = {}) =>
      computeAndCompare(state, facts, opts.hall ?? hall, request(to, { ...opts, hall: opts.hall ?? hall }), [`compute at ${iso(to)}`]),
  };
}

const cat = (l: LiveLoad, id: string) => l.view.categories.find((c) => c.categoryId === id);
const win = (l: LiveLoad, id: string) => l.view.windows.find((w) => w.windowId === id);
/** Index of the 15-minute bucket of today's series holding `ms` (the day starts at at(0)). */
const slot = (ms: number) => Math.floor((ms - at(0)) / (15 * MINUTE));

describe("LiveLoadState (examples)", () => {
  it("a ticket called after a compute leaves the waiting count and its wait is counted", () => {
    const h = live();
    h.fold(ev.opened(at(8), "w1"), ev.issued(at(9), "t1", "c1"), ev.issued(at(9, 2), "t2", "c1"));
    const first = h.at(at(9, 5));
    expect(cat(first, "c1")).toMatchObject({ waitingNow: 2, oldestWaitSeconds: 300, calledCount: 0, arrivals: 2 });

    h.fold(ev.called(at(9, 6), "t1", "w1"));
    const second = h.at(at(9, 7));
    expect(cat(second, "c1")).toMatchObject({ waitingNow: 1, oldestWaitSeconds: 300, calledCount: 1, avgWaitSeconds: 360, maxWaitSeconds: 360 });
    expect(win(second, "w1")?.currentTicket).toMatchObject({ ticketNo: "T1", phase: "called" });
    expect(second.view.recentCalls.map((c) => c.ticketNo)).toEqual(["T1"]);
    expect(second.today.buckets[slot(at(9, 6))]?.avgWaitSeconds).toBe(360);
  });

  it("a completed service moves the window from busy-serving to served", () => {
    const h = live();
    h.fold(ev.opened(at(8), "w1"), ev.issued(at(9), "t1", "c1"), ev.called(at(9, 5), "t1", "w1"), ev.started(at(9, 10), "t1", "w1"));
    const serving = h.at(at(9, 20));
    expect(win(serving, "w1")).toMatchObject({ busySeconds: 600, served: 0, currentTicket: { phase: "serving", ticketNo: "T1" } });

    h.fold(ev.completed(at(9, 25), "t1", "w1"));
    const done = h.at(at(9, 30));
    expect(win(done, "w1")).toMatchObject({ busySeconds: 900, served: 1, avgHandleSeconds: 900, servedToday: 1, currentTicket: null });
    expect(done.today.buckets[slot(at(9, 25))]?.served).toBe(1);

    // A repeated completion with no new start is not a second service.
    h.fold(ev.completed(at(9, 26), "t1", "w1"));
    expect(win(h.at(at(9, 31)), "w1")).toMatchObject({ served: 1, servedToday: 1 });
  });

  it("a re-rating replaces the earlier rating; an older one folded late does not", () => {
    const h = live();
    h.fold(ev.opened(at(8), "w1"), ev.issued(at(9), "t1", "c1"), ev.completed(at(9, 25), "t1", "w1"));
    h.fold(ev.evaluated(at(9, 26), "t1", "w1", 2));
    expect(win(h.at(at(9, 27)), "w1")).toMatchObject({ ratingCount: 1, ratingAvg: 2 });
    h.fold(ev.evaluated(at(9, 28), "t1", "w1", 5));
    expect(win(h.at(at(9, 29)), "w1")).toMatchObject({ ratingCount: 1, ratingAvg: 5 });
    h.fold(ev.evaluated(at(9, 27), "t1", "w1", 1));
    expect(win(h.at(at(9, 30)), "w1")).toMatchObject({ ratingCount: 1, ratingAvg: 5 });
  });

  it("an event re-sent changes nothing", () => {
    const h = live();
    const call = ev.called(at(9, 6), "t1", "w1", "dup-1");
    const issue = ev.issued(at(9), "t1", "c1");
    h.fold(ev.opened(at(8), "w1"), issue, call);
    const before = h.at(at(9, 10));
    h.fold(call, { ...call }, JSON.parse(JSON.stringify(issue)) as typeof issue);
    expect(h.at(at(9, 10))).toStrictEqual(before);
  });

  it("a ticket uncalled for more than 12 hours stops waiting, and waits again when the clock steps back", () => {
    const h = live();
    h.fold(ev.issued(at(9), "t3", "c2"));
    expect(cat(h.at(at(9) + ABANDONED_AFTER_MS), "c2")?.waitingNow).toBe(1);
    expect(cat(h.at(at(9) + ABANDONED_AFTER_MS + 1), "c2")?.waitingNow).toBe(0);
    expect(cat(h.at(at(10)), "c2")?.waitingNow).toBe(1);
  });

  it("a transfer moves a called ticket back into another category's queue", () => {
    const h = live();
    h.fold(ev.opened(at(8), "w1"), ev.issued(at(9), "t1", "c1"), ev.called(at(9, 5), "t1", "w1"));
    expect(cat(h.at(at(9, 6)), "c2")?.waitingNow).toBe(0);
    h.fold(ev.transferred(at(9, 7), "t1", "w1", "c2"));
    const moved = h.at(at(9, 8));
    expect(cat(moved, "c2")).toMatchObject({ waitingNow: 1, oldestWaitSeconds: 60 });
    expect(cat(moved, "c1")).toMatchObject({ waitingNow: 0, calledCount: 1 });
    expect(win(moved, "w1")?.currentTicket).toBeNull();
  });

  it("an event stamped after `to` counts only once `to` passes it", () => {
    const h = live();
    h.fold(ev.issued(at(9, 30), "t1", "c1"));
    expect(cat(h.at(at(9, 20)), "c1")).toMatchObject({ waitingNow: 0, arrivals: 0 });
    expect(cat(h.at(at(9, 40)), "c1")).toMatchObject({ waitingNow: 1, arrivals: 1 });
  });

  it("still matches after facts are pruned", () => {
    const h = live();
    const day2 = at(9) + 24 * HOUR;
    h.fold(ev.opened(at(8), "w1"), ev.issued(at(9), "t1", "c1"), ev.called(at(9, 5), "t1", "w1"), ev.completed(at(9, 20), "t1", "w1"));
    h.fold(ev.issued(day2, "t2", "c1"), ev.called(day2 + 5 * MINUTE, "t2", "w1"));
    expect(h.at(day2 + 10 * MINUTE).view.recentCalls.map((c) => c.ticketNo)).toEqual(["T2", "T1"]);
    h.facts.pruneBefore(day2 - 4 * HOUR);
    expect(h.at(day2 + 10 * MINUTE).view.recentCalls.map((c) => c.ticketNo)).toEqual(["T2"]);
    // Figures folded after the prune still count.
    h.fold(ev.issued(day2 + 11 * MINUTE, "t3", "c1"));
    expect(cat(h.at(day2 + 12 * MINUTE), "c1")).toMatchObject({ waitingNow: 1, arrivals: 2 });
  });

  it("follows a hall configuration that changes between computes", () => {
    const h = live();
    h.fold(ev.opened(at(8), "w4"), ev.issued(at(9), "t1", "c3"), ev.called(at(9, 5), "t1", "w4"), ev.issued(at(9, 6), "t2", "c3"));
    const small = h.at(at(9, 10));
    expect(cat(small, "c3")).toBeUndefined();
    const bigger = hallConfig({ categories: ["c1", "c2", "c3"], windows: [{ id: "w1", categories: ["c1"] }, { id: "w4", categories: ["c3"] }] });
    const big = h.at(at(9, 10), { hall: bigger });
    expect(cat(big, "c3")).toMatchObject({ waitingNow: 1, calledCount: 1, arrivals: 2 });
    expect(win(big, "w4")?.currentTicket).toMatchObject({ ticketNo: "T1", phase: "called" });
  });

  it("matches with live false and a day start other than local midnight", () => {
    const h = live();
    h.fold(ev.opened(at(8), "w1"), ev.issued(at(9), "t1", "c1"), ev.started(at(9, 5), "t1", "w1"), ev.completed(at(9, 20), "t1", "w1"));
    const l = h.at(at(9, 30), { live: false, dayStart: at(9, 14) });
    expect(l.today.buckets.length).toBe(2);
    expect(win(l, "w1")?.servedToday).toBe(1);
    expect(h.at(at(9, 30), { dayStart: at(9, 21) }).today.buckets.every((b) => b.served === 0)).toBe(true);
  });

  it("keeps in its sums only what a compute can read: nothing before the day's start or the live hour", () => {
    const h = live();
    const served = (ms: number, id: string) => [
      ev.issued(ms, id, "c1"),
      ev.called(ms + MINUTE, id, "w1"),
      ev.started(ms + 2 * MINUTE, id, "w1"),
      ev.completed(ms + 10 * MINUTE, id, "w1"),
      ev.evaluated(ms + 11 * MINUTE, id, "w1", 5),
    ];
    const yesterday = at(0) - 14 * HOUR;
    h.fold(ev.opened(yesterday - HOUR, "w1"), ...served(yesterday, "y1"), ...served(yesterday + HOUR, "y2"));
    h.fold(...served(at(9), "t1"), ...served(at(10), "t2"), ...served(at(11), "t3"));
    // Each ticket: an arrival, a wait, a service and a rating. Yesterday's two tickets are not held.
    expect(win(h.at(at(15)), "w1")?.servedToday).toBe(3);
    expect(h.state.entriesHeld()).toBe(3 * 4);
    // A late event of yesterday is folded into the facts but not into the sums …
    h.fold(...served(yesterday + 2 * HOUR, "y3"));
    h.at(at(15, 1));
    expect(h.state.entriesHeld()).toBe(3 * 4);
    // … which a compute reaching back to yesterday builds again, with everything it can read then.
    expect(win(h.at(yesterday + 3 * HOUR), "w1")?.servedToday).toBe(3);
    expect(h.state.entriesHeld()).toBe(6 * 4);
    // Forward again, the sums are kept as they are until the facts are pruned (hourly on a server).
    h.at(at(15, 2));
    expect(h.state.entriesHeld()).toBe(6 * 4);
    h.facts.pruneBefore(at(15, 2) - 48 * HOUR);
    h.at(at(15, 3));
    expect(h.state.entriesHeld()).toBe(3 * 4);
  });
});
