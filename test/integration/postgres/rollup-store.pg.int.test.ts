// PgRollupStore on a real PostgreSQL database made by the committed PostgreSQL migrations: the rollup
// store's, the month rows' and the rollup runner's scenarios every storage runs (test/storage-scenarios/), and, for the
// same days written to both, every read and the history, staffing and monthly answers built on them equal
// the SQLite store's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HistoryGroup } from "../../../contract/index.js";
import { demoHall } from "../../../simulator/demo-hall.js";
import { daysOf, historyOf, hourCellsOf } from "../../../server/app/history-query.js";
import { PgRollupStore } from "../../../server/adapters/postgres/rollup-store.js";
import { RollupStore } from "../../../server/adapters/rollup/rollup-store.js";
import type { DayRollup } from "../../../server/domain/history/day-rollup.js";
import type { Rollup } from "../../../server/domain/history/rollup.js";
import { describeMonthWaitScenarios } from "../../storage-scenarios/month-waits.scenarios.js";
import { describeRollupRunnerScenarios } from "../../storage-scenarios/rollup-runner.scenarios.js";
import { describeRollupStoreScenarios, PERIODS, summed, writeHourCellDays } from "../../storage-scenarios/rollup-store.scenarios.js";
import { postgresStorage, sharedStorage, sqliteStorage, type SqliteStorage } from "../../storage-scenarios/storages.js";

// One database for the scenarios and the comparison below; each writes its own halls.
const openPostgres = sharedStorage(() => postgresStorage("hallpulse_rollups"));

describeRollupStoreScenarios(async () => {
  const storage = await openPostgres();
  return { store: new PgRollupStore(storage.pool), append: storage.append, close: storage.close };
});

// The runner with the PostgreSQL worker (its own pool on the same database), closed when idle.
describeRollupRunnerScenarios(async () => {
  const storage = await openPostgres();
  return { store: new PgRollupStore(storage.pool), worker: { url: new URL("../../../server/adapters/postgres/rollup-worker", import.meta.url), data: { url: storage.url } }, append: storage.append, close: storage.close };
});

describeMonthWaitScenarios(async () => {
  const storage = await openPostgres();
  return {
    store: new PgRollupStore(storage.pool),
    forgetMonths: async () => void (await storage.pool.query(`delete from "WaitMonth"; delete from "PriorityWaitMonth"; delete from "RollupMonth";`)),
    close: storage.close,
  };
});

/** Rows in a fixed order (their JSON), typed arrays as plain arrays: the two stores need not agree on order. */
const canonical = (rows: readonly object[]) =>
  rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v])))).sort();
const canonicalDays = (d: DayRollup) => ({ windows: canonical(d.windows), categories: canonical(d.categories), hours: canonical(d.hours), waits: canonical(d.waits) });
const canonicalBuckets = (r: Rollup) => ({ windows: canonical(r.windows), categories: canonical(r.categories), waits: canonical(r.waits) });

describe("PgRollupStore against the SQLite RollupStore, for the same days", () => {
  const tz = demoHall.timezone;
  const HALL = "twin-hall";
  let pgClose: () => Promise<void>;
  let store: PgRollupStore;
  let liteStorage: SqliteStorage;
  let lite: RollupStore;

  beforeAll(async () => {
    const pg = await openPostgres();
    pgClose = pg.close;
    store = new PgRollupStore(pg.pool);
    liteStorage = await sqliteStorage();
    lite = new RollupStore(liteStorage.db);
    await writeHourCellDays(store, HALL);
    await writeHourCellDays(lite, HALL);
  }, 180_000);

  afterAll(async () => {
    await liteStorage?.close();
    await pgClose?.();
  });

  it("sums the same hour cells as the SQLite store, for every period shape", async () => {
    for (const [, from, to] of PERIODS) {
      const got = summed(await hourCellsOf(store, HALL, tz, from, to));
      expect(got.windows.length).toBeGreaterThan(20);
      expect(got).toEqual(summed(await hourCellsOf(lite, HALL, tz, from, to)));
    }
  });

  it("reads the same buckets and day level as the SQLite store", async () => {
    for (const [, from, to] of PERIODS) expect(canonicalBuckets(await store.read(HALL, from, to))).toEqual(canonicalBuckets(await lite.read(HALL, from, to)));
    const pgDays = await store.readDays(HALL, "2026-11-16", "2026-11-18");
    expect(pgDays.windows.length).toBeGreaterThan(5);
    expect(canonicalDays(pgDays)).toEqual(canonicalDays(await lite.readDays(HALL, "2026-11-16", "2026-11-18")));
    expect(canonicalDays(await store.readDays(HALL, "2026-11-17", "2026-11-17"))).toEqual(canonicalDays(await lite.readDays(HALL, "2026-11-17", "2026-11-17")));
  });

  it("answers history and the monthly days exactly as on SQLite, for every grouping and period shape", async () => {
    for (const [, from, to] of PERIODS)
      for (const groupBy of ["window", "department", "category", "hour", "weekday", "day"] as HistoryGroup[])
        expect(await historyOf(store, HALL, demoHall, from, to, groupBy)).toEqual(await historyOf(lite, HALL, demoHall, from, to, groupBy));
    const whole = PERIODS[0] as [string, number, number];
    expect(canonicalDays(await daysOf(store, HALL, tz, whole[1], whole[2]))).toEqual(canonicalDays(await daysOf(lite, HALL, tz, whole[1], whole[2])));
  });
});
