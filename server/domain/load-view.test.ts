import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIsoTimestamp, type CategoryLoad, type HallConfig, type HallEvent, type LoadView, type WindowLoad, startOfLocalDay } from "../../contract/index.js";
import { HallFacts } from "./hall-facts.js";
import { computeLoadView, RECENT_CALLS } from "./load-view.js";
import { at, ev, factsOf, HALL_ID, hallConfig, HOUR, iso, MINUTE, viewOf } from "./test-fixtures.js";

const hall = hallConfig(); // w1 (c1), w2 (c2), w3 (c1, c2); categories c1, c2; wait target 15 min; Asia/Shanghai

const idleWindow = (windowId: string): WindowLoad => ({
  windowId,
  openSeconds: 0,
  busySeconds: 0,
  utilization: 0,
  served: 0,
  avgHandleSeconds: null,
  ratingAvg: null,
  ratingCount: 0,
  eligible: false,
  hot: false,
  cold: false,
  state: "closed",
  stateSince: null,
  currentTicket: null,
  servedToday: 0,
});

const quietCategory = (categoryId: string): CategoryLoad => ({
  categoryId,
  arrivals: 0,
  calledCount: 0,
  avgWaitSeconds: null,
  maxWaitSeconds: null,
  waitingNow: 0,
  oldestWaitSeconds: null,
});

const win = (view: LoadView, id: string) => view.windows.find((w) => w.windowId === id) as WindowLoad;
const cat = (view: LoadView, id: string) => view.categories.find((c) => c.categoryId === id) as CategoryLoad;

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

describe("computeLoadView: services", () => {
  it("runs a still-open window and a still-running service until `to`", () => {
    const view = viewOf([ev.opened(at(9), "w1"), ev.issued(at(9), "t1", "c1"), ev.called(at(9, 40), "t1", "w1"), ev.started(at(9, 45), "t1", "w1")], hall, at(9), at(10));
    expect(win(view, "w1")).toMatchObject({
      openSeconds: 3600,
      busySeconds: 900,
      utilization: 0.25,
      served: 0,
      avgHandleSeconds: null,
      state: "open",
      stateSince: iso(at(9)),
      currentTicket: { ticketNo: "T1", categoryId: "c1", phase: "serving", since: iso(at(9, 45)) },
      eligible: true,
      cold: true,
    });
    expect(view.imbalance).toEqual({ cv: 0, hot: [], cold: ["w1"], imbalanced: false });
  });

  it("pairs a completion that arrived before its start", () => {
    const view = viewOf([ev.opened(at(9), "w1"), ev.completed(at(9, 20), "t1", "w1"), ev.started(at(9, 10), "t1", "w1")], hall, at(9), at(10));
    expect(win(view, "w1")).toMatchObject({ served: 1, avgHandleSeconds: 600, busySeconds: 600 });
  });

  it("counts a completion without a start as served but without handle time", () => {
    const alone = viewOf([ev.opened(at(9), "w1"), ev.completed(at(9, 40), "t3", "w1")], hall, at(9), at(10));
    expect(win(alone, "w1")).toMatchObject({ served: 1, avgHandleSeconds: null, busySeconds: 0, servedToday: 1 });
    const mixed = viewOf(
      [ev.opened(at(9), "w1"), ev.completed(at(9, 40), "t3", "w1"), ev.started(at(9), "t1", "w1"), ev.completed(at(9, 10), "t1", "w1")],
      hall,
      at(9),
      at(10),
    );
    expect(win(mixed, "w1")).toMatchObject({ served: 2, avgHandleSeconds: 600 });
  });

  it("ignores a repeated completion with another event id", () => {
    const view = viewOf(
      [ev.started(at(9), "t1", "w1"), ev.completed(at(9, 10), "t1", "w1"), ev.completed(at(9, 12), "t1", "w1")],
      hall,
      at(9),
      at(10),
    );
    expect(win(view, "w1")).toMatchObject({ served: 1, avgHandleSeconds: 600, servedToday: 1 });
  });

  // docs/metrics.md: a second start while the service is open is a repeat; handle time runs from the first.
  it("measures handle time from the first start when a start is repeated", () => {
    const view = viewOf([ev.started(at(9), "t1", "w1"), ev.started(at(9, 10), "t1", "w1"), ev.completed(at(9, 30), "t1", "w1")], hall, at(9), at(10));
    expect(win(view, "w1").avgHandleSeconds).toBe(1800);
  });

  it("shows utilization above 1 when serving while paused", () => {
    const view = viewOf(
      [ev.opened(at(9), "w1"), ev.paused(at(9, 20), "w1"), ev.started(at(9), "t1", "w1"), ev.completed(at(9, 40), "t1", "w1")],
      hall,
      at(9),
      at(10),
    );
    expect(win(view, "w1")).toMatchObject({ openSeconds: 1200, busySeconds: 2400, utilization: 2, state: "paused", stateSince: iso(at(9, 20)) });
  });

  it("averages ratings, one per ticket (the latest)", () => {
    const view = viewOf(
      [ev.evaluated(at(9, 20), "t1", "w1", 2), ev.evaluated(at(9, 21), "t1", "w1", 4), ev.evaluated(at(9, 30), "t2", "w1", 5), ev.evaluated(at(9, 30), "t3", "w2", 1)],
      hall,
      at(9),
      at(10),
    );
    expect(win(view, "w1")).toMatchObject({ ratingAvg: 4.5, ratingCount: 2 });
    expect(win(view, "w2")).toMatchObject({ ratingAvg: 1, ratingCount: 1 });
  });

  it("counts a re-rated ticket once, in the interval of its latest evaluation (ratings stay additive)", () => {
    const events = [ev.evaluated(at(9, 30), "t1", "w1", 4), ev.evaluated(at(10, 30), "t1", "w1", 3)];
    expect(win(viewOf(events, hall, at(9), at(10)), "w1")).toMatchObject({ ratingAvg: null, ratingCount: 0 });
    expect(win(viewOf(events, hall, at(10), at(11)), "w1")).toMatchObject({ ratingAvg: 3, ratingCount: 1 });
    expect(win(viewOf(events, hall, at(9), at(11)), "w1")).toMatchObject({ ratingAvg: 3, ratingCount: 1 });
  });
});

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

describe("computeLoadView: currentTicket", () => {
  const base = [ev.opened(at(8), "w1"), ev.issued(at(8, 30), "t1", "c1", "A001"), ev.issued(at(8, 31), "t2", "c1", "A002")];
  const current = (events: HallEvent[], to: number) => win(viewOf([...base, ...events], hall, at(8), to), "w1").currentTicket;

  it("goes called → serving → none after completion", () => {
    const events = [ev.called(at(9), "t1", "w1"), ev.started(at(9, 2), "t1", "w1"), ev.completed(at(9, 12), "t1", "w1")];
    expect(current(events, at(9, 1))).toEqual({ ticketNo: "A001", categoryId: "c1", phase: "called", since: iso(at(9)) });
    expect(current(events, at(9, 5))).toEqual({ ticketNo: "A001", categoryId: "c1", phase: "serving", since: iso(at(9, 2)) });
    expect(current(events, at(9, 12))).toBeNull();
  });

  it("is cleared by a no-show and by a transfer away", () => {
    expect(current([ev.called(at(9), "t1", "w1"), ev.noShow(at(9, 3), "t1", "w1")], at(9, 5))).toBeNull();
    expect(current([ev.called(at(9), "t2", "w1"), ev.transferred(at(9, 3), "t2", "w1", "c2")], at(9, 5))).toBeNull();
  });

  it("is none at a closed window", () => {
    expect(current([ev.called(at(9), "t1", "w1"), ev.closed(at(9, 1), "w1")], at(9, 5))).toBeNull();
  });
});

describe("computeLoadView: servedToday in the hall's time zone", () => {
  const events = [
    ev.completed(at(0) - 30 * MINUTE, "t0", "w1"), // 23:30 on 9 March in Shanghai (15:30Z)
    ev.completed(at(0, 30), "t1", "w1"), // 00:30 on 10 March in Shanghai (16:30Z on 9 March)
    ev.completed(at(9, 30), "t2", "w1"),
  ];

  it("counts from local midnight in Asia/Shanghai", () => {
    expect(win(viewOf(events, hall, at(9), at(10)), "w1")).toMatchObject({ served: 1, servedToday: 2 });
  });

  it("counts from UTC midnight for a UTC hall", () => {
    // `to` = 02:00Z on 10 March: the day began at 00:00Z, after both early completions.
    expect(win(viewOf(events, hallConfig({ timezone: "UTC" }), at(9), at(10)), "w1")).toMatchObject({ served: 1, servedToday: 1 });
  });

  it("uses the right midnight on a DST change day (Europe/Berlin, 2025-03-30)", () => {
    const berlin = hallConfig({ timezone: "Europe/Berlin" });
    const to = Date.UTC(2025, 2, 30, 12);
    const list = [
      ev.completed(Date.UTC(2025, 2, 29, 22, 30), "a", "w1"), // 23:30 CET on 29 March
      ev.completed(Date.UTC(2025, 2, 29, 23, 30), "b", "w1"), // 00:30 CET on 30 March
      ev.completed(Date.UTC(2025, 2, 30, 11), "c", "w1"), // 13:00 CEST on 30 March
    ];
    // 11:00Z is at `from` (inclusive): served 1; today holds 00:30 CET and 13:00 CEST.
    expect(win(viewOf(list, berlin, to - HOUR, to), "w1")).toMatchObject({ served: 1, servedToday: 2 });
    // With 22:00Z (the CEST offset applied to midnight) as the day start, 23:30 CET on 29 March would count too.
    expect(startOfLocalDay(to, "Europe/Berlin")).toBe(Date.UTC(2025, 2, 29, 23));
  });
});

describe("computeLoadView: eligibility and imbalance", () => {
  it("is hot by utilization and cold when idle; imbalanced when both exist", () => {
    const events = [
      ev.opened(at(9), "w1"),
      ev.started(at(9), "t1", "w1"),
      ev.completed(at(9, 55), "t1", "w1"),
      ev.opened(at(9), "w2"),
    ];
    const view = viewOf(events, hall, at(9), at(10));
    expect(win(view, "w1")).toMatchObject({ utilization: 55 / 60, eligible: true, hot: true, cold: false });
    expect(win(view, "w2")).toMatchObject({ utilization: 0, eligible: true, hot: false, cold: true });
    expect(win(view, "w3")).toMatchObject({ eligible: false, hot: false, cold: false });
    // utilizations 11/12 and 0: mean 11/24, σ 11/24 → cv 1.
    expect(view.imbalance.cv).toBeCloseTo(1, 12);
    expect(view.imbalance).toMatchObject({ hot: ["w1"], cold: ["w2"], imbalanced: true });
  });

  it("does not call a window cold in the live view while its category has a waiting ticket", () => {
    const events = [
      ev.opened(at(9), "w1"),
      ev.started(at(9), "t1", "w1"),
      ev.completed(at(9, 55), "t1", "w1"),
      ev.opened(at(9), "w2"),
      ev.issued(at(9, 58), "t9", "c2"),
    ];
    const live = viewOf(events, hall, at(9), at(10), true);
    expect(win(live, "w2")).toMatchObject({ eligible: true, cold: false, hot: false });
    expect(live.imbalance).toMatchObject({ hot: ["w1"], cold: [], imbalanced: false });
    const past = viewOf(events, hall, at(9), at(10), false);
    expect(win(past, "w2")).toMatchObject({ cold: true });
    expect(past.imbalance).toMatchObject({ hot: ["w1"], cold: ["w2"], imbalanced: true });
  });

  it("is hot by an over-target wait only in the live view", () => {
    const events = [
      ev.opened(at(9), "w1"),
      ev.started(at(9), "t1", "w1"),
      ev.completed(at(9, 30), "t1", "w1"),
      ev.opened(at(9), "w2"),
      ev.opened(at(9), "w3"),
      ev.issued(at(9, 40), "t2", "c1"), // waiting 20 min at 10:00 > 15 min target
    ];
    const live = viewOf(events, hall, at(9), at(10), true);
    expect(cat(live, "c1")).toMatchObject({ waitingNow: 1, oldestWaitSeconds: 1200 });
    expect(live.windows.map((w) => [w.windowId, w.hot, w.cold])).toEqual([
      ["w1", true, false], // utilization 0.5 but c1 over target
      ["w2", false, true], // c2 empty
      ["w3", true, false], // serves c1 too
    ]);
    expect(live.imbalance).toMatchObject({ hot: ["w1", "w3"], cold: ["w2"], imbalanced: true });
    const past = viewOf(events, hall, at(9), at(10), false);
    expect(past.windows.map((w) => [w.windowId, w.hot, w.cold])).toEqual([
      ["w1", false, false],
      ["w2", false, true],
      ["w3", false, true],
    ]);
    expect(past.imbalance).toMatchObject({ hot: [], cold: ["w2", "w3"], imbalanced: false });
    // utilizations 0.5, 0, 0: mean 1/6, σ = √2/6 → cv √2.
    expect(past.imbalance.cv).toBeCloseTo(Math.SQRT2, 12);
    expect(live.imbalance.cv).toBeCloseTo(Math.SQRT2, 12);
  });

  it("needs a wait strictly longer than the target", () => {
    const base = [ev.opened(at(9), "w1")];
    const exactly = viewOf([...base, ev.issued(at(9, 45), "t1", "c1")], hall, at(9), at(10), true);
    expect(cat(exactly, "c1").oldestWaitSeconds).toBe(900);
    expect(win(exactly, "w1").hot).toBe(false);
    const longer = viewOf([...base, ev.issued(at(9, 45) - 1, "t1", "c1")], hall, at(9), at(10), true);
    expect(win(longer, "w1").hot).toBe(true);
  });

  it("uses the configured thresholds", () => {
    const custom = hallConfig({ hotUtilization: 0.5, coldUtilization: 0.2 });
    const events = [ev.opened(at(9), "w1"), ev.started(at(9), "t1", "w1"), ev.completed(at(9, 30), "t1", "w1"), ev.opened(at(9), "w2"), ev.started(at(9), "t2", "w2"), ev.completed(at(9, 15), "t2", "w2")];
    const view = viewOf(events, custom, at(9), at(10));
    expect(win(view, "w1")).toMatchObject({ utilization: 0.5, hot: true });
    expect(win(view, "w2")).toMatchObject({ utilization: 0.25, cold: false, hot: false });
  });

  it("requires 10 open minutes in an interval of an hour", () => {
    const justEnough = viewOf([ev.opened(at(9, 50), "w1")], hall, at(9), at(10));
    expect(win(justEnough, "w1")).toMatchObject({ openSeconds: 600, eligible: true, cold: true });
    const tooShort = viewOf([ev.opened(at(9, 50) + 1, "w1")], hall, at(9), at(10));
    expect(win(tooShort, "w1")).toMatchObject({ openSeconds: 599.999, eligible: false, cold: false });
  });

  it("requires all of an interval shorter than 10 minutes", () => {
    const events = [ev.opened(at(9), "w1"), ev.opened(at(9, 56), "w2")];
    const view = viewOf(events, hall, at(9, 55), at(10));
    expect(win(view, "w1")).toMatchObject({ openSeconds: 300, eligible: true, cold: true });
    expect(win(view, "w2")).toMatchObject({ openSeconds: 240, eligible: false, cold: false });
  });
});

// ---------------------------------------------------------------------------------------------------------
// Order independence: the same set of events gives the same view in any order, with any duplicates.

const T0 = at(8);
const RANGE = 3 * HOUR;

const tsArb = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 180 }).map((m) => T0 + m * MINUTE) }, // whole minutes: many ties
  { weight: 1, arbitrary: fc.integer({ min: 0, max: RANGE - 1 }).map((ms) => T0 + ms) },
);

const hallArb: fc.Arbitrary<HallConfig> = fc
  .record({ nWindows: fc.integer({ min: 2, max: 4 }), nCategories: fc.integer({ min: 2, max: 3 }) })
  .chain(({ nWindows, nCategories }) => {
    const categories = ["c1", "c2", "c3"].slice(0, nCategories);
    return fc
      .array(fc.subarray(categories, { minLength: 1 }), { minLength: nWindows, maxLength: nWindows })
      .map((lists) => hallConfig({ categories, windows: lists.map((c, i) => ({ id: `w${i + 1}`, categories: c })), waitMinutes: 15 }));
  });

type Draft = (id: string) => HallEvent;

function eventsArb(h: HallConfig): fc.Arbitrary<Draft[]> {
  const windowIds = h.windows.map((w) => w.id);
  const categoryIds = h.categories.map((c) => c.id);
  const tickets = ["t1", "t2", "t3", "t4", "t5", "t6"];
  const w = fc.constantFrom(...windowIds);
  const c = fc.constantFrom(...categoryIds);
  const t = fc.constantFrom(...tickets);

  // Any event at any time: out of order, half-finished, contradictory.
  const random: fc.Arbitrary<Draft> = fc.oneof(
    fc.tuple(tsArb, w).map(([ts, wid]): Draft => (id) => ev.opened(ts, wid, id)),
    fc.tuple(tsArb, w).map(([ts, wid]): Draft => (id) => ev.paused(ts, wid, id)),
    fc.tuple(tsArb, w).map(([ts, wid]): Draft => (id) => ev.resumed(ts, wid, id)),
    fc.tuple(tsArb, w).map(([ts, wid]): Draft => (id) => ev.closed(ts, wid, id)),
    fc.tuple(tsArb, t, c).map(([ts, tid, cid]): Draft => (id) => ev.issued(ts, tid, cid, `${tid.toUpperCase()}${cid}`, id)),
    fc.tuple(tsArb, t, w).map(([ts, tid, wid]): Draft => (id) => ev.called(ts, tid, wid, id)),
    fc.tuple(tsArb, t, w).map(([ts, tid, wid]): Draft => (id) => ev.noShow(ts, tid, wid, id)),
    fc.tuple(tsArb, t, w, c).map(([ts, tid, wid, cid]): Draft => (id) => ev.transferred(ts, tid, wid, cid, id)),
    fc.tuple(tsArb, t, w).map(([ts, tid, wid]): Draft => (id) => ev.started(ts, tid, wid, id)),
    fc.tuple(tsArb, t, w).map(([ts, tid, wid]): Draft => (id) => ev.completed(ts, tid, wid, id)),
    fc.tuple(tsArb, t, w, fc.integer({ min: 1, max: 5 })).map(([ts, tid, wid, r]): Draft => (id) => ev.evaluated(ts, tid, wid, r, id)),
  );

  // A plausible ticket life (issued → called → started → completed → evaluated, maybe transferred),
  // cut off at a random step so that some stay half-finished.
  const life: fc.Arbitrary<Draft[]> = fc
    .record({
      tid: t,
      cid: c,
      wid: w,
      start: tsArb,
      gaps: fc.array(fc.integer({ min: 0, max: 40 * MINUTE }), { minLength: 6, maxLength: 6 }),
      steps: fc.integer({ min: 1, max: 6 }),
      ending: fc.constantFrom("completed", "no_show", "transferred"),
      rating: fc.integer({ min: 1, max: 5 }),
      toCategory: c,
    })
    .map(({ tid, cid, wid, start, gaps, steps, ending, rating, toCategory }) => {
      const times: number[] = [];
      let cur = start;
      for (const g of gaps) {
        cur += g;
        times.push(cur);
      }
      const [t1, t2, t3, t4, t5] = times as [number, number, number, number, number];
      const all: Draft[] = [
        (id) => ev.issued(start, tid, cid, `${tid.toUpperCase()}${cid}`, id),
        (id) => ev.called(t1, tid, wid, id),
        ending === "no_show" ? (id) => ev.noShow(t2, tid, wid, id) : (id) => ev.started(t2, tid, wid, id),
        ending === "transferred" ? (id) => ev.transferred(t3, tid, wid, toCategory, id) : (id) => ev.completed(t3, tid, wid, id),
        (id) => ev.evaluated(t4, tid, wid, rating, id),
        (id) => ev.called(t5, tid, wid, id),
      ];
      return all.slice(0, steps);
    });

  // A window's day: opened, then pauses/resumes, maybe closed.
  const windowDay: fc.Arbitrary<Draft[]> = fc
    .record({
      wid: w,
      start: tsArb,
      moves: fc.array(fc.tuple(fc.constantFrom("paused", "resumed", "closed", "opened"), fc.integer({ min: 0, max: 50 * MINUTE })), { maxLength: 4 }),
    })
    .map(({ wid, start, moves }) => {
      const out: Draft[] = [(id) => ev.opened(start, wid, id)];
      let cur = start;
      for (const [kind, gap] of moves) {
        cur += gap;
        const ts = cur;
        const make = ev[kind];
        out.push((id) => make(ts, wid, id));
      }
      return out;
    });

  return fc
    .tuple(fc.array(windowDay, { maxLength: 4 }), fc.array(life, { maxLength: 6 }), fc.array(random, { maxLength: 12 }))
    .map(([days, lives, noise]) => [...days.flat(), ...lives.flat(), ...noise]);
}

interface Scenario {
  hall: HallConfig;
  /** Distinct events (unique ids). */
  events: HallEvent[];
  /** The original stream, with some events repeated (same id) in place. */
  original: HallEvent[];
  /** A permutation of the distinct events. */
  shuffled: HallEvent[];
  /** A permutation of the distinct events plus further copies. */
  withDuplicates: HallEvent[];
  probes: number[];
}

const scenarioArb: fc.Arbitrary<Scenario> = hallArb.chain((h) =>
  eventsArb(h).chain((drafts) => {
    const events = drafts.map((d, i) => d(`g${String(i).padStart(3, "0")}`));
    const n = events.length;
    return fc
      .record({
        inPlace: fc.array(fc.tuple(fc.nat({ max: Math.max(0, n - 1) }), fc.nat({ max: n })), { maxLength: n === 0 ? 0 : 5 }),
        shuffled: fc.shuffledSubarray(events, { minLength: n, maxLength: n }),
        extra: fc.subarray(events),
        probes: fc.array(fc.integer({ min: 0, max: RANGE + HOUR }), { minLength: 2, maxLength: 2 }),
      })
      .chain(({ inPlace, shuffled, extra, probes }) => {
        const original = [...events];
        for (const [src, pos] of inPlace) {
          const e = events[src];
          if (e) original.splice(Math.min(pos, original.length), 0, e);
        }
        const pool = [...events, ...extra.map((e) => ({ ...e }))];
        return fc.shuffledSubarray(pool, { minLength: pool.length, maxLength: pool.length }).map((withDuplicates) => ({
          hall: h,
          events,
          original,
          shuffled,
          withDuplicates,
          probes: probes.map((p) => T0 + p),
        }));
      });
  }),
);

function intervals(probes: number[]): [number, number][] {
  const [p, q] = probes as [number, number];
  return [
    [T0, T0 + RANGE], // everything
    [T0 + 30 * MINUTE, T0 + 90 * MINUTE],
    [p - HOUR, p], // live-like hour ending anywhere
    [q, q + 5 * MINUTE], // shorter than 10 minutes
    [T0 + 2 * HOUR, T0 + 4 * HOUR], // ends after every event
  ];
}

function views(facts: HallFacts, h: HallConfig, probes: number[]): LoadView[] {
  const out: LoadView[] = [];
  for (const [from, to] of intervals(probes))
    for (const live of [false, true])
      out.push(computeLoadView(facts, h, { hallId: HALL_ID, from, to, live, dayStart: startOfLocalDay(to, h.timezone) }));
  return out;
}

describe("computeLoadView: order independence (property)", () => {
  it("gives deep-equal views for the original order, a permutation and with duplicates", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const reference = views(factsOf(s.original), s.hall, s.probes);
        expect(views(factsOf(s.shuffled), s.hall, s.probes)).toEqual(reference);
        expect(views(factsOf(s.withDuplicates), s.hall, s.probes)).toEqual(reference);
        expect(factsOf(s.withDuplicates).eventCount).toBe(s.events.length);
      }),
      { numRuns: 200 },
    );
  });

  it("keeps the view's internal rules (property)", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const facts = factsOf(s.shuffled);
        for (const [from, to] of intervals(s.probes)) {
          for (const live of [false, true]) {
            const view = computeLoadView(facts, s.hall, { hallId: HALL_ID, from, to, live, dayStart: startOfLocalDay(to, s.hall.timezone) });
            const lengthS = (to - from) / 1000;
            for (const wl of view.windows) {
              expect(wl.openSeconds).toBeGreaterThanOrEqual(0);
              expect(wl.openSeconds).toBeLessThanOrEqual(lengthS);
              expect(wl.busySeconds).toBeLessThanOrEqual(lengthS);
              if (wl.openSeconds > 0) expect(wl.utilization).toBeCloseTo(wl.busySeconds / wl.openSeconds, 9);
              else expect(wl.utilization).toBe(0);
              expect(wl.eligible).toBe(wl.openSeconds > 0 && wl.openSeconds >= Math.min(600, lengthS));
              expect(wl.hot && wl.cold).toBe(false);
              if (!wl.eligible) expect(wl.hot || wl.cold).toBe(false);
              if (wl.state === "closed") expect(wl.currentTicket).toBeNull();
              if (wl.ratingAvg !== null) {
                expect(wl.ratingAvg).toBeGreaterThanOrEqual(1);
                expect(wl.ratingAvg).toBeLessThanOrEqual(5);
              }
              expect(wl.ratingCount === 0).toBe(wl.ratingAvg === null);
              expect(wl.avgHandleSeconds === null || wl.served > 0).toBe(true);
            }
            expect(view.imbalance.hot).toEqual(view.windows.filter((x) => x.hot).map((x) => x.windowId));
            expect(view.imbalance.cold).toEqual(view.windows.filter((x) => x.cold).map((x) => x.windowId));
            expect(view.imbalance.imbalanced).toBe(view.imbalance.hot.length > 0 && view.imbalance.cold.length > 0);

            // Independent reference for arrivals: each ticket's earliest issue (by ts, then id).
            const firstIssue = new Map<string, { ts: number; id: string; categoryId: string }>();
            for (const e of s.events) {
              if (e.type !== "ticket.issued") continue;
              const ts = parseIsoTimestamp(e.ts) as number;
              const prev = firstIssue.get(e.ticketId);
              if (!prev || ts < prev.ts || (ts === prev.ts && e.id < prev.id)) firstIssue.set(e.ticketId, { ts, id: e.id, categoryId: e.categoryId });
            }
            for (const cl of view.categories) {
              const expected = [...firstIssue.values()].filter((i) => i.categoryId === cl.categoryId && i.ts >= from && i.ts < to).length;
              expect(cl.arrivals).toBe(expected);
              expect(cl.waitingNow === 0).toBe(cl.oldestWaitSeconds === null);
              expect(cl.calledCount === 0).toBe(cl.avgWaitSeconds === null);
              if (cl.maxWaitSeconds !== null) expect(cl.maxWaitSeconds).toBeGreaterThanOrEqual(cl.avgWaitSeconds as number);
            }

            // recentCalls: the newest ≤ 12 distinct calls with ts ≤ to.
            const callTimes = s.events
              .filter((e) => e.type === "ticket.called")
              .map((e) => parseIsoTimestamp(e.ts) as number)
              .filter((ts) => ts <= to)
              .sort((a, b) => b - a)
              .slice(0, 12);
            expect(view.recentCalls.map((r) => Date.parse(r.ts))).toEqual(callTimes);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
