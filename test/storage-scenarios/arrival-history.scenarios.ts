// The early warning's history reader's scenarios, one set for every storage (SqliteArrivalHistory:
// server/adapters/rollup/arrival-history-reader.test.ts; PgArrivalHistory: test/integration/postgres/
// arrival-history-reader.pg.int.test.ts): rollups written by the storage's rollup store for ten Mondays (and
// a Tuesday) are read back as the last 8 Mondays before a day, in the 15-minute rows buildArrivalProfile
// takes; skipped days are replaced by earlier ones; the stamp changes when a history day is recomputed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDayRange, type HallEvent } from "../../contract/index.js";
import { sameWeekdaysBefore, shiftDay } from "../../server/adapters/rollup/arrival-history-reader.js";
import type { ArrivalHistoryReader } from "../../server/app/ports.js";
import { buildArrivalProfile } from "../../server/domain/forecast/index.js";
import { computeRollup } from "../../server/domain/history/rollup.js";
import { ev, factsOf, hallConfig, HALL_ID, MINUTE } from "../../server/domain/test-fixtures.js";
import type { RollupStorePort } from "./rollup-store.scenarios.js";

export interface ArrivalHistoryStorage {
  reader: ArrivalHistoryReader;
  /** The rollup store of the same storage, which the reader reads. */
  store: Pick<RollupStorePort, "markDays" | "writeDay">;
  close(): Promise<void>;
}

const hall = hallConfig();
export const TODAY = "2025-03-10"; // a Monday
export const TZ = hall.timezone;

/**
 * `k` c1 arrivals at 09:00, 09:05 … of `day` (the k-th Monday back has k + 1), one c2 arrival at 10:00,
 * and one c1 ticket served at w1 for 6 minutes: the day marked, then computed (generation 1) at `now`.
 */
export async function writeArrivalDay(store: ArrivalHistoryStorage["store"], day: string, k: number, now: number, hallId = HALL_ID): Promise<void> {
  const { start, end } = localDayRange(day, TZ);
  const nine = start + 9 * 60 * MINUTE;
  const events: HallEvent[] = Array.from({ length: k }, (_, i) => ev.issued(nine + 5 * i * MINUTE, `${day}-a${i}`, "c1"));
  events.push(ev.issued(start + 10 * 60 * MINUTE, `${day}-b`, "c2"));
  events.push(ev.opened(nine, "w1"), ev.called(nine + MINUTE, `${day}-a0`, "w1"), ev.started(nine + 2 * MINUTE, `${day}-a0`, "w1"), ev.completed(nine + 8 * MINUTE, `${day}-a0`, "w1"));
  await store.markDays(hallId, [day], now);
  await store.writeDay(hallId, day, start, end, computeRollup(factsOf(events), hall, start, end), 1, now, TZ);
}

/** Ten Mondays before TODAY (the k-th back with k c1 arrivals), a Tuesday and TODAY itself. */
export async function writeArrivalHistory(store: ArrivalHistoryStorage["store"], hallId = HALL_ID): Promise<void> {
  for (let k = 1; k <= 10; k++) await writeArrivalDay(store, shiftDay(TODAY, -7 * k), k, 1000 + k, hallId);
  await writeArrivalDay(store, "2025-03-04", 30, 2000, hallId); // a Tuesday: never read for a Monday
  await writeArrivalDay(store, TODAY, 50, 3000, hallId); // today itself: never history
}

export function describeArrivalHistoryScenarios(open: () => Promise<ArrivalHistoryStorage>): void {
  let storage: ArrivalHistoryStorage;

  beforeAll(async () => {
    storage = await open();
  }, 180_000);

  afterAll(async () => {
    await storage?.close();
  });

  describe("the arrival history reader", () => {
    beforeAll(() => writeArrivalHistory(storage.store), 60_000);

    it("reads the arrival rows of the last 8 same weekdays before the day, as the forecast needs them", async () => {
      const h = await storage.reader.sameWeekdayArrivals(HALL_ID, TODAY, TZ);
      expect(h.days).toEqual(Array.from({ length: 8 }, (_, i) => shiftDay(TODAY, -7 * (i + 1))));
      // 1 + 2 + … + 8 c1 arrivals and one c2 arrival a day.
      expect(h.rows.filter((r) => r.categoryId === "c1").reduce((a, r) => a + r.arrivals, 0)).toBe(36);
      expect(h.rows.filter((r) => r.categoryId === "c2").reduce((a, r) => a + r.arrivals, 0)).toBe(8);
      expect(h.rows.every((r) => r.arrivals > 0 && r.bucket % (15 * MINUTE) === 0)).toBe(true);
      // Oldest day first in the profile: the 8th Monday back had 8 c1 arrivals.
      const profile = buildArrivalProfile(h.rows, ["c1", "c2"], TZ);
      expect(profile.days).toBe(8);
      expect(profile.categories.get("c1")?.dayTotals).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
      // 09:00–09:15 is slot 36: min(k, 3) arrivals on the k-th Monday back → (1 + 2 + 3 × 6) / 8.
      expect(profile.categories.get("c1")?.mean[36]).toBeCloseTo(21 / 8, 10);
      // Each day served one c1 ticket for 6 minutes.
      expect(h.handleSeconds.get("c1")).toBeCloseTo(360, 6);
      expect(h.handleSeconds.has("c2")).toBe(false);
    });

    it("skips the days `keep` rejects and reaches further back; another hall reads nothing", async () => {
      const h = await storage.reader.sameWeekdayArrivals(HALL_ID, TODAY, TZ, { weeks: 3, keep: (d) => d !== "2025-03-03" });
      expect(h.days).toEqual(["2025-02-24", "2025-02-17", "2025-02-10"]);
      expect(h.rows.filter((r) => r.categoryId === "c1").reduce((a, r) => a + r.arrivals, 0)).toBe(2 + 3 + 4);
      const other = await storage.reader.sameWeekdayArrivals("another-hall", TODAY, TZ);
      expect(other.rows).toEqual([]);
      expect(buildArrivalProfile(other.rows, ["c1"], TZ).days).toBe(0);
      expect(await storage.reader.sameWeekdayArrivals(HALL_ID, TODAY, TZ, { keep: () => false })).toEqual({ days: [], rows: [], handleSeconds: new Map() });
    });

    it("stamps the days read: the stamp changes when one of them is marked or recomputed, not for other days", async () => {
      const days = sameWeekdaysBefore(TODAY, 8);
      const before = await storage.reader.stamp(HALL_ID, days);
      expect(await storage.reader.stamp(HALL_ID, days)).toBe(before);
      await writeArrivalDay(storage.store, TODAY, 51, 4000);
      expect(await storage.reader.stamp(HALL_ID, days)).toBe(before);
      await writeArrivalDay(storage.store, "2025-03-03", 1, 5000);
      expect(await storage.reader.stamp(HALL_ID, days)).not.toBe(before);
      expect(await storage.reader.stamp(HALL_ID, [])).toBe("none");
    });
  });
}
