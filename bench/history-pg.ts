// 4b. History on PostgreSQL (issue #11): the queries of measurement 4 — every history query of the
// allocation review on a year of one busy hall — against a node running on PostgreSQL, as a city or
// province deployment runs. The year is written the way measurement 4's SQLite file is (the same seed and
// scale, through the ingest use case, here with the PostgreSQL event log), then one node is started on it
// and its leader computes the rollups of every day, as after an import; the queries are timed over HTTP once
// none is pending. Baseline in the same run: the plain SQL aggregate over the raw events, in PostgreSQL's
// dialect, on a connection of its own. Target: ≤ 300 ms each, as on SQLite.
// The database is fresh and dropped at the end: a year is generated again on every run (a few minutes).
import { IngestEvents } from "../server/app/ingest-events.js";
import { PgEventLog } from "../server/adapters/postgres/event-log.js";
import { applyPostgresMigrations } from "../server/adapters/postgres/migrations.js";
import { openPool } from "../server/adapters/postgres/pool.js";
import { addDays } from "../simulator/local-time.js";
import { freshPostgresDatabase, type FreshDatabase } from "../test/helpers/postgres.js";
import { postgresBaseline } from "./history-baseline.js";
import { historyQueries, historyRows, timeQueries, type QueryFigures } from "./history.js";
import { BENCH_HALL, BENCH_HALL_ID, BUSY_SCALE, ingestSimulatedDay, todayLocal, untilRollupsCurrent } from "./datasets.js";
import type { BenchContext, BenchResult } from "./report.js";
import { BenchServer, ROOT } from "./server.js";

const SEED = 7;

/** Writes `days` simulated days ending yesterday into the database through the ingest use case. */
async function writeYear(url: string, days: number, log: (m: string) => void): Promise<{ events: number; ms: number }> {
  const pool = openPool(url);
  const started = performance.now();
  let events = 0;
  try {
    const uc = new IngestEvents({ log: new PgEventLog(pool), clock: { now: () => Date.now() }, hallConfig: (id) => (id === BENCH_HALL_ID ? BENCH_HALL : null), onAccepted: () => {} });
    const end = todayLocal();
    for (let d = 1; d <= days; d++) {
      events += await ingestSimulatedDay(uc, addDays(end, -d), SEED, BUSY_SCALE);
      if (d % 50 === 0) log(`${d}/${days} days written, ${events} events, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    await pool.end();
  }
  return { events, ms: performance.now() - started };
}

export async function benchHistoryPostgres(ctx: BenchContext): Promise<BenchResult> {
  const started = performance.now();
  const days = ctx.quick ? 30 : 365;
  const reps = ctx.quick ? 5 : 20;
  const sqlReps = ctx.quick ? 2 : 3;
  let database: FreshDatabase | null = null;
  const node = { server: null as BenchServer | null };
  try {
    database = await freshPostgresDatabase("hallpulse_bench_history");
    await applyPostgresMigrations(database.url, ROOT);
    const env = { LOG_LEVEL: "warn", DATABASE_URL: database.url };
    // The hall's configuration through a node, as an administrator makes it.
    node.server = new BenchServer(`postgres:${database.name}`, env);
    await node.server.start();
    await node.server.api().putHall(BENCH_HALL_ID, BENCH_HALL);
    await node.server.stop();

    const written = await writeYear(database.url, days, ctx.log);
    ctx.log(`${days} days, ${written.events} events written in ${(written.ms / 1000).toFixed(0)} s (${Math.round(written.events / (written.ms / 1000))} ev/s through the ingest use case)`);

    const startMs = await node.server.start();
    const rollups = await untilRollupsCurrent(node.server, 1_800_000);
    ctx.log(`node healthy in ${(startMs / 1000).toFixed(1)} s; its leader's rollups of ${days} days current after ${(rollups / 1000).toFixed(0)} s`);

    const end = todayLocal();
    const queries = historyQueries(addDays(end, -days), addDays(end, -1), ctx.quick);
    ctx.log(`${queries.length} queries; ${reps} timed requests each (after one warm-up), ${sqlReps} runs of each SQL baseline`);
    let figures: QueryFigures[];
    try {
      figures = await timeQueries(node.server, await postgresBaseline(database.url), queries, reps, sqlReps, ctx.log);
    } catch (err) {
      throw new Error(`${err instanceof Error ? err.message : String(err)}; server output:\n${node.server.output.slice(-3000)}`, { cause: err });
    }
    return {
      name: "history-pg",
      rows: historyRows("history-pg", figures, "plain SQL p50 (PostgreSQL)"),
      details: { days, events: written.events, writeMs: written.ms, startMs, rollupsMs: rollups, reps, sqlReps, queries: figures },
      ms: performance.now() - started,
    };
  } finally {
    await node.server?.stop();
    await database?.drop();
  }
}
