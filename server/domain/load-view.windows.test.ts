// computeLoadView: the per-window figures: services, ratings, the current ticket and servedToday.
import { describe, expect, it } from "vitest";
import { startOfLocalDay, type HallEvent } from "../../contract/index.js";
import { hall, win } from "./load-view.test-support.js";
import { at, ev, hallConfig, HOUR, iso, MINUTE, viewOf } from "./test-fixtures.js";

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
