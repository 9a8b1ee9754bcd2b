// computeLoadView: the per-category figures (waits, queues) and the recent calls.
import { describe, expect, it } from "vitest";
import type { HallEvent } from "../../contract/index.js";
import { RECENT_CALLS } from "./load-view.js";
import { cat, hall, quietCategory, win } from "./load-view.test-support.js";
import { at, ev, iso, viewOf } from "./test-fixtures.js";

describe("computeLoadView: waits and queues", () => {
  it("attributes a wait to the issuing category, in the interval of the first call", () => {
    const events = [
      ev.issued(at(8, 50), "t1", "c1"),
      ev.called(at(9, 5), "t1", "w3"),
      ev.transferred(at(9, 10), "t1", "w3", "c2"),
      ev.called(at(9, 20), "t1", "w2"),
    ];
    const nine = viewOf(events, hall, at(9), at(10));
    expect(cat(nine, "c1")).toEqual({ ...quietCategory("c1"), calledCount: 1, avgWaitSeconds: 900, maxWaitSeconds: 900 });
    expect(cat(nine, "c2")).toEqual(quietCategory("c2"));
    const eight = viewOf(events, hall, at(8), at(9));
    expect(cat(eight, "c1")).toEqual({ ...quietCategory("c1"), arrivals: 1, waitingNow: 1, oldestWaitSeconds: 600 });
    // After the transfer, before the second call: waiting in c2 since the transfer.
    const mid = viewOf(events, hall, at(9), at(9, 15));
    expect(cat(mid, "c1")).toMatchObject({ waitingNow: 0, oldestWaitSeconds: null, calledCount: 1 });
    expect(cat(mid, "c2")).toMatchObject({ waitingNow: 1, oldestWaitSeconds: 300, arrivals: 0, calledCount: 0 });
    expect(win(mid, "w3").currentTicket).toBeNull(); // transferred away
  });

  it("counts a recall neither as a new call nor as a new wait, and flags it in recentCalls", () => {
    const events = [ev.issued(at(9), "t1", "c1", "A001"), ev.called(at(9, 5), "t1", "w1"), ev.called(at(9, 10), "t1", "w1")];
    const view = viewOf(events, hall, at(9), at(10));
    expect(cat(view, "c1")).toEqual({ ...quietCategory("c1"), arrivals: 1, calledCount: 1, avgWaitSeconds: 300, maxWaitSeconds: 300 });
    expect(view.recentCalls).toEqual([
      { ticketNo: "A001", windowId: "w1", categoryId: "c1", ts: iso(at(9, 10)), recall: true },
      { ticketNo: "A001", windowId: "w1", categoryId: "c1", ts: iso(at(9, 5)), recall: false },
    ]);
    // An interval holding only the recall: no call counted, but recentCalls still looks back from `to`.
    const later = viewOf(events, hall, at(9, 7), at(10));
    expect(cat(later, "c1").calledCount).toBe(0);
    expect(later.recentCalls.map((c) => c.recall)).toEqual([true, false]);
  });

  it("uses a 0 wait when a device clock puts the call before the issue", () => {
    const view = viewOf([ev.issued(at(9, 10), "t1", "c1"), ev.called(at(9, 8), "t1", "w1")], hall, at(9), at(10));
    expect(cat(view, "c1")).toMatchObject({ calledCount: 1, avgWaitSeconds: 0, maxWaitSeconds: 0 });
  });

  it("counts waitingNow and oldestWaitSeconds at `to`", () => {
    const events = [
      ev.issued(at(-3), "t0", "c1"), // 21:00 the evening before: 13 h uncalled → abandoned
      ev.issued(at(9), "t1", "c1"),
      ev.issued(at(9, 20), "t2", "c1"),
      ev.issued(at(9, 40), "t3", "c1"),
      ev.called(at(9, 45), "t3", "w1"),
      ev.issued(at(9, 50), "t4", "c2"),
      ev.issued(at(10, 30), "t5", "c2"), // after `to`
    ];
    const view = viewOf(events, hall, at(9), at(10));
    expect(cat(view, "c1")).toEqual({
      categoryId: "c1",
      arrivals: 3,
      calledCount: 1,
      avgWaitSeconds: 300,
      maxWaitSeconds: 300,
      waitingNow: 2,
      oldestWaitSeconds: 3600,
    });
    expect(cat(view, "c2")).toEqual({ ...quietCategory("c2"), arrivals: 1, waitingNow: 1, oldestWaitSeconds: 600 });
  });

  it("stops counting a ticket as waiting 12 hours after it entered the queue", () => {
    const events = [ev.issued(at(-3), "t0", "c1")];
    expect(cat(viewOf(events, hall, at(8), at(9) - 1), "c1")).toMatchObject({ waitingNow: 1, oldestWaitSeconds: 43199.999 });
    expect(cat(viewOf(events, hall, at(8), at(9) + 1), "c1")).toMatchObject({ waitingNow: 0, oldestWaitSeconds: null });
  });

  it("re-queues a transferred ticket and restarts the 12 hours there", () => {
    const events = [
      ev.issued(at(-3), "t1", "c1"),
      ev.called(at(-2), "t1", "w1"),
      ev.transferred(at(8), "t1", "w1", "c2"),
    ];
    const view = viewOf(events, hall, at(9), at(10));
    expect(cat(view, "c1")).toMatchObject({ waitingNow: 0 });
    expect(cat(view, "c2")).toMatchObject({ waitingNow: 1, oldestWaitSeconds: 7200, arrivals: 0 });
    const called = viewOf([...events, ev.called(at(9, 30), "t1", "w2")], hall, at(9), at(10));
    expect(cat(called, "c2")).toMatchObject({ waitingNow: 0, calledCount: 0 });
    expect(called.recentCalls[0]).toMatchObject({ windowId: "w2", recall: true, categoryId: "c1" });
  });

  it("counts only the earliest of repeated issues of a ticket", () => {
    const view = viewOf(
      [ev.issued(at(9, 10), "t1", "c2", "B1"), ev.issued(at(9), "t1", "c1", "A1"), ev.called(at(9, 30), "t1", "w1")],
      hall,
      at(9),
      at(10),
    );
    expect(cat(view, "c1")).toMatchObject({ arrivals: 1, calledCount: 1, avgWaitSeconds: 1800 });
    expect(cat(view, "c2")).toMatchObject({ arrivals: 0, calledCount: 0 });
    expect(view.recentCalls[0]).toMatchObject({ ticketNo: "A1", categoryId: "c1" });
  });

  it("keeps the latest 12 calls at or before `to`, newest first", () => {
    const events: HallEvent[] = [];
    for (let i = 0; i < 15; i++) {
      events.push(ev.issued(at(8, i), `t${i}`, "c1", `A${i}`));
      events.push(ev.called(at(9, i), `t${i}`, "w1"));
    }
    events.push(ev.called(at(10, 5), "t0", "w1")); // after `to`
    const view = viewOf(events, hall, at(9), at(10));
    expect(RECENT_CALLS).toBe(12);
    expect(view.recentCalls.map((c) => c.ticketNo)).toEqual(["A14", "A13", "A12", "A11", "A10", "A9", "A8", "A7", "A6", "A5", "A4", "A3"]);
    expect(view.recentCalls[0]?.ts).toBe(iso(at(9, 14)));
    expect(view.recentCalls.every((c) => !c.recall)).toBe(true);
  });

  it("shows a called ticket that was never issued as ? without a category", () => {
    const view = viewOf([ev.opened(at(9), "w1"), ev.called(at(9, 5), "ghost", "w1")], hall, at(9), at(10));
    expect(view.recentCalls).toEqual([{ ticketNo: "?", windowId: "w1", categoryId: null, ts: iso(at(9, 5)), recall: false }]);
    expect(win(view, "w1").currentTicket).toEqual({ ticketNo: "?", categoryId: null, phase: "called", since: iso(at(9, 5)) });
  });
});
