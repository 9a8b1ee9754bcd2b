// GET /api/halls/:hallId/load over an explicit from/to range: every figure of the hand-built scenario
// (load-api-fixture.ts) over whole, clipped, short and empty ranges, the hall's own thresholds, who may
// read it, and the ranges and halls it refuses (400, 404).
import { describe, expect, it } from "vitest";
import type { ErrorBody } from "../../contract/index.js";
import { admin, at, BASE, cat, expectHourFigures, HALL_A, HALL_C, setUpLoadServer, win } from "./load-api-fixture.js";

setUpLoadServer();

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
