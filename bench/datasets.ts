// Benchmark databases: one busy hall (the demo county hall at simulator scale 2, ≈ 1.5 M events a year)
// with N days of history ending yesterday, written through the server's own ingest use case
// (IngestEvents → SqliteEventLog, group commit, synchronous=FULL) with its rollups computed exactly as the
// rollup worker does (RollupStore + computeRollup). The schema and the hall come from a real server start
// (migrations, PUT /api/halls). Files are cached under data/bench/ (gitignored), keyed by days, seed,
// scale, end date and the migration list, so reruns on the same day reuse them.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { localDate, localDayRange, type HallConfig } from "../contract/index.js";
import { IngestEvents } from "../server/app/ingest-events.js";
import { HallFacts } from "../server/domain/hall-facts.js";
import { computeDay } from "../server/domain/history/compute-day.js";
import { RollupStore } from "../server/adapters/rollup/rollup-store.js";
import { SqliteEventLog } from "../server/adapters/sqlite/event-log.js";
import { migrationNames } from "../server/adapters/sqlite/migrations.js";
import { openDatabase } from "../server/adapters/sqlite/open-database.js";
import { demoHall, demoSimParams } from "../simulator/demo-hall.js";
import { simulateHallDay } from "../simulator/generate-day.js";
import { addDays, utcMidnight, zoneOffsetMinutes } from "../simulator/local-time.js";
import { BenchServer, ROOT } from "./server.js";

export const BENCH_HALL_ID = "bench-hall";
export const BENCH_HALL: HallConfig = demoHall;
/** Simulator scale of a "busy hall": ≈ 4,300 events a weekday, ≈ 1.5 M a year. */
export const BUSY_SCALE = 2;
export const DATA_DIR = path.join(ROOT, "data", "bench");
/** As the rollup worker: services and open windows reach back at most 48 hours into a day. */
const LOOKBACK_MS = 48 * 3_600_000;

export interface DatasetMeta {
  days: number;
  seed: number;
  scale: number;
  /** Local date after the last day of history (the history is endDate − days … endDate − 1). */
  endDate: string;
  firstDay: string | null;
  lastDay: string | null;
  events: number;
  bytes: number;
  generatedMs: number;
  /** The first server start on the freshly generated file (includes one-off catch-up work). */
  firstStartMs: number | null;
}

export interface Dataset {
  file: string;
  meta: DatasetMeta;
}

const log = (msg: string) => process.stderr.write(`  [datasets] ${msg}\n`);

export function todayLocal(): string {
  return localDate(Date.now(), BENCH_HALL.timezone);
}

/** Bumped when what a dataset holds changes without a migration (2: floor figures in the day rollups). */
const DATASET_VERSION = 2;

function schemaKey(): string {
  return createHash("sha256").update(`${DATASET_VERSION}\n${migrationNames(ROOT).join("\n")}`).digest("hex").slice(0, 8);
}

function removeDb(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
}

/** Copies a database file no process has open to `to`, checkpointing its WAL into it first. */
export function copyDb(from: string, to: string): void {
  removeDb(to);
  if (fs.existsSync(`${from}-wal`)) {
    const db = openDatabase(from);
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.close();
  }
  fs.copyFileSync(from, to);
}

/** A migrated database with the bench hall configured and no events: the template of every fresh run. */
export async function emptyDataset(): Promise<string> {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const file = path.join(DATA_DIR, `empty-${schemaKey()}.db`);
  if (fs.existsSync(file)) return file;
  const tmp = `${file}.tmp-${process.pid}`;
  removeDb(tmp);
  const server = new BenchServer(tmp, { LOG_LEVEL: "warn" });
  try {
    await server.start();
    await server.api().putHall(BENCH_HALL_ID, BENCH_HALL);
  } finally {
    await server.stop();
  }
  const db = openDatabase(tmp);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  copyDb(tmp, file);
  removeDb(tmp);
  return file;
}

function datasetFile(days: number, seed: number, scale: number, endDate: string): string {
  return path.join(DATA_DIR, `hall-${days}d-s${seed}-x${scale}-${endDate}-${schemaKey()}.db`);
}

function readMeta(file: string): DatasetMeta | null {
  try {
    if (!fs.existsSync(file)) return null;
    return JSON.parse(fs.readFileSync(`${file}.json`, "utf8")) as DatasetMeta;
  } catch {
    return null;
  }
}

/** Recomputes every marked day's rollups, oldest first, exactly as the rollup worker does (computeDay). */
export function processRollups(db: ReturnType<typeof openDatabase>, hall: HallConfig): number {
  const eventLog = new SqliteEventLog(db);
  const store = new RollupStore(db);
  let done = 0;
  for (;;) {
    // Every marked day, the one after the data's last included: the dataset is settled for any later start.
    const dirty = store.dirtyDays(500, "9999-12-31");
    if (dirty.length === 0) return done;
    for (const d of dirty) {
      const { start, end } = localDayRange(d.day, hall.timezone);
      const facts = new HallFacts();
      for (const e of eventLog.eventsForFactsSync(d.hallId, start - LOOKBACK_MS, end)) facts.add(e);
      const { rollup, floor } = computeDay(facts, hall, d.day, start, end, Date.now());
      store.writeDay(d.hallId, d.day, start, end, rollup, d.dirtyGen, Date.now(), hall.timezone, floor);
      done++;
    }
  }
}

/**
 * Waits until the server's rollups of the bench hall are current (no day pending, none being computed);
 * answers the ms waited. Throws after `timeoutMs`.
 */
export async function untilRollupsCurrent(server: BenchServer, timeoutMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    const s = await server.api().request<{ pendingDays: number; running: string | null }>("GET", `/api/halls/${BENCH_HALL_ID}/history/status`);
    if (s.body.pendingDays === 0 && s.body.running === null) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`rollups still pending after ${timeoutMs} ms: ${JSON.stringify(s.body)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * One simulated day of the bench hall (local `date`) through the ingest use case, in device-sized batches all
 * in flight at once (the event log groups them into commits of ≤ 2,000); every event must be accepted.
 * Answers the number of events.
 */
export async function ingestSimulatedDay(uc: IngestEvents, date: string, seed: number, scale: number): Promise<number> {
  const hall = BENCH_HALL;
  const offset = zoneOffsetMinutes(hall.timezone, utcMidnight(date) + 12 * 3_600_000);
  const day = simulateHallDay({ hall, hallId: BENCH_HALL_ID, date, seed, scale, utcOffsetMinutes: offset, params: demoSimParams }).events;
  const batches: Promise<unknown>[] = [];
  for (let i = 0; i < day.length; i += 500) batches.push(uc.ingest(BENCH_HALL_ID, day.slice(i, i + 500), "socket"));
  const results = (await Promise.all(batches)) as { status: string }[][];
  for (const r of results.flat()) if (r.status !== "accepted") throw new Error(`dataset event not accepted: ${JSON.stringify(r)}`);
  return day.length;
}

/**
 * The datasets of the given sizes (days of history ending yesterday), generating what is missing: the
 * largest missing one is generated newest day first, and each smaller missing size is copied from it on
 * the way (rollups current at each copy), so a size is a prefix in time of the larger ones.
 */
export async function ensureDatasets(sizes: readonly number[], seed = 7, scale = BUSY_SCALE): Promise<Map<number, Dataset>> {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const endDate = todayLocal();
  const out = new Map<number, Dataset>();
  const missing: number[] = [];
  for (const days of [...new Set(sizes)].sort((a, b) => a - b)) {
    const file = datasetFile(days, seed, scale, endDate);
    const meta = readMeta(file);
    if (meta) out.set(days, { file, meta });
    else missing.push(days);
  }
  if (missing.length === 0) return out;
  // Older files of the same size (another end date or schema) would only fill the disk.
  for (const f of fs.readdirSync(DATA_DIR))
    for (const days of missing)
      if (f.startsWith(`hall-${days}d-s${seed}-x${scale}-`) && !f.startsWith(path.basename(datasetFile(days, seed, scale, endDate)))) fs.rmSync(path.join(DATA_DIR, f), { force: true });

  const work = path.join(DATA_DIR, `work-${process.pid}.db`);
  copyDb(await emptyDataset(), work);
  const hall = BENCH_HALL;
  let db = openDatabase(work);
  const ingest = () =>
    new IngestEvents({ log: new SqliteEventLog(db), clock: { now: () => Date.now() }, hallConfig: (id) => (id === BENCH_HALL_ID ? hall : null), onAccepted: () => {} });
  let uc = ingest();
  const started = Date.now();
  let events = 0;
  const maxDays = Math.max(...missing);
  log(`generating ${maxDays} days of a busy hall (seed ${seed}, scale ${scale}) ending ${addDays(endDate, -1)}; snapshots at ${missing.join(", ")} days`);
  for (let d = 1; d <= maxDays; d++) {
    events += await ingestSimulatedDay(uc, addDays(endDate, -d), seed, scale);
    if (d % 50 === 0) log(`${d}/${maxDays} days, ${events} events, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    if (missing.includes(d)) {
      const t = Date.now();
      const rolled = processRollups(db, hall);
      log(`${d} days: ${events} events; rollups of ${rolled} days in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      db.pragma("wal_checkpoint(TRUNCATE)");
      db.close();
      const file = datasetFile(d, seed, scale, endDate);
      copyDb(work, file);
      const meta: DatasetMeta = {
        days: d, seed, scale, endDate, firstDay: addDays(endDate, -d), lastDay: addDays(endDate, -1), events,
        bytes: fs.statSync(file).size, generatedMs: Date.now() - started, firstStartMs: null,
      };
      // The first start does one-off work on a file written without the server (e.g. follow-up cases of
      // the last 120 days' poor ratings); later starts — the ones measured — do not.
      const server = new BenchServer(file, { LOG_LEVEL: "warn" });
      try {
        meta.firstStartMs = Math.round(await server.start());
        await untilRollupsCurrent(server, 300_000).catch(() => undefined);
      } finally {
        await server.stop();
      }
      fs.writeFileSync(`${file}.json`, JSON.stringify(meta, null, 2));
      out.set(d, { file, meta });
      db = openDatabase(work);
      uc = ingest();
    }
  }
  db.close();
  removeDb(work);
  return out;
}
