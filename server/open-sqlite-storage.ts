// The embedded default (DATABASE_URL=file:…): one SQLite file, checked and migrated at start, the event
// log's commits in the writer worker, rollups in the rollup worker — everything one county hall needs in
// one process.
import type { Logger } from "pino";
import { checkDatabaseFile } from "./adapters/sqlite/check-database-file.js";
import { applyMigrations } from "./adapters/sqlite/migrations.js";
import { openDatabase } from "./adapters/sqlite/open-database.js";
import { openPrisma } from "./adapters/sqlite/prisma.js";
import { nextBootEpoch } from "./adapters/sqlite/boot-epoch.js";
import { SqliteEventLog } from "./adapters/sqlite/event-log.js";
import { SqliteEstimateRepository } from "./adapters/sqlite/estimate-repository.js";
import { SqliteReceivedEvents } from "./adapters/sqlite/received-events.js";
import { SqliteArrivalHistory } from "./adapters/rollup/arrival-history-reader.js";
import { RollupStore } from "./adapters/rollup/rollup-store.js";
import { RollupRunner } from "./adapters/rollup/rollup-runner.js";
import type { Storage } from "./storage.js";

export async function openSqliteStorage(file: string, root: string, logger: Logger): Promise<Storage> {
  const checked = checkDatabaseFile(file, { onSlowCheck: (r) => logger.info(r, "checking the database file (quick_check)") });
  if (checked.large)
    logger.warn(checked, "large database file: only its header was checked at start; check it fully offline with `npm run db:check` (or PRAGMA integrity_check)");
  else logger.info(checked, "database file checked");
  const applied = await applyMigrations(file, root);
  const db = openDatabase(file);
  if (applied.length > 0) logger.info({ applied }, "migrations applied");
  const prisma = await openPrisma(file);
  // The commit runs in the writer worker: its fsync never holds the event loop (docs/performance.md).
  const log = new SqliteEventLog(db, { writerFile: file });
  // The estimates given at issue are queued by the live floor and written off the flush (issue #9).
  const estimates = new SqliteEstimateRepository(db, {
    onError: (err, rows) => logger.error({ err: err instanceof Error ? err.message : String(err), rows }, "wait estimates could not be stored"),
  });
  const rollups = new RollupStore(db);
  return {
    kind: "sqlite",
    where: file,
    prisma,
    log,
    bootEpoch: nextBootEpoch(db),
    estimates,
    arrivals: new SqliteArrivalHistory(db),
    rollups,
    receivedEvents: new SqliteReceivedEvents(db),
    rollupService: (deps) => new RollupRunner({ worker: { url: new URL("./adapters/rollup/rollup-worker", import.meta.url), data: { file } }, store: rollups, ...deps }),
    follower: null,
    cluster: null,
    async close() {
      await log.close();
      estimates.flushNow();
      await prisma.$disconnect();
      db.close();
    },
  };
}
