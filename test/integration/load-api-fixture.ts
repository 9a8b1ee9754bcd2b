// The shared fixture of the load-api.*.int.test.ts files, which test GET /api/halls/:hallId/load against the
// real server process. Each file calls setUpLoadServer() and so starts its own server with the same halls
// and events: one hand-built scenario (below), sent in time order into hall A and into hall C (stricter
// thresholds); hall B and the live hall are created empty for the tests that fill them. Every expected
// figure here is worked out by hand from docs/metrics.md (the derivations are in the comments), never
// copied from server output.
import { afterAll, beforeAll, expect } from "vitest";
import type { CategoryLoad, HallConfig, HallEvent, LoadView, RecentCall, WindowLoad } from "../../contract/index.js";
import { Api } from "../helpers/api.js";
import { EventFactory, testHall } from "../helpers/hall-fixture.js";
import { ServerProcess } from "../helpers/server-process.js";

export const server = new ServerProcess();
export let admin: Api;

export const MIN = 60_000;
/** Whole minute, three hours ago: the scenario runs from base − 20 min to base + 70 min. */
export const BASE = Math.floor((Date.now() - 3 * 60 * MIN) / MIN) * MIN;
export const at = (minutes: number) => new Date(BASE + minutes * MIN).toISOString();

/**
 * The scenario (minutes from BASE). testHall: w1, w2 serve "social"; w3 serves "estate".
 *
 *   w1  opened −10 (never closed)
 *       A001 (t1, social) issued −20, called −6, started −5, completed 30
 *       A002 (t2, social) issued   5, called 29, started 30, completed 54, rated 5 at 55
 *       A004 (t6, social) issued  40, called 55, started 56, completed 70
 *       A006 (t8, social) issued  58, called 61 (at w1)
 *   w2  opened 0 (never closed)
 *       A003 (t3, social) issued 10, called 19, started 20, completed 26, rated 3 at 27 then 4 at 28
 *       A008 (t10, social) issued 36, called 38, no-show 40
 *       A007 (t9, social) issued 45, called 46, transferred from w2 to "estate" at 47 (never called again)
 *   w3  opened 10, paused 20, resumed 25, closed 50
 *       B001 (t4, estate) issued 2, called 11, started 12, completed 18
 *       B002 (t5, estate) issued 15, called 28, recalled 29.5, started 30, completed 44
 *   A005 (t7, social) issued 50, never called
 */
export function scenario(hallId: string): HallEvent[] {
  const f = new EventFactory(hallId, BASE, "ev-");
  const issue = (m: number, ticketId: string, ticketNo: string, categoryId: string) =>
    f.make(m, { type: "ticket.issued", ticketId, ticketNo, categoryId, channel: "kiosk" });
  const call = (m: number, ticketId: string, windowId: string) => f.make(m, { type: "ticket.called", ticketId, windowId });
  const start = (m: number, ticketId: string, windowId: string) => f.make(m, { type: "service.started", ticketId, windowId });
  const done = (m: number, ticketId: string, windowId: string) => f.make(m, { type: "service.completed", ticketId, windowId, outcome: "done" });
  return [
    f.make(-10, { type: "window.opened", windowId: "w1", staffId: "s1" }),
    f.make(0, { type: "window.opened", windowId: "w2", staffId: "s2" }),
    f.make(10, { type: "window.opened", windowId: "w3", staffId: "s3" }),
    f.make(20, { type: "window.paused", windowId: "w3", reason: "午休 <b>" }),
    f.make(25, { type: "window.resumed", windowId: "w3" }),
    f.make(50, { type: "window.closed", windowId: "w3" }),
    // w1
    issue(-20, "t1", "A001", "social"), call(-6, "t1", "w1"), start(-5, "t1", "w1"), done(30, "t1", "w1"),
    issue(5, "t2", "A002", "social"), call(29, "t2", "w1"), start(30, "t2", "w1"), done(54, "t2", "w1"),
    f.make(55, { type: "evaluation.submitted", ticketId: "t2", windowId: "w1", rating: 5 }),
    issue(40, "t6", "A004", "social"), call(55, "t6", "w1"), start(56, "t6", "w1"), done(70, "t6", "w1"),
    issue(58, "t8", "A006", "social"), call(61, "t8", "w1"),
    // w2
    issue(10, "t3", "A003", "social"), call(19, "t3", "w2"), start(20, "t3", "w2"), done(26, "t3", "w2"),
    f.make(27, { type: "evaluation.submitted", ticketId: "t3", windowId: "w2", rating: 3 }),
    f.make(28, { type: "evaluation.submitted", ticketId: "t3", windowId: "w2", rating: 4 }),
    issue(36, "t10", "A008", "social"), call(38, "t10", "w2"), f.make(40, { type: "ticket.no_show", ticketId: "t10", windowId: "w2" }),
    issue(45, "t9", "A007", "social"), call(46, "t9", "w2"),
    f.make(47, { type: "ticket.transferred", ticketId: "t9", fromWindowId: "w2", toCategoryId: "estate" }),
    // w3
    issue(2, "t4", "B001", "estate"), call(11, "t4", "w3"), start(12, "t4", "w3"), done(18, "t4", "w3"),
    issue(15, "t5", "B002", "estate"), call(28, "t5", "w3"), call(29.5, "t5", "w3"), start(30, "t5", "w3"), done(44, "t5", "w3"),
    // waiting
    issue(50, "t7", "A005", "social"),
  ];
}

/** Start of the local day (Asia/Shanghai, UTC+8 all year, no DST) containing `ms`. */
function shanghaiDayStart(ms: number): number {
  const H8 = 8 * 60 * MIN;
  return Math.floor((ms + H8) / (24 * 60 * MIN)) * 24 * 60 * MIN - H8;
}
/** servedToday: completions (minutes) in [local day start of `to`, to). */
export function servedToday(completions: number[], toMs: number): number {
  const start = shanghaiDayStart(toMs);
  return completions.filter((m) => BASE + m * MIN >= start && BASE + m * MIN < toMs).length;
}

export function win(view: LoadView, id: string): WindowLoad {
  const w = view.windows.find((x) => x.windowId === id);
  if (!w) throw new Error(`no window ${id} in the view`);
  return w;
}
export function cat(view: LoadView, id: string): CategoryLoad {
  const c = view.categories.find((x) => x.categoryId === id);
  if (!c) throw new Error(`no category ${id} in the view`);
  return c;
}

export const HALL_A = "ld-a";
export const HALL_B = "ld-b";
export const HALL_C = "ld-c";
export const HALL_LIVE = "ld-live";
export const EVENTS_A = scenario(HALL_A);

/** Starts this file's server with the halls and events above, and stops and removes it after the file. */
export function setUpLoadServer(): void {
  beforeAll(async () => {
    await server.start();
    admin = new Api(server.url, server.adminToken);
    for (const h of [HALL_A, HALL_B, HALL_LIVE]) expect((await admin.putHall(h, testHall)).status).toBe(201);
    const strict: HallConfig = { ...testHall, targets: { waitMinutes: 20, hotUtilization: 0.98, coldUtilization: 0.05 } };
    expect((await admin.putHall(HALL_C, strict)).status).toBe(201);

    // Hall A: in time order, one batch.
    const res = await admin.postEvents(HALL_A, EVENTS_A);
    expect(res.status).toBe(200);
    expect(res.body.results.every((r) => r.status === "accepted")).toBe(true);
    expect((await admin.postEvents(HALL_C, scenario(HALL_C))).body.results.every((r) => r.status === "accepted")).toBe(true);
  });

  afterAll(async () => {
    await server.stop();
    server.remove();
  });
}

/** Every figure of [0, 60), derived by hand. */
export function expectHourFigures(view: LoadView, hallId: string): void {
  expect(view.hallId).toBe(hallId);
  expect(view.from).toBe(at(0));
  expect(view.to).toBe(at(60));
  expect(view.live).toBe(false);
  expect(view.windows.map((w) => w.windowId)).toEqual(["w1", "w2", "w3"]);
  expect(view.categories.map((c) => c.categoryId)).toEqual(["social", "estate"]);
  const toMs = BASE + 60 * MIN;

  // w1: open since −10 → all 60 min = 3600 s. Busy: t1 [−5,30) clipped to [0,30) = 30 min, t2 [30,54) = 24 min,
  // t6 [56,70) clipped to [56,60) = 4 min → 58 min = 3480 s. Utilization 3480/3600 = 29/30.
  // Served: completions at 30 and 54 (t6 at 70 is after `to`) = 2; handle (35 min + 24 min)/2 = (2100+1440)/2 = 1770 s.
  expect(win(view, "w1")).toEqual({
    windowId: "w1",
    openSeconds: 3600,
    busySeconds: 3480,
    utilization: expect.closeTo(29 / 30, 12),
    served: 2,
    avgHandleSeconds: 1770,
    ratingAvg: 5,
    ratingCount: 1,
    eligible: true,
    hot: true,
    cold: false,
    state: "open",
    stateSince: at(-10),
    // Latest call/start at w1 by 60: t6 started at 56 (t8's call at 61 is after `to`).
    currentTicket: { ticketNo: "A004", categoryId: "social", phase: "serving", since: at(56) },
    servedToday: servedToday([30, 54], toMs),
  });
  // w2: open [0,60) = 3600 s; busy t3 [20,26) = 360 s; utilization 0.1; one service of 360 s; t3 rated twice,
  // the later rating (4) counts once. Latest call at w2 is t9's (46), transferred away at 47 → no current ticket.
  expect(win(view, "w2")).toEqual({
    windowId: "w2",
    openSeconds: 3600,
    busySeconds: 360,
    utilization: expect.closeTo(0.1, 12),
    served: 1,
    avgHandleSeconds: 360,
    ratingAvg: 4,
    ratingCount: 1,
    eligible: true,
    hot: false,
    cold: true,
    state: "open",
    stateSince: at(0),
    currentTicket: null,
    servedToday: servedToday([26], toMs),
  });
  // w3: open [10,20) + [25,50) = 35 min = 2100 s; busy t4 [12,18) 6 min + t5 [30,44) 14 min = 1200 s;
  // utilization 1200/2100 = 4/7 (neither ≥ 0.85 nor ≤ 0.35); handle (360+840)/2 = 600 s; closed at 50.
  expect(win(view, "w3")).toEqual({
    windowId: "w3",
    openSeconds: 2100,
    busySeconds: 1200,
    utilization: expect.closeTo(4 / 7, 12),
    served: 2,
    avgHandleSeconds: 600,
    ratingAvg: null,
    ratingCount: 0,
    eligible: true,
    hot: false,
    cold: false,
    state: "closed",
    stateSince: at(50),
    currentTicket: null,
    servedToday: servedToday([18, 44], toMs),
  });

  // social: issued in [0,60): t2 5, t3 10, t10 36, t6 40, t9 45, t7 50, t8 58 = 7 (t1 at −20 is before).
  // First calls in [0,60): t3 19 (wait 9 min), t2 29 (24 min), t10 38 (2 min), t9 46 (1 min), t6 55 (15 min) = 5;
  // waits 540+1440+120+60+900 = 3060 s → mean 612, max 1440. Waiting at 60: t7 (since 50) and t8 (its call at 61 is
  // after `to`) = 2, oldest 600 s. t9 left the social queue by its call at 46 and now waits in estate.
  expect(cat(view, "social")).toEqual({
    categoryId: "social",
    arrivals: 7,
    calledCount: 5,
    avgWaitSeconds: 612,
    maxWaitSeconds: 1440,
    waitingNow: 2,
    oldestWaitSeconds: 600,
  });
  // estate: issued t4 2, t5 15 = 2; first calls t4 11 (9 min = 540), t5 28 (13 min = 780; the recall at 29.5 does not
  // change the wait) → mean 660, max 780. Waiting at 60: t9, transferred in at 47 → 1, oldest 13 min = 780 s.
  expect(cat(view, "estate")).toEqual({
    categoryId: "estate",
    arrivals: 2,
    calledCount: 2,
    avgWaitSeconds: 660,
    maxWaitSeconds: 780,
    waitingNow: 1,
    oldestWaitSeconds: 780,
  });

  // Utilizations 29/30, 1/10, 4/7 = 203/210, 21/210, 120/210; mean 344/630 (= 172/315).
  // In 630ths: 609, 63, 360 minus 344 → 265, −281, 16; squares 70225 + 78961 + 256 = 149442;
  // population variance 149442 / (3·630²) → std = √49814 / 630 → cv = √49814 / 344 ≈ 0.648810.
  expect(view.imbalance.cv).toBeCloseTo(Math.sqrt(49814) / 344, 9);
  expect(view.imbalance.cv).toBeCloseTo(0.64881, 5);
  expect(view.imbalance.hot).toEqual(["w1"]);
  expect(view.imbalance.cold).toEqual(["w2"]);
  expect(view.imbalance.imbalanced).toBe(true);

  // Calls with ts ≤ 60, newest first (t8's call at 61 is after `to`).
  const calls: RecentCall[] = [
    { ticketNo: "A004", windowId: "w1", categoryId: "social", ts: at(55), recall: false },
    { ticketNo: "A007", windowId: "w2", categoryId: "social", ts: at(46), recall: false },
    { ticketNo: "A008", windowId: "w2", categoryId: "social", ts: at(38), recall: false },
    { ticketNo: "B002", windowId: "w3", categoryId: "estate", ts: at(29.5), recall: true },
    { ticketNo: "A002", windowId: "w1", categoryId: "social", ts: at(29), recall: false },
    { ticketNo: "B002", windowId: "w3", categoryId: "estate", ts: at(28), recall: false },
    { ticketNo: "A003", windowId: "w2", categoryId: "social", ts: at(19), recall: false },
    { ticketNo: "B001", windowId: "w3", categoryId: "estate", ts: at(11), recall: false },
    { ticketNo: "A001", windowId: "w1", categoryId: "social", ts: at(-6), recall: false },
  ];
  expect(view.recentCalls).toEqual(calls);
}
