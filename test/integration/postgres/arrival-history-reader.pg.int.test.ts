// PgArrivalHistory on a real PostgreSQL database made by the committed PostgreSQL migrations, over rollups
// written by PgRollupStore: the arrival history scenarios every storage runs (test/storage-scenarios/
// arrival-history.scenarios.ts), and, for the same rollups written to both, the rows equal the SQLite
// reader's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PgArrivalHistory } from "../../../server/adapters/postgres/arrival-history-reader.js";
import { PgRollupStore } from "../../../server/adapters/postgres/rollup-store.js";
import { SqliteArrivalHistory } from "../../../server/adapters/rollup/arrival-history-reader.js";
import { RollupStore } from "../../../server/adapters/rollup/rollup-store.js";
import { describeArrivalHistoryScenarios, TODAY, TZ, writeArrivalHistory } from "../../storage-scenarios/arrival-history.scenarios.js";
import { postgresStorage, sharedStorage, sqliteStorage, type PostgresStorage, type SqliteStorage } from "../../storage-scenarios/storages.js";

// One database for the scenarios and the comparison below; each writes its own hall.
const openPostgres = sharedStorage(() => postgresStorage("hallpulse_arrivals"));

describeArrivalHistoryScenarios(async () => {
  const storage = await openPostgres();
  return { reader: new PgArrivalHistory(storage.pool), store: new PgRollupStore(storage.pool), close: storage.close };
});

describe("PgArrivalHistory against the SQLite reader, for the same rollups", () => {
  const HALL = "twin-hall";
  let pg: PostgresStorage;
  let lite: SqliteStorage;

  beforeAll(async () => {
    pg = await openPostgres();
    lite = await sqliteStorage();
    await writeArrivalHistory(new PgRollupStore(pg.pool), HALL);
    await writeArrivalHistory(new RollupStore(lite.db), HALL);
  }, 180_000);

  afterAll(async () => {
    await lite?.close();
    await pg?.close();
  });

  it("reads the same rows, in the same order, as the SQLite reader", async () => {
    const h = await new PgArrivalHistory(pg.pool).sameWeekdayArrivals(HALL, TODAY, TZ);
    expect(h.rows.length).toBeGreaterThan(0);
    expect(h).toEqual(await new SqliteArrivalHistory(lite.db).sameWeekdayArrivals(HALL, TODAY, TZ));
  });
});
