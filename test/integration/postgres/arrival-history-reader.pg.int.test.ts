// PgArrivalHistory on a real PostgreSQL database made by the committed PostgreSQL migrations, with the
// same assertions as the SQLite reader's tests (server/adapters/rollup/arrival-history-reader.test.ts):
// rollups written by PgRollupStore for ten Mondays (and a Tuesday) are read back as the last 8 Mondays
// before a day, in the 15-minute rows buildArrivalProfile takes; skipped days are replaced by earlier
// ones; the stamp changes when a history day is recomputed. And the rows equal the SQLite reader's.
import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDayRange, type HallEvent } from "../../../contract/index.js";
import { PgArrivalHistory } from "../../../server/adapters/postgres/arrival-history-reader.js";
import { PgRollupStore } from "../../../server/adapters/postgres/rollup-store.js";
import { SqliteArrivalHistory, sameWeekdaysBefore, shiftDay } from "../../../server/adapters/rollup/arrival-history-reader.js";
import { RollupStore } from "../../../server/adapters/rollup/rollup-store.js";
import { freshDatabase, removeTestDatabases } from "../../../server/adapters/sqlite/test-database.js";
import { buildArrivalProfile } from "../../../server/domain/forecast/index.js";
import { computeRollup } from "../../../server/domain/history/rollup.js";
import { ev, factsOf, hallConfig, HALL_ID, MINUTE } from "../../../server/domain/test-fixtures.js";
import { migratedPostgres, type MigratedPostgres } from "./migrated-postgres.js";

const hall = hallConfig();
const TODAY = "2025-03-10"; // a Monday
const TZ = hall.timezone;

let pgdb: MigratedPostgres;
let store: PgRollupStore;
let reader: PgArrivalHistory;
let sqlite: Database.Database;
let liteStore: RollupStore;
let lite: SqliteArrivalHistory;

/**
 * `k` c1 arrivals at 09:00, 09:05 … of `day` (the k-th Monday back has k + 1), one c2 arrival at 10:00,
 * and one c1 ticket served at w1 for 6 minutes — written to both stores.
 */
async function writeDay(day: string, k: number, now: number): Promise<void> {
  const { start, end } = localDayRange(day, TZ);
  const nine = start + 9 * 60 * MINUTE;
  const events: HallEvent[] = Array.from({ length: k }, (_, i) => ev.issued(nine + 5 * i * MINUTE, `${day}-a${i}`, "c1"));
  events.push(ev.issued(start + 10 * 60 * MINUTE, `${day}-b`, "c2"));
  events.push(ev.opened(nine, "w1"), ev.called(nine + MINUTE, `${day}-a0`, "w1"), ev.started(nine + 2 * MINUTE, `${day}-a0`, "w1"), ev.completed(nine + 8 * MINUTE, `${day}-a0`, "w1"));
  const rollup = computeRollup(factsOf(events), hall, start, end);
  await store.markDays(HALL_ID, [day], now);
  await store.writeDay(HALL_ID, day, start, end, rollup, 1, now, TZ);
  liteStore.markDays(HALL_ID, [day], now);
  liteStore.writeDay(HALL_ID, day, start, end, rollup, 1, now, TZ);
}

beforeAll(async () => {
  pgdb = await migratedPostgres("hallpulse_arrivals");
  store = new PgRollupStore(pgdb.pool);
  reader = new PgArrivalHistory(pgdb.pool);
  sqlite = freshDatabase();
  liteStore = new RollupStore(sqlite);
  lite = new SqliteArrivalHistory(sqlite);
  for (let k = 1; k <= 10; k++) await writeDay(shiftDay(TODAY, -7 * k), k, 1000 + k);
  await writeDay("2025-03-04", 30, 2000); // a Tuesday: never read for a Monday
  await writeDay(TODAY, 50, 3000); // today itself: never history
}, 180_000);

afterAll(async () => {
  sqlite?.close();
  removeTestDatabases();
  await pgdb?.close();
});

describe("PgArrivalHistory", () => {
  it("reads the arrival rows of the last 8 same weekdays before the day, as the forecast needs them", async () => {
    const h = await reader.sameWeekdayArrivals(HALL_ID, TODAY, TZ);
    expect(h.days).toEqual(Array.from({ length: 8 }, (_, i) => shiftDay(TODAY, -7 * (i + 1))));
    // 1 + 2 + … + 8 c1 arrivals and one c2 arrival a day.
    expect(h.rows.filter((r) => r.categoryId === "c1").reduce((a, r) => a + r.arrivals, 0)).toBe(36);
    expect(h.rows.filter((r) => r.categoryId === "c2").reduce((a, r) => a + r.arrivals, 0)).toBe(8);
    expect(h.rows.every((r) => r.arrivals > 0 && r.bucket % (15 * MINUTE) === 0)).toBe(true);
    const profile = buildArrivalProfile(h.rows, ["c1", "c2"], TZ);
    expect(profile.days).toBe(8);
    expect(profile.categories.get("c1")?.dayTotals).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    // 09:00–09:15 is slot 36: min(k, 3) arrivals on the k-th Monday back → (1 + 2 + 3 × 6) / 8.
    expect(profile.categories.get("c1")?.mean[36]).toBeCloseTo(21 / 8, 10);
    // Each day served one c1 ticket for 6 minutes.
    expect(h.handleSeconds.get("c1")).toBeCloseTo(360, 6);
    expect(h.handleSeconds.has("c2")).toBe(false);
    // The same rows, in the same order, as the SQLite reader over the same rollups.
    expect(h).toEqual(await lite.sameWeekdayArrivals(HALL_ID, TODAY, TZ));
  });

  it("skips the days `keep` rejects and reaches further back; another hall reads nothing", async () => {
    const h = await reader.sameWeekdayArrivals(HALL_ID, TODAY, TZ, { weeks: 3, keep: (d) => d !== "2025-03-03" });
    expect(h.days).toEqual(["2025-02-24", "2025-02-17", "2025-02-10"]);
    expect(h.rows.filter((r) => r.categoryId === "c1").reduce((a, r) => a + r.arrivals, 0)).toBe(2 + 3 + 4);
    const other = await reader.sameWeekdayArrivals("another-hall", TODAY, TZ);
    expect(other.rows).toEqual([]);
    expect(buildArrivalProfile(other.rows, ["c1"], TZ).days).toBe(0);
    expect(await reader.sameWeekdayArrivals(HALL_ID, TODAY, TZ, { keep: () => false })).toEqual({ days: [], rows: [], handleSeconds: new Map() });
  });

  it("stamps the days read: the stamp changes when one of them is marked or recomputed, not for other days", async () => {
    const days = sameWeekdaysBefore(TODAY, 8);
    const before = await reader.stamp(HALL_ID, days);
    expect(await reader.stamp(HALL_ID, days)).toBe(before);
    await writeDay(TODAY, 51, 4000);
    expect(await reader.stamp(HALL_ID, days)).toBe(before);
    await writeDay("2025-03-03", 1, 5000);
    expect(await reader.stamp(HALL_ID, days)).not.toBe(before);
    expect(await reader.stamp(HALL_ID, [])).toBe("none");
  });
});
