// GET /api/halls/:hallId/load against the real server process. One hand-built scenario; every expected
// figure below is worked out by hand from docs/metrics.md (the derivations are in the comments), never
// copied from server output. The same events shuffled and duplicated into a second hall give the same view.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CategoryLoad, ErrorBody, HallConfig, HallEvent, IngestResult, LoadView, RecentCall, WindowLoad } from "../../contract/index.js";
import { Api } from "../helpers/api.js";
import { EventFactory, testHall } from "../helpers/hall-fixture.js";
import { ServerProcess } from "../helpers/server-process.js";

const server = new ServerProcess();
let admin: Api;

const MIN = 60_000;
/** Whole minute, three hours ago: the scenario runs from base − 20 min to base + 70 min. */
const BASE = Math.floor((Date.now() - 3 * 60 * MIN) / MIN) * MIN;
const at = (minutes: number) => new Date(BASE + minutes * MIN).toISOString();

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
function scenario(hallId: string): HallEvent[] {
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
function servedToday(completions: number[], toMs: number): number {
  const start = shanghaiDayStart(toMs);
  return completions.filter((m) => BASE + m * MIN >= start && BASE + m * MIN < toMs).length;
}

/** A seeded shuffle (mulberry32), so that a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function win(view: LoadView, id: string): WindowLoad {
  const w = view.windows.find((x) => x.windowId === id);
  if (!w) throw new Error(`no window ${id} in the view`);
  return w;
}
function cat(view: LoadView, id: string): CategoryLoad {
  const c = view.categories.find((x) => x.categoryId === id);
  if (!c) throw new Error(`no category ${id} in the view`);
  return c;
}

const HALL_A = "ld-a";
const HALL_B = "ld-b";
const HALL_C = "ld-c";
const HALL_LIVE = "ld-live";
const EVENTS_A = scenario(HALL_A);

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

/** Every figure of [0, 60), derived by hand. */
function expectHourFigures(view: LoadView, hallId: string): void {
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

describe("GET /load over an explicit range", () => {
  it("computes every figure of the hour [0, 60) as defined in docs/metrics.md", async () => {
    const res = await admin.load(HALL_A, { from: at(0), to: at(60) });
    expect(res.status).toBe(200);
    expectHourFigures(res.body, HALL_A);
  });

  it("clips to [20, 50): open, busy, served, waits and states at `to`", async () => {
    const res = await admin.load(HALL_A, { from: at(20), to: at(50) });
    expect(res.status).toBe(200);
    const v = res.body;
    // w1: open 30 min; busy t1 [20,30) + t2 [30,50) = 30 min → utilization 1; served t1 (30) with handle 35 min.
    expect(win(v, "w1")).toMatchObject({
      openSeconds: 1800, busySeconds: 1800, served: 1, avgHandleSeconds: 2100, ratingCount: 0, ratingAvg: null,
      state: "open", currentTicket: { ticketNo: "A002", categoryId: "social", phase: "serving", since: at(30) },
    });
    expect(win(v, "w1").utilization).toBeCloseTo(1, 12);
    // w2: busy t3 [20,26) = 360 s of 1800 → 0.2; served 1; t3's latest rating (4, at 28) is in range.
    expect(win(v, "w2")).toMatchObject({ openSeconds: 1800, busySeconds: 360, served: 1, avgHandleSeconds: 360, ratingAvg: 4, ratingCount: 1, currentTicket: null });
    expect(win(v, "w2").utilization).toBeCloseTo(0.2, 12);
    // w3: open [25,50) = 25 min (paused [20,25)); busy t5 [30,44) = 840 s → 840/1500 = 0.56; closed at 50 (ts ≤ to).
    expect(win(v, "w3")).toMatchObject({ openSeconds: 1500, busySeconds: 840, served: 1, avgHandleSeconds: 840, state: "closed", stateSince: at(50), currentTicket: null });
    expect(win(v, "w3").utilization).toBeCloseTo(0.56, 12);
    // social: issued t10 36, t6 40, t9 45 = 3; first calls t2 29 (1440), t10 38 (120), t9 46 (60) → mean 540.
    // Waiting at 50: t6 (since 40) and t7 (issued at 50 = to, "ts ≤ to") → 2, oldest 600 s.
    expect(cat(v, "social")).toEqual({ categoryId: "social", arrivals: 3, calledCount: 3, avgWaitSeconds: 540, maxWaitSeconds: 1440, waitingNow: 2, oldestWaitSeconds: 600 });
    // estate: no issue in range; first call t5 28 (780); waiting t9 since 47 → 180 s.
    expect(cat(v, "estate")).toEqual({ categoryId: "estate", arrivals: 0, calledCount: 1, avgWaitSeconds: 780, maxWaitSeconds: 780, waitingNow: 1, oldestWaitSeconds: 180 });
    // Utilizations 1, 0.2, 0.56 = 25/25, 5/25, 14/25; mean 44/75; in 75ths 75, 15, 42 − 44 = 31, −29, −2;
    // squares 961 + 841 + 4 = 1806 → std = √(1806/3)/75 = √602/75 → cv = √602/44 ≈ 0.557629.
    expect(v.imbalance.cv).toBeCloseTo(Math.sqrt(602) / 44, 9);
    expect(v.imbalance).toMatchObject({ hot: ["w1"], cold: ["w2"], imbalanced: true });
    expect(v.recentCalls.map((c) => [c.ticketNo, c.ts, c.recall])).toEqual([
      ["A007", at(46), false], ["A008", at(38), false], ["B002", at(29.5), true], ["A002", at(29), false],
      ["B002", at(28), false], ["A003", at(19), false], ["B001", at(11), false], ["A001", at(-6), false],
    ]);
  });

  it("judges a range shorter than 10 minutes: open for all of it is eligible, paused is not", async () => {
    // [21, 24): w1 and w2 open and busy throughout (t1, t3) → utilization 1, hot; w3 paused → open 0, not eligible.
    const v = (await admin.load(HALL_A, { from: at(21), to: at(24) })).body;
    expect(win(v, "w1")).toMatchObject({ openSeconds: 180, busySeconds: 180, eligible: true, hot: true, cold: false });
    expect(win(v, "w2")).toMatchObject({ openSeconds: 180, busySeconds: 180, eligible: true, hot: true, cold: false });
    expect(win(v, "w3")).toMatchObject({ openSeconds: 0, utilization: 0, eligible: false, hot: false, cold: false, state: "paused", stateSince: at(20) });
    expect(v.imbalance).toEqual({ cv: 0, hot: ["w1", "w2"], cold: [], imbalanced: false });
  });

  it("shows a quiet hall before anything happened as all zero and closed", async () => {
    const v = (await admin.load(HALL_A, { from: at(-200), to: at(-100) })).body;
    for (const w of v.windows)
      expect(w).toMatchObject({ openSeconds: 0, busySeconds: 0, utilization: 0, served: 0, avgHandleSeconds: null, eligible: false, state: "closed", stateSince: null, currentTicket: null });
    for (const c of v.categories) expect(c).toMatchObject({ arrivals: 0, calledCount: 0, avgWaitSeconds: null, maxWaitSeconds: null, waitingNow: 0, oldestWaitSeconds: null });
    expect(v.imbalance).toEqual({ cv: 0, hot: [], cold: [], imbalanced: false });
    expect(v.recentCalls).toEqual([]);
  });

  it("applies the hall's own thresholds (hot ≥ 0.98, cold ≤ 0.05: nobody is hot or cold)", async () => {
    const v = (await admin.load(HALL_C, { from: at(0), to: at(60) })).body;
    expect(v.hallId).toBe(HALL_C);
    expect(v.windows.map((w) => [w.windowId, w.hot, w.cold])).toEqual([["w1", false, false], ["w2", false, false], ["w3", false, false]]);
    expect(v.imbalance.cv).toBeCloseTo(Math.sqrt(49814) / 344, 9);
    expect(v.imbalance).toMatchObject({ hot: [], cold: [], imbalanced: false });
  });

  it("is readable by manager and display tokens of the hall, not by staff", async () => {
    const range = { from: at(0), to: at(60) };
    for (const role of ["manager", "display"]) {
      const t = (await admin.createToken({ role, hallId: HALL_A })).body.token;
      const res = await admin.as(t).load(HALL_A, range);
      expect(res.status).toBe(200);
      expectHourFigures(res.body, HALL_A);
    }
    const staff = (await admin.createToken({ role: "staff", hallId: HALL_A, windowId: "w1" })).body.token;
    const res = await admin.as(staff).request<ErrorBody>("GET", `/api/halls/${HALL_A}/load?from=${encodeURIComponent(at(0))}&to=${encodeURIComponent(at(60))}`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
  });
});

describe("order independence and duplicates", () => {
  it("gives identical figures for the same events shuffled, split and duplicated into another hall", async () => {
    const events = scenario(HALL_B);
    expect(events.map((e) => e.id)).toEqual(EVENTS_A.map((e) => e.id));
    const dupes = shuffled(events, 7).slice(0, 15);
    const stream = shuffled([...events, ...dupes], 20261125);
    const batches: HallEvent[][] = [];
    for (let i = 0; i < stream.length; i += 7) batches.push(stream.slice(i, i + 7));
    // A retried batch, sent again as a whole.
    batches.splice(3, 0, batches[1] as HallEvent[]);

    const results: IngestResult[] = [];
    for (const b of batches) {
      const res = await admin.postEvents(HALL_B, b);
      expect(res.status).toBe(200);
      expect(res.body.results.length).toBe(b.length);
      results.push(...res.body.results);
    }
    const sent = batches.flat();
    expect(results.length).toBe(sent.length);
    expect(results.map((r) => r.id)).toEqual(sent.map((e) => e.id));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(results.filter((r) => r.status === "accepted").length).toBe(events.length);
    expect(results.filter((r) => r.status === "duplicate").length).toBe(sent.length - events.length);
    expect(new Set(results.filter((r) => r.status === "accepted").map((r) => r.id)).size).toBe(events.length);

    for (const range of [{ from: at(0), to: at(60) }, { from: at(20), to: at(50) }, { from: at(21), to: at(24) }]) {
      const a = (await admin.load(HALL_A, range)).body;
      const b = (await admin.load(HALL_B, range)).body;
      expect(b.hallId).toBe(HALL_B);
      expect({ ...b, hallId: HALL_A }).toEqual(a);
    }
    expectHourFigures((await admin.load(HALL_B, { from: at(0), to: at(60) })).body, HALL_B);

    // The live views agree too (apart from `from`/`to`, which follow the clock).
    const la = (await admin.load(HALL_A)).body;
    const lb = (await admin.load(HALL_B)).body;
    // Waits are measured up to each view's own `to`: compare them as ages at a common instant.
    const strip = (v: LoadView) => ({
      windows: v.windows,
      categories: v.categories.map((c) => ({ ...c, oldestWaitSeconds: c.oldestWaitSeconds === null ? null : Math.round(Date.parse(v.to) - c.oldestWaitSeconds * 1000) })),
      imbalance: v.imbalance,
      recentCalls: v.recentCalls,
    });
    expect(strip(lb)).toEqual(strip(la));
  });

  it("does not change any figure when the whole log is sent again", async () => {
    const res = await admin.postEvents(HALL_A, shuffled(EVENTS_A, 99));
    expect(res.body.results.length).toBe(EVENTS_A.length);
    expect(res.body.results.every((r) => r.status === "duplicate")).toBe(true);
    expectHourFigures((await admin.load(HALL_A, { from: at(0), to: at(60) })).body, HALL_A);
  });

  it("keeps the figures across a restart (read back from the SQLite file)", async () => {
    await server.restart();
    expectHourFigures((await admin.load(HALL_A, { from: at(0), to: at(60) })).body, HALL_A);
    expectHourFigures((await admin.load(HALL_B, { from: at(0), to: at(60) })).body, HALL_B);
  });
});

describe("the live view", () => {
  it("without from/to covers the last 60 minutes up to now, with the live hot rule", async () => {
    const before = Date.now();
    const res = await admin.load(HALL_A);
    const after = Date.now();
    expect(res.status).toBe(200);
    const v = res.body;
    expect(v.live).toBe(true);
    const to = Date.parse(v.to);
    expect(to).toBeGreaterThanOrEqual(before - 1000);
    expect(to).toBeLessThanOrEqual(after + 1000);
    expect(Date.parse(v.from)).toBe(to - 60 * MIN);

    // Every scenario event is more than an hour old (the last, t6's completion, at BASE + 70 = now − 1h50).
    // w1, w2 open the whole hour and idle → utilization 0; w3 closed at 50 → not eligible.
    expect(win(v, "w1")).toMatchObject({ openSeconds: 3600, busySeconds: 0, utilization: 0, served: 0, avgHandleSeconds: null, eligible: true, state: "open", stateSince: at(-10) });
    expect(win(v, "w2")).toMatchObject({ openSeconds: 3600, busySeconds: 0, utilization: 0, served: 0, eligible: true, state: "open", currentTicket: null });
    expect(win(v, "w3")).toMatchObject({ openSeconds: 0, eligible: false, hot: false, cold: false, state: "closed", stateSince: at(50) });
    // w1's current ticket: t8, called at 61 and not served yet.
    expect(win(v, "w1").currentTicket).toEqual({ ticketNo: "A006", categoryId: "social", phase: "called", since: at(61) });
    expect(win(v, "w1").servedToday).toBe(servedToday([30, 54, 70], to));
    // social: t7 (issued at 50, never called) still waits, for well over the 20-minute target; estate: t9 since 47.
    expect(cat(v, "social")).toMatchObject({ arrivals: 0, calledCount: 0, avgWaitSeconds: null, maxWaitSeconds: null, waitingNow: 1 });
    expect(cat(v, "social").oldestWaitSeconds).toBeCloseTo((to - (BASE + 50 * MIN)) / 1000, 6);
    expect(cat(v, "estate")).toMatchObject({ waitingNow: 1 });
    expect(cat(v, "estate").oldestWaitSeconds).toBeCloseTo((to - (BASE + 47 * MIN)) / 1000, 6);
    // Live: a social ticket waits longer than waitMinutes → w1 and w2 (social windows) are hot even at
    // utilization 0, and so not cold. cv over [0, 0] is 0 (zero mean).
    expect(win(v, "w1")).toMatchObject({ hot: true, cold: false });
    expect(win(v, "w2")).toMatchObject({ hot: true, cold: false });
    expect(v.imbalance).toEqual({ cv: 0, hot: ["w1", "w2"], cold: [], imbalanced: false });
    expect(v.recentCalls[0]).toEqual({ ticketNo: "A006", windowId: "w1", categoryId: "social", ts: at(61), recall: false });
    expect(v.recentCalls.length).toBe(10);
  });

  it("follows events as they arrive: busy, waiting, and a cold window without a queue", async () => {
    const now = Date.now();
    const f = new EventFactory(HALL_LIVE, now, "lv-");
    const res = await admin.postEvents(HALL_LIVE, [
      f.make(-50, { type: "window.opened", windowId: "w1", staffId: "s1" }),
      f.make(-50, { type: "window.opened", windowId: "w3", staffId: "s3" }),
      f.make(-45, { type: "ticket.issued", ticketId: "L1", ticketNo: "A101", categoryId: "social", channel: "online" }),
      f.make(-44, { type: "ticket.called", ticketId: "L1", windowId: "w1" }),
      f.make(-40, { type: "service.started", ticketId: "L1", windowId: "w1" }),
      f.make(-5, { type: "ticket.issued", ticketId: "L2", ticketNo: "A102", categoryId: "social", channel: "kiosk" }),
    ]);
    expect(res.body.results.every((r) => r.status === "accepted")).toBe(true);
    const v = (await admin.load(HALL_LIVE)).body;
    const to = Date.parse(v.to);
    expect(v.live).toBe(true);
    // w1 open since now−50 and in service since now−40 (still in service → busy until `to`).
    const w1 = win(v, "w1");
    expect(w1.openSeconds).toBeCloseTo((to - (now - 50 * MIN)) / 1000, 6);
    expect(w1.busySeconds).toBeCloseTo((to - (now - 40 * MIN)) / 1000, 6);
    expect(w1.utilization).toBeCloseTo(w1.busySeconds / w1.openSeconds, 12);
    expect(w1.utilization).toBeGreaterThan(0.79);
    expect(w1.utilization).toBeLessThan(0.81);
    expect(w1).toMatchObject({ served: 0, avgHandleSeconds: null, eligible: true, currentTicket: { ticketNo: "A101", categoryId: "social", phase: "serving", since: f.at(-40) } });
    // w1: 0.8 < 0.85 and L2 waits only 5 minutes → not hot; a social ticket waits → not cold either.
    expect(w1).toMatchObject({ hot: false, cold: false });
    // w3 open 50 minutes, idle, and nobody waits for estate → cold. w2 never opened → not eligible.
    expect(win(v, "w3")).toMatchObject({ busySeconds: 0, utilization: 0, eligible: true, hot: false, cold: true });
    expect(win(v, "w2")).toMatchObject({ openSeconds: 0, eligible: false, state: "closed" });
    expect(cat(v, "social")).toMatchObject({ arrivals: 2, calledCount: 1, avgWaitSeconds: 60, maxWaitSeconds: 60, waitingNow: 1 });
    // Utilizations of eligible windows ≈ [0.8, 0]: mean 0.4, population std 0.4 → cv = 1 (exactly, for any [u, 0]).
    expect(v.imbalance.cv).toBeCloseTo(1, 9);
    expect(v.imbalance).toMatchObject({ hot: [], cold: ["w3"], imbalanced: false });
  });
});

describe("bad ranges", () => {
  const q = (from: string | null, to: string | null) =>
    admin.request<ErrorBody>(
      "GET",
      `/api/halls/${HALL_A}/load?${[from !== null ? `from=${encodeURIComponent(from)}` : "", to !== null ? `to=${encodeURIComponent(to)}` : ""].filter(Boolean).join("&")}`,
    );
  const cases: { name: string; from: string | null; to: string | null; field: string }[] = [
    { name: "from that is not a timestamp", from: "yesterday", to: at(60), field: "from" },
    { name: "from without an offset", from: "2026-11-25T10:00:00", to: at(60), field: "from" },
    { name: "to on a day that does not exist", from: at(0), to: "2026-02-30T10:00:00+08:00", field: "to" },
    { name: "to as epoch milliseconds", from: at(0), to: String(BASE), field: "to" },
    { name: "to without from", from: null, to: at(60), field: "from" },
  ];
  for (const c of cases) {
    it(`refuses ${c.name} → 400 field ${c.field}`, async () => {
      const res = await q(c.from, c.to);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("bad_request");
      expect(res.body.error.field).toBe(c.field);
      expect(res.body.error.message.startsWith(c.field)).toBe(true);
    });
  }

  it("refuses to before from, and an empty range, with 400", async () => {
    for (const [from, to] of [[at(60), at(0)], [at(30), at(30)]] as const) {
      const res = await q(from, to);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("bad_request");
      expect(["from", "to"]).toContain(res.body.error.field);
    }
  });

  it("answers 404 for an unknown hall", async () => {
    const res = await admin.request<ErrorBody>("GET", "/api/halls/no-such-hall/load");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });
});
