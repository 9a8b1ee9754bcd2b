// GET /api/halls/:hallId/load without from/to (the live view): the last 60 minutes up to now with the live
// hot rule, over the old scenario of load-api-fixture.ts and over events that arrive while the test runs.
import { describe, expect, it } from "vitest";
import { EventFactory } from "../helpers/hall-fixture.js";
import { admin, at, BASE, cat, HALL_A, HALL_LIVE, MIN, servedToday, setUpLoadServer, win } from "./load-api-fixture.js";

setUpLoadServer();

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
