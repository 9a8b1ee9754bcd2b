// DATABASE_URL=postgresql://… (issue #11): storage shared by the nodes of a cluster. Migrations from
// prisma/postgres/migrations, the event log with commit-ordered seqs, the follower that folds other
// nodes' commits, the cluster notices, and the leader lock under which one node runs the rollups.
import type { Logger } from "pino";
import { nextBootEpochPg } from "./adapters/postgres/boot-epoch.js";
import { PgClusterNotices } from "./adapters/postgres/cluster-notices.js";
import { PgEstimateRepository } from "./adapters/postgres/estimate-repository.js";
import { PgEventLog } from "./adapters/postgres/event-log.js";
import { LeaderLock } from "./adapters/postgres/leader-lock.js";
import { LogFollower, type FollowedEvents } from "./adapters/postgres/log-follower.js";
import { applyPostgresMigrations, redactUrl } from "./adapters/postgres/migrations.js";
import { openPool } from "./adapters/postgres/pool.js";
import { openPrismaPostgres } from "./adapters/postgres/prisma.js";
import { PgArrivalHistory } from "./adapters/postgres/arrival-history-reader.js";
import { PgReceivedEvents } from "./adapters/postgres/received-events.js";
import { PgRollupStore } from "./adapters/postgres/rollup-store.js";
import { RollupRunner } from "./adapters/rollup/rollup-runner.js";
import type { Storage } from "./storage.js";

export async function openPostgresStorage(url: string, root: string, logger: Logger): Promise<Storage> {
  const where = redactUrl(url);
  const applied = await applyPostgresMigrations(url, root);
  if (applied.length > 0) logger.info({ applied }, "PostgreSQL migrations applied");
  const pool = openPool(url, 10);
  pool.on("error", (err) => logger.warn({ err: err.message }, "an idle PostgreSQL connection failed"));
  const prisma = openPrismaPostgres(url);
  const onError = (message: string) => logger.error(message);
  let onFollowed: (batch: FollowedEvents) => void = () => undefined;
  const follower = new LogFollower({ url, pool, onEvents: (batch) => onFollowed(batch), onError });
  // This node's inserts are skipped by its own follower: the ingest path folds them when the commit answers.
  const log = new PgEventLog(pool, { onInserted: (seqs) => follower.markOwn(seqs) });
  const estimates = new PgEstimateRepository(pool, {
    onError: (err, rows) => logger.error({ err: err instanceof Error ? err.message : String(err), rows }, "wait estimates could not be stored"),
  });
  const rollups = new PgRollupStore(pool);
  const leader = new LeaderLock(url, onError);
  leader.onChange((isLeader) => logger.info({ leader: isLeader }, isLeader ? "this node now runs the cluster's background writers" : "this node no longer leads"));
  await leader.start();
  const notices = new PgClusterNotices(pool, url, onError);
  return {
    kind: "postgres",
    where,
    prisma,
    log,
    bootEpoch: await nextBootEpochPg(pool),
    estimates,
    arrivals: new PgArrivalHistory(pool),
    rollups,
    receivedEvents: new PgReceivedEvents(pool),
    rollupService: (deps) =>
      new RollupRunner({ worker: { url: new URL("./adapters/postgres/rollup-worker", import.meta.url), data: { url } }, store: rollups, canRun: () => leader.isLeader(), ...deps }),
    follower: {
      headSeq: () => follower.headSeq(),
      start(fromSeq: number, onEvents: (batch: FollowedEvents) => void) {
        onFollowed = onEvents;
        return follower.start(fromSeq);
      },
      catchUp: () => follower.catchUp(),
      stop: () => follower.stop(),
    },
    cluster: { notices, leader },
    async close() {
      await follower.stop();
      await notices.stop();
      await leader.stop();
      await log.close();
      await estimates.flushNow();
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
