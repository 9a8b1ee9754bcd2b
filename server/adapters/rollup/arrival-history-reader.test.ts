// The early warning's history reader on a real SQLite file made by the committed migrations: rollups
// written by RollupStore for ten Mondays (and a Tuesday) are read back as the last 8 Mondays before a day,
// in the 15-minute rows buildArrivalProfile takes; skipped days are replaced by earlier ones; the stamp
// changes when a history day is recomputed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { localDayRange, type HallEvent } from "../../../contract/index.js";
import { projectRoot } from "../../project-root.js";
import { buildArrivalProfile } from "../../domain/forecast/index.js";
import { computeRollup } from "../../domain/history/rollup.js";
import { ev, factsOf, hallConfig, HALL_ID, MINUTE } from "../../domain/test-fixtures.js";
import { RollupStore } from "./rollup-store.js";
import { SqliteArrivalHistory, sameWeekdaysBefore, shiftDay } from "./arrival-history-reader.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hallpulse-arrivals-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const hall = hallConfig();
const TODAY = "2025-03-10"; // a Monday
const TZ = hall.timezone;

function freshDatabase(): Database.Database {
  const db = new Database(path.join(dir, `t-${Math.random().toString(36).slice(2)}.db`));
  const migrations = path.join(projectRoot(), "prisma", "migrations");
  for (const name of fs.readdirSync(migrations).filter((n) => /^\d/.test(n)).sort()) db.exec(fs.readFileSync(path.join(migrations, name, "migration.sql"), "utf8"));
  return db;
}

/**
 * `k` c1 arrivals at 09:00, 09:05 … of `day` (the k-th Monday back has k + 1), one c2 arrival at 10:00,
 * and one c1 ticket served at w1 for 6 minutes.
 */
function writeDay(store: RollupStore, day: string, k: number, now: number): void {
  const { start, end } = localDayRange(day, TZ);
  const nine = start + 9 * 60 * MINUTE;
  const events: HallEvent[] = Array.from({ length: k }, (_, i) => ev.issued(nine + 5 * i * MINUTE, `${day}-a${i}`, "c1"));
  events.push(ev.issued(start + 10 * 60 * MINUTE, `${day}-b`, "c2"));
  const served: HallEvent[] = [ev.opened(nine, "w1"), ev.called(nine + MINUTE, `${day}-a0`, "w1"), ev.started(nine + 2 * MINUTE, `${day}-a0`, "w1"), ev.completed(nine + 8 * MINUTE, `${day}-a0`, "w1")];
  events.push(...served);
  store.markDays(HALL_ID, [day], now);
  store.writeDay(HALL_ID, day, start, end, computeRollup(factsOf(events), hall, start, end), 1, now, TZ);
}

describe("same weekdays", () => {
  it("are the previous weeks' same day, newest first, skipping rejected days within twice the weeks", () => {
    expect(shiftDay("2025-03-03", 7)).toBe("2025-03-10");
    expect(sameWeekdaysBefore(TODAY, 3)).toEqual(["2025-03-03", "2025-02-24", "2025-02-17"]);
    expect(sameWeekdaysBefore(TODAY, 2, (d) => d !== "2025-03-03")).toEqual(["2025-02-24", "2025-02-17"]);
    expect(sameWeekdaysBefore(TODAY, 2, () => false)).toEqual([]);
  });
});

describe("SqliteArrivalHistory", () => {
  const db = freshDatabase();
  const store = new RollupStore(db);
  const reader = new SqliteArrivalHistory(db);
  for (let k = 1; k <= 10; k++) writeDay(store, shiftDay(TODAY, -7 * k), k, 1000 + k);
  writeDay(store, "2025-03-04", 30, 2000); // a Tuesday: never read for a Monday
  writeDay(store, TODAY, 50, 3000); // today itself: never history

  it("reads the arrival rows of the last 8 same weekdays before the day, as the forecast needs them", async () => {
    const h = await reader.sameWeekdayArrivals(HALL_ID, TODAY, TZ);
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
    const h = await reader.sameWeekdayArrivals(HALL_ID, TODAY, TZ, { weeks: 3, keep: (d) => d !== "2025-03-03" });
    expect(h.days).toEqual(["2025-02-24", "2025-02-17", "2025-02-10"]);
    expect(h.rows.filter((r) => r.categoryId === "c1").reduce((a, r) => a + r.arrivals, 0)).toBe(2 + 3 + 4);
    const other = await reader.sameWeekdayArrivals("another-hall", TODAY, TZ);
    expect(other.rows).toEqual([]);
    expect(buildArrivalProfile(other.rows, ["c1"], TZ).days).toBe(0);
  });

  it("stamps the days read: the stamp changes when one of them is marked or recomputed, not for other days", async () => {
    const days = sameWeekdaysBefore(TODAY, 8);
    const before = await reader.stamp(HALL_ID, days);
    expect(await reader.stamp(HALL_ID, days)).toBe(before);
    writeDay(store, TODAY, 51, 4000);
    expect(await reader.stamp(HALL_ID, days)).toBe(before);
    writeDay(store, "2025-03-03", 1, 5000);
    expect(await reader.stamp(HALL_ID, days)).not.toBe(before);
    expect(await reader.stamp(HALL_ID, [])).toBe("none");
  });
});
