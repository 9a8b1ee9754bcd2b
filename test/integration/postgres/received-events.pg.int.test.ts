// PgReceivedEvents on a real PostgreSQL database made by the committed PostgreSQL migrations: the
// received-events scenarios every storage runs (test/storage-scenarios/received-events.scenarios.ts), and
// for the same log written to both, the rows and the data-quality answer equal the SQLite reader's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HallEvent } from "../../../contract/index.js";
import { dataQualityOf } from "../../../server/app/floor-quality-data.js";
import { PgReceivedEvents } from "../../../server/adapters/postgres/received-events.js";
import { SqliteReceivedEvents } from "../../../server/adapters/sqlite/received-events.js";
import { hallConfig } from "../../../server/domain/test-fixtures.js";
import {
  DAY_FROM,
  DAY_TO,
  describeReceivedEventsScenarios,
  QUALITY_DAY,
  QUALITY_NOW,
  storeDayWithContext,
  storeQualityDay,
} from "../../storage-scenarios/received-events.scenarios.js";
import { logItems, postgresStorage, sharedStorage, sqliteStorage, type PostgresStorage, type SqliteStorage } from "../../storage-scenarios/storages.js";

// One database for the scenarios and the comparison below; each test uses its own hall.
const openPostgres = sharedStorage(() => postgresStorage("hallpulse_received"));

describeReceivedEventsScenarios(async () => {
  const storage = await openPostgres();
  return { reader: new PgReceivedEvents(storage.pool), append: storage.append, close: storage.close };
});

describe("PgReceivedEvents against the SQLite reader, for the same log", () => {
  let pg: PostgresStorage;
  let lite: SqliteStorage;
  /** Writes to both storages. */
  const store = async (hallId: string, events: HallEvent[], delayMs = 0) => {
    const items = logItems(hallId, events, delayMs);
    await pg.append(items);
    await lite.append(items);
  };

  beforeAll(async () => {
    pg = await openPostgres();
    lite = await sqliteStorage();
  }, 180_000);

  afterAll(async () => {
    await lite?.close();
    await pg?.close();
  });

  it("returns the same rows for a day with its context", async () => {
    await storeDayWithContext(store, "twin-day");
    const rows = await new PgReceivedEvents(pg.pool).forPeriod("twin-day", DAY_FROM, DAY_TO);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(await new SqliteReceivedEvents(lite.db).forPeriod("twin-day", DAY_FROM, DAY_TO));
  });

  it("gives the same data-quality answer", async () => {
    await storeQualityDay(store, "twin-quality");
    const answer = await dataQualityOf(new PgReceivedEvents(pg.pool), "twin-quality", hallConfig(), QUALITY_DAY, QUALITY_NOW);
    expect(answer.totalIssues).toBeGreaterThan(0);
    expect(answer).toEqual(await dataQualityOf(new SqliteReceivedEvents(lite.db), "twin-quality", hallConfig(), QUALITY_DAY, QUALITY_NOW));
  });
});
