// Worker thread (PostgreSQL, issue #11): recomputes one hall-local day of history rollups at a time from
// the shared event log, on its own small pool — the same computeDay as the SQLite worker.
import { parentPort, workerData } from "node:worker_threads";
import { localDayRange } from "../../../contract/index.js";
import { HallFacts } from "../../domain/hall-facts.js";
import { computeDay } from "../../domain/history/compute-day.js";
import { receiveComputedDay } from "../rollup/computed-day.js";
import type { RollupJob, RollupJobResult, RollupMessage } from "../rollup/rollup-worker.js";
import { PgEventLog } from "./event-log.js";
import { openPool } from "./pool.js";
import { PgRollupStore } from "./rollup-store.js";

/** Services and open windows reach back at most this far into a day (docs/metrics.md, live horizon). */
const LOOKBACK_MS = 48 * 3_600_000;

const pool = openPool((workerData as { url: string }).url, 2);
const log = new PgEventLog(pool);
const store = new PgRollupStore(pool);
/**
 * A database from before month rows (issue #8): its months are joined from the stored days once, before
 * the first day this worker computes — jobs come only to the leader's worker, so one node does it.
 */
let monthsBuilt: Promise<unknown> | null = null;

parentPort?.on("message", (message: RollupMessage) => {
  if ("close" in message) {
    // Idle (the runner sends no job while it closes): the pool ends cleanly, then the thread exits.
    parentPort?.close();
    // A failing close must not surface as the worker's error: the thread ends either way.
    void pool.end().catch(() => undefined);
    return;
  }
  const job = message;
  const started = Date.now();
  void (async () => {
    try {
      monthsBuilt ??= store.buildMissingMonths(Date.now()).catch((err: unknown) => {
        monthsBuilt = null;
        throw err;
      });
      await monthsBuilt;
      const { start, end } = localDayRange(job.day, job.config.timezone);
      const { rollup, floor } = job.computed ? await receiveComputedDay(job.computed) : await fromLog(job, start, end);
      await store.writeDay(job.hallId, job.day, start, end, rollup, job.dirtyGen, job.now, job.config.timezone, floor);
      parentPort?.postMessage({ ok: true, hallId: job.hallId, day: job.day, ms: Date.now() - started } satisfies RollupJobResult);
    } catch (err) {
      parentPort?.postMessage({ ok: false, hallId: job.hallId, day: job.day, error: err instanceof Error ? err.message : String(err) } satisfies RollupJobResult);
    }
  })();
});

/** The day from the log (as the SQLite worker; today comes from the live facts where they are held). */
async function fromLog(job: RollupJob, start: number, end: number) {
  const facts = new HallFacts();
  await log.foldEventsForFacts(job.hallId, start - LOOKBACK_MS, end, (batch) => {
    for (const e of batch) facts.add(e);
  });
  return computeDay(facts, job.config, job.day, start, end, job.now);
}
