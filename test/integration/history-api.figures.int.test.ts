// GET …/history: each day's figures and waits equal /load, the log folded by the pure domain and the Event table.
import { describe, expect, it } from "vitest";
import type { HistoryRow } from "../../contract/index.js";
import { demoHall } from "../../simulator/demo-hall.js";
import { addDays, admin, byEventOrder, D1, D3, DAYS, expectCategoriesEqual, expectWindowsEqual, HALL, history, isoWeekdayOf, loadOfDay, midnightMs, nearestRankOf, server, setUpHistoryServer, status, sum, TODAY, windowIds } from "../helpers/history-fixture.js";
import { withLogDb } from "../helpers/log-db.js";
import { figuresFromLogOf } from "../helpers/log-figures.js";

setUpHistoryServer();

describe("GET …/history: a day's figures equal the figures over raw events", () => {
  it("uses three past weekdays (Tuesday to Thursday)", () => {
    expect(DAYS.map(isoWeekdayOf)).toEqual([2, 3, 4]);
    expect(D3 < addDays(TODAY, -2)).toBe(true);
  });

  it("per window: served, utilization, avgHandleSeconds and ratingAvg equal /load and the log", async () => {
    for (const day of DAYS) {
      const hist = await history(day, day, "window");
      const load = await loadOfDay(day);
      const log = await figuresFromLogOf(server, HALL, demoHall, midnightMs(day), midnightMs(addDays(day, 1)));
      // The log folded by the pure domain agrees with the server's range view.
      expect(load.windows).toEqual(log.windows);
      expect(load.categories).toEqual(log.categories);
      expect(load.imbalance).toEqual(log.imbalance);

      expect(hist.groupBy).toBe("window");
      expect(hist.from).toBe(new Date(midnightMs(day)).toISOString());
      expect(hist.to).toBe(new Date(midnightMs(addDays(day, 1))).toISOString());
      expect(sum(load.windows.map((w) => w.served))).toBeGreaterThan(500); // a realistic day, not an empty one
      expectWindowsEqual(hist, load);
      expectWindowsEqual(hist, log);
      expect(hist.imbalance.map((x) => x.day)).toEqual([day]);
      expect(hist.imbalance[0]?.cv).toBeGreaterThan(0);
    }
  });

  it("imbalance: each day's cv equals the load view's imbalance.cv of that day (exactly, as every history figure)", async () => {
    const perDay = await Promise.all(DAYS.map(loadOfDay));
    const single = await Promise.all(DAYS.map((d) => history(d, d, "window")));
    const all = await history(D1, D3, "day");
    const expected = perDay.map((l, i) => ({ day: DAYS[i], cv: l.imbalance.cv }));
    for (const [i, h] of single.entries()) expect(h.imbalance[0]?.cv).toBeCloseTo(expected[i]?.cv as number, 12);
    expect(single.map((h) => h.imbalance)).toEqual(expected.map((x) => [x]));
    expect(all.imbalance).toEqual(expected);
  });

  it("per category: arrivals and the longest wait equal /load", async () => {
    for (const day of DAYS) {
      const hist = await history(day, day, "category");
      const load = await loadOfDay(day);
      for (const r of hist.rows) expect(demoHall.categories.map((c) => c.id)).toContain(r.key);
      expectCategoriesEqual(hist, load);
    }
  });

  it("a 15-minute-aligned period inside a day equals /load of that period", async () => {
    const from = `${D1}T10:00:00+08:00`;
    const to = `${D1}T11:45:00+08:00`;
    const hist = await history(from, to, "window");
    const res = await admin.load(HALL, { from, to });
    expect(res.status).toBe(200);
    expect(hist.from).toBe(new Date(Date.parse(from)).toISOString());
    expect(hist.to).toBe(new Date(Date.parse(to)).toISOString());
    expectWindowsEqual(hist, res.body);
    expectCategoriesEqual(await history(from, to, "category"), res.body);
  });

  it("groupBy=day over the three days: one row per day whose served and arrivals are the day's figures", async () => {
    const hist = await history(D1, D3, "day");
    expect(hist.rows.map((r) => r.key)).toEqual(DAYS);
    const perDay = await Promise.all(DAYS.map(loadOfDay));
    expect(hist.rows.map((r) => ({ served: r.served, arrivals: r.arrivals }))).toEqual(
      perDay.map((l) => ({ served: sum(l.windows.map((w) => w.served)), arrivals: sum(l.categories.map((c) => c.arrivals)) })),
    );
    expect(hist.imbalance.map((x) => x.day)).toEqual(DAYS);
  });

  it("the answer carries pendingDays, 0 once the rollups settled", async () => {
    const s = await status();
    expect(s).toMatchObject({ pendingDays: 0, running: null, failed: 0 });
    expect(s.completed).toBeGreaterThanOrEqual(DAYS.length);
    const hist = await history(D1, D3, "day");
    expect(hist.pendingDays).toBe(0);
    expect(Object.keys(hist).sort()).toEqual(["from", "groupBy", "imbalance", "pendingDays", "priorityWaits", "rows", "to"]);
  });
});

describe("GET …/history: waits by nearest rank, recomputed from the Event table", () => {
  /** For each ticket first called in [from, to): its wait (first call − earliest issue, at least 0). */
  async function waitsFromEventTable(from: number, to: number): Promise<{ categoryId: string; windowId: string; waitMs: number }[]> {
    const rows = await withLogDb(server, (db) =>
      db.all<{ eventId: string; type: string; tsMs: number; ticketId: string; payload: string }>(
        `select "eventId", "type", "tsMs", "ticketId", "payload" from "Event" where "hallId" = ? and "type" in ('ticket.issued', 'ticket.called')`,
        [HALL],
      ),
    );
    const ordered = rows.map((r) => ({ ...r, ts: Number(r.tsMs), id: r.eventId })).sort(byEventOrder);
    const issued = new Map<string, { ts: number; categoryId: string }>();
    const called = new Map<string, { ts: number; windowId: string }>();
    for (const r of ordered) {
      const p = JSON.parse(r.payload) as { categoryId?: string; windowId?: string };
      if (r.type === "ticket.issued" && !issued.has(r.ticketId)) issued.set(r.ticketId, { ts: r.ts, categoryId: p.categoryId as string });
      if (r.type === "ticket.called" && !called.has(r.ticketId)) called.set(r.ticketId, { ts: r.ts, windowId: p.windowId as string });
    }
    const out: { categoryId: string; windowId: string; waitMs: number }[] = [];
    for (const [ticketId, c] of called) {
      const i = issued.get(ticketId);
      if (!i || c.ts < from || c.ts >= to) continue;
      out.push({ categoryId: i.categoryId, windowId: c.windowId, waitMs: Math.max(0, c.ts - i.ts) });
    }
    return out;
  }

  const TARGET_MS = (demoHall.targets.waitMinutes as number) * 60_000;
  function waitFigures(waits: readonly number[]) {
    return {
      waitP50Seconds: waits.length === 0 ? null : (nearestRankOf(waits, 50) as number) / 1000,
      waitP90Seconds: waits.length === 0 ? null : (nearestRankOf(waits, 90) as number) / 1000,
      waitMaxSeconds: waits.length === 0 ? null : Math.max(...waits) / 1000,
      withinTargetShare: waits.length === 0 ? null : waits.filter((w) => w <= TARGET_MS).length / waits.length,
    };
  }
  const pick = (r: HistoryRow | undefined) =>
    r ? { waitP50Seconds: r.waitP50Seconds, waitP90Seconds: r.waitP90Seconds, waitMaxSeconds: r.waitMaxSeconds, withinTargetShare: r.withinTargetShare } : waitFigures([]);

  it("groupBy=category: p50, p90, max and withinTargetShare of the tickets first called that day, by issue category", async () => {
    const waits = await waitsFromEventTable(midnightMs(D1), midnightMs(addDays(D1, 1)));
    expect(waits.length).toBeGreaterThan(500);
    const hist = await history(D1, D1, "category");
    const rows = new Map(hist.rows.map((r) => [r.key, r]));
    const ids = demoHall.categories.map((c) => c.id);
    const expected = ids.map((id) => ({ id, ...waitFigures(waits.filter((w) => w.categoryId === id).map((w) => w.waitMs)) }));
    expect(ids.map((id) => ({ id, ...pick(rows.get(id)) }))).toEqual(expected);
    // The planted imbalance: 不动产登记 waits long, so some of its tickets miss the 20-minute target.
    expect(rows.get("real-estate")?.withinTargetShare).toBeLessThan(1);
  });

  it("groupBy=window: the same waits, by the window of the first call", async () => {
    const waits = await waitsFromEventTable(midnightMs(D1), midnightMs(addDays(D1, 1)));
    const hist = await history(D1, D1, "window");
    const rows = new Map(hist.rows.map((r) => [r.key, r]));
    const expected = windowIds.map((id) => ({ id, ...waitFigures(waits.filter((w) => w.windowId === id).map((w) => w.waitMs)) }));
    expect(windowIds.map((id) => ({ id, ...pick(rows.get(id)) }))).toEqual(expected);
    // Window rows' arrivals are the tickets first called there.
    expect(windowIds.map((id) => rows.get(id)?.arrivals ?? 0)).toEqual(windowIds.map((id) => waits.filter((w) => w.windowId === id).length));
  });
});
