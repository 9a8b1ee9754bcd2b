// Worker thread: recomputes one hall-local day of history rollups at a time from the event log, on its
// own SQLite connection, so that a year's rebuild never blocks the live hall.
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { localDayRange, type HallConfig } from "../../../contract/index.js";
import { HallFacts } from "../../domain/hall-facts.js";
import { computeDay } from "../../domain/history/compute-day.js";
import { SqliteEventLog } from "../sqlite/event-log.js";
import { openDatabase } from "../sqlite/open-database.js";
import { receiveComputedDay } from "./computed-day.js";
import { RollupStore } from "./rollup-store.js";

export interface RollupJob {
  hallId: string;
  day: string;
  dirtyGen: number;
  config: HallConfig;
  /** The runner's clock when it sent the job: the figures' as-of time (a running episode counts up to it) and the day's computedAt. */
  now: number;
  /** Today computed on the live facts' copy arrives on this port (computed-day.ts); absent: read from the log. */
  computed?: MessagePort;
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
  void (async () => {
    try {
      const { start, end } = localDayRange(job.day, job.config.timezone);
      const { rollup, floor } = job.computed ? await receiveComputedDay(job.computed) : fromLog(job, start, end);
      store.writeDay(job.hallId, job.day, start, end, rollup, job.dirtyGen, job.now, job.config.timezone, floor);
      parentPort?.postMessage({ ok: true, hallId: job.hallId, day: job.day, ms: Date.now() - started } satisfies RollupJobResult);
    } catch (err) {
      parentPort?.postMessage({ ok: false, hallId: job.hallId, day: job.day, error: err instanceof Error ? err.message : String(err) } satisfies RollupJobResult);
    }
  })();
});

/** The day from the log: its events folded one at a time as they are read (no array of the day's events). */
function fromLog(job: RollupJob, start: number, end: number) {
  const facts = new HallFacts();
  log.forEachEventForFactsSync(job.hallId, start - LOOKBACK_MS, end, (e) => facts.add(e));
  // With issue #9's floor figures: idle per window and waits by priority (a running episode counts up to now).
  return computeDay(facts, job.config, job.day, start, end, job.now);
}
