// Worker thread: recomputes one hall-local day of history rollups at a time from the event log, on its
// own SQLite connection, so that a year's rebuild never blocks the live hall.
import { parentPort, workerData } from "node:worker_threads";
import { localDayRange, type HallConfig } from "../../../contract/index.js";
import { HallFacts } from "../../domain/hall-facts.js";
import { computeDay } from "../../domain/history/compute-day.js";
import { SqliteEventLog } from "../sqlite/event-log.js";
import { openDatabase } from "../sqlite/open-database.js";
import { RollupStore } from "./rollup-store.js";

export interface RollupJob {
  hallId: string;
  day: string;
  dirtyGen: number;
  config: HallConfig;
}

/** What the runner sends: a day to recompute, or `close` (idle: close the database and exit). */
export type RollupMessage = RollupJob | { close: true };

export type RollupJobResult = { ok: true; hallId: string; day: string; ms: number } | { ok: false; hallId: string; day: string; error: string };

/** Services and open windows reach back at most this far into a day (docs/metrics.md, live horizon). */
const LOOKBACK_MS = 48 * 3_600_000;

const db = openDatabase((workerData as { file: string }).file);
const log = new SqliteEventLog(db);
const store = new RollupStore(db);
// A database from before month rows (issue #8): its months are joined from the stored days once, here,
// off the live thread; until then history reads those months' days.
store.buildMissingMonths(Date.now());

parentPort?.on("message", (message: RollupMessage) => {
  if ("close" in message) {
    db.close();
    parentPort?.close();
    return;
  }
  const job = message;
  const started = Date.now();
  try {
    const { start, end } = localDayRange(job.day, job.config.timezone);
    const facts = new HallFacts();
    for (const e of log.eventsForFactsSync(job.hallId, start - LOOKBACK_MS, end)) facts.add(e);
    // With issue #9's floor figures: idle per window and waits by priority (a running episode counts up to now).
    const { rollup, floor } = computeDay(facts, job.config, job.day, start, end, Date.now());
    store.writeDay(job.hallId, job.day, start, end, rollup, job.dirtyGen, Date.now(), job.config.timezone, floor);
    parentPort?.postMessage({ ok: true, hallId: job.hallId, day: job.day, ms: Date.now() - started } satisfies RollupJobResult);
  } catch (err) {
    parentPort?.postMessage({ ok: false, hallId: job.hallId, day: job.day, error: err instanceof Error ? err.message : String(err) } satisfies RollupJobResult);
  }
});
