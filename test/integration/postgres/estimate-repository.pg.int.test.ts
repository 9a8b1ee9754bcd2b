// PgEstimateRepository on a real PostgreSQL database made by the committed PostgreSQL migrations: the
// estimate repository's scenarios every storage runs (test/storage-scenarios/estimate-repository.scenarios.ts).
// A "connection of its own" is a pool of its own (a restart, another node).
import { PgEstimateRepository } from "../../../server/adapters/postgres/estimate-repository.js";
import { openPool } from "../../../server/adapters/postgres/pool.js";
import { describeEstimateRepositoryScenarios } from "../../storage-scenarios/estimate-repository.scenarios.js";
import { postgresStorage } from "../../storage-scenarios/storages.js";

describeEstimateRepositoryScenarios(async () => {
  const storage = await postgresStorage("hallpulse_estimates");
  return {
    connect(opts) {
      const pool = openPool(storage.url, 2);
      return { repo: new PgEstimateRepository(pool, opts), end: () => pool.end() };
    },
    async broken(opts) {
      const gone = openPool(storage.url, 1);
      await gone.end();
      return new PgEstimateRepository(gone, opts);
    },
    count: async (hallId) => (await storage.pool.query<{ n: number }>(`select count(*)::int as n from "TicketEstimate" where "hallId" = $1`, [hallId])).rows[0]?.n ?? 0,
    append: storage.append,
    close: storage.close,
  };
});
