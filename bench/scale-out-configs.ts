// The configurations of the scale-out section (bench/scale-out.ts): the SQLite single node, and N nodes on
// a fresh PostgreSQL database and a fresh Redis (dropped and stopped afterwards), each measured by
// bench/scale-out-measure.ts on an empty store.
import { applyPostgresMigrations } from "../server/adapters/postgres/migrations.js";
import { freshPostgresDatabase, type FreshDatabase } from "../test/helpers/postgres.js";
import { startRedis, type TestRedis } from "../test/helpers/redis.js";
import { copyDb, emptyDataset } from "./datasets.js";
import { removeTemp, tempDbFile } from "./ingest.js";
import type { BenchContext } from "./report.js";
import { measureNodes, type ConfigRun, type ScaleOutWork } from "./scale-out-measure.js";
import { BenchServer, ROOT } from "./server.js";

/** BENCH_SCALE_OUT_NODES="1,2" runs fewer configurations (the first must be 1: it is the PostgreSQL baseline). */
export function nodeCounts(): number[] {
  const raw = process.env.BENCH_SCALE_OUT_NODES;
  const counts = raw ? raw.split(",").map((x) => Number(x.trim())) : [1, 2, 3];
  if (counts[0] !== 1 || counts.some((n) => !Number.isInteger(n) || n < 1 || n > 8)) throw new Error(`BENCH_SCALE_OUT_NODES must start with 1 and list node counts 1–8, got "${raw}"`);
  return counts;
}

export async function sqliteConfig(work: ScaleOutWork, ctx: BenchContext): Promise<ConfigRun> {
  const file = tempDbFile("scale-out-sqlite");
  copyDb(await emptyDataset(), file);
  const server = new BenchServer(file, { LOG_LEVEL: "warn" });
  try {
    const startMs = await server.start();
    // The stored count is read on a second connection while the server runs (WAL: readers see every commit).
    const r = await measureNodes([server], "sqlite", file, work, ctx);
    return { label: "SQLite, 1 node", storage: "sqlite", nodes: 1, ...r, startMs: [startMs] };
  } finally {
    await server.stop();
    removeTemp(file);
  }
}

export async function postgresConfig(n: number, work: ScaleOutWork, ctx: BenchContext): Promise<ConfigRun> {
  let database: FreshDatabase | null = null;
  let redis: TestRedis | null = null;
  const nodes: BenchServer[] = [];
  try {
    database = await freshPostgresDatabase("hallpulse_bench_scale");
    redis = await startRedis();
    // Migrated once here, not raced by the nodes' starts (they find nothing pending).
    await applyPostgresMigrations(database.url, ROOT);
    const startMs: number[] = [];
    for (let i = 0; i < n; i++) {
      const node = new BenchServer(`postgres:${database.name}`, { LOG_LEVEL: "warn", DATABASE_URL: database.url, REDIS_URL: redis.url });
      nodes.push(node);
      startMs.push(await node.start());
    }
    ctx.log(`PostgreSQL ${database.name} + Redis ${redis.url}; ${n} node(s) started in ${startMs.map((m) => Math.round(m)).join(", ")} ms`);
    const r = await measureNodes(nodes, "postgres", database.url, work, ctx);
    return { label: `PostgreSQL, ${n} node${n > 1 ? "s" : ""}`, storage: "postgres", nodes: n, ...r, startMs };
  } finally {
    for (const node of nodes) await node.stop();
    await redis?.stop();
    await database?.drop();
  }
}
