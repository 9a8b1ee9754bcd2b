// computeLoadView: the view's shape and one worked hour, every figure checked.
import { describe, expect, it } from "vitest";
import type { HallEvent } from "../../contract/index.js";
import { cat, hall, idleWindow, quietCategory, win } from "./load-view.test-support.js";
import { at, ev, factsOf, HALL_ID, iso, viewOf } from "./test-fixtures.js";

describe("computeLoadView: basic shape", () => {
  it("echoes the request and lists every configured window and category in configuration order", () => {
    const view = viewOf([], hall, at(9), at(10), true);
    expect(view).toEqual({
      hallId: HALL_ID,
      from: "2025-03-10T01:00:00.000Z",
      to: "2025-03-10T02:00:00.000Z",
      live: true,
      windows: [idleWindow("w1"), idleWindow("w2"), idleWindow("w3")],
      categories: [quietCategory("c1"), quietCategory("c2")],
      imbalance: { cv: 0, hot: [], cold: [], imbalanced: false },
      recentCalls: [],
    });
  });

  it("ignores facts of windows and categories that are not configured", () => {
    const view = viewOf([ev.opened(at(9), "w9"), ev.issued(at(9), "t1", "c9"), ev.completed(at(9, 30), "t1", "w9")], hall, at(9), at(10));
    expect(view.windows.map((w) => w.windowId)).toEqual(["w1", "w2", "w3"]);
    expect(view.categories.map((c) => c.categoryId)).toEqual(["c1", "c2"]);
    expect(view.windows.every((w) => w.served === 0 && w.openSeconds === 0)).toBe(true);
    expect(view.categories.every((c) => c.arrivals === 0 && c.waitingNow === 0)).toBe(true);
  });
});

describe("computeLoadView: the 09:00–10:00 scenario", () => {
  const events = (): HallEvent[] => [
    ev.opened(at(9), "w1"),
    ev.issued(at(9, 2), "t1", "c1"),
    ev.issued(at(9, 5), "t2", "c1"),
    ev.called(at(9, 8), "t1", "w1"),
    ev.started(at(9, 10), "t1", "w1"),
    ev.completed(at(9, 20), "t1", "w1"),
    ev.called(at(9, 28), "t2", "w1"),
    ev.started(at(9, 30), "t2", "w1"),
    ev.completed(at(9, 50), "t2", "w1"),
    ev.closed(at(10), "w1"),
  ];

  it("computes every figure over [09:00, 10:00)", () => {
    const view = viewOf(events(), hall, at(9), at(10));
    expect(win(view, "w1")).toEqual({
      windowId: "w1",
      openSeconds: 3600,
      busySeconds: 1800,
      utilization: 0.5,
      served: 2,
      avgHandleSeconds: 900, // (600 + 1200) / 2
      ratingAvg: null,
      ratingCount: 0,
      eligible: true,
      hot: false,
      cold: false,
      state: "closed",
      stateSince: iso(at(10)),
      currentTicket: null,
      servedToday: 2,
    });
    expect(win(view, "w2")).toEqual(idleWindow("w2"));
    expect(cat(view, "c1")).toEqual({
      categoryId: "c1",
      arrivals: 2,
      calledCount: 2,
      avgWaitSeconds: 870, // (6 min + 23 min) / 2
      maxWaitSeconds: 1380,
      waitingNow: 0,
      oldestWaitSeconds: null,
    });
    expect(cat(view, "c2")).toEqual(quietCategory("c2"));
    expect(view.imbalance).toEqual({ cv: 0, hot: [], cold: [], imbalanced: false });
    expect(view.recentCalls).toEqual([
      { ticketNo: "T2", windowId: "w1", categoryId: "c1", ts: iso(at(9, 28)), recall: false },
      { ticketNo: "T1", windowId: "w1", categoryId: "c1", ts: iso(at(9, 8)), recall: false },
    ]);
  });

  it("clips to [09:15, 09:40)", () => {
    const view = viewOf(events(), hall, at(9, 15), at(9, 40));
    expect(win(view, "w1")).toEqual({
      windowId: "w1",
      openSeconds: 1500,
      busySeconds: 900, // 9:15–9:20 and 9:30–9:40
      utilization: 0.6,
      served: 1,
      avgHandleSeconds: 600,
      ratingAvg: null,
      ratingCount: 0,
      eligible: true,
      hot: false,
      cold: false,
      state: "open",
      stateSince: iso(at(9)),
      currentTicket: { ticketNo: "T2", categoryId: "c1", phase: "serving", since: iso(at(9, 30)) },
      servedToday: 1,
    });
    expect(cat(view, "c1")).toEqual({
      categoryId: "c1",
      arrivals: 0,
      calledCount: 1, // only t2's first call (9:28) falls inside
      avgWaitSeconds: 1380,
      maxWaitSeconds: 1380,
      waitingNow: 0,
      oldestWaitSeconds: null,
    });
  });

  it("gives the same figures when the same events are added twice (same ids)", () => {
    const list = events();
    const facts = factsOf([...list, ...list, list[5] as HallEvent]);
    expect(facts.eventCount).toBe(list.length);
    expect(viewOf(facts, hall, at(9), at(10))).toEqual(viewOf(list, hall, at(9), at(10)));
    expect(win(viewOf(facts, hall, at(9), at(10)), "w1").served).toBe(2);
    expect(viewOf(facts, hall, at(9), at(10)).recentCalls).toHaveLength(2);
  });

  it("gives the same figures for a reversed arrival order", () => {
    expect(viewOf([...events()].reverse(), hall, at(9), at(10))).toEqual(viewOf(events(), hall, at(9), at(10)));
  });
});
