// SqliteEstimateRepository on a real SQLite file made by the committed migrations: the estimate
// repository's scenarios every storage runs (test/storage-scenarios/estimate-repository.scenarios.ts).
// A "connection of its own" is another better-sqlite3 connection to the same file.
import { describeEstimateRepositoryScenarios } from "../../../test/storage-scenarios/estimate-repository.scenarios.js";
import { sqliteStorage } from "../../../test/storage-scenarios/storages.js";
import { SqliteEstimateRepository } from "./estimate-repository.js";

describeEstimateRepositoryScenarios(async () => {
  const storage = await sqliteStorage();
  const count = storage.db.prepare(`select count(*) from "TicketEstimate" where hallId = ?`).pluck();
  return {
    connect(opts) {
      const db = storage.connect();
      return { repo: new SqliteEstimateRepository(db, opts), end: async () => void (db.open && db.close()) };
    },
    async broken(opts) {
      const db = storage.connect();
      const repo = new SqliteEstimateRepository(db, opts);
      db.close();
      return repo;
    },
    count: async (hallId) => count.get(hallId) as number,
    append: storage.append,
    close: storage.close,
  };
});
