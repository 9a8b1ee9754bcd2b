// 7. Scale-out (issue #11): HallPulse on PostgreSQL + Redis with 1, 2 and 3 nodes on this machine, each
// on a fresh PostgreSQL database and a fresh Redis (dropped and stopped afterwards), against the SQLite
// single node (the default server) measured in the same run at the same workload.
//   (a) Durable ingest: the workload and shape of bench/ingest.ts (whole simulated days, 16 device sockets ×
//       4 batches of 100 in flight, a 3,000-event warm-up first) with the devices spread round-robin over
//       the nodes; acknowledged events/s, and a check that every acked event is stored exactly once.
//   (b) Event to wall: display sockets spread round-robin over the nodes, 1,000 events/s and a probe a
//       second sent to node 1 only (bench/cluster-probe.ts); send → effect p50/p99/max per node group, so
//       the displays of nodes 2 and 3 measure commit → NOTIFY → log follower → coalesced flush.
// N nodes, PostgreSQL, Redis and the load generator all share this machine's cores: on a 2-core box this
// measures the overhead and the correctness of the multi-node path, not the capacity N machines would give.
// It also estimates a province's offered load from the simulator's busy hall (bench/scale-out-plan.ts).
import pg from "pg";
import type { Socket } from "socket.io-client";
import { applyPostgresMigrations } from "../server/adapters/postgres/migrations.js";
import { openDatabase } from "../server/adapters/sqlite/open-database.js";
import { demoSimParams } from "../simulator/demo-hall.js";
import { simulateHallDay } from "../simulator/generate-day.js";
import { utcMidnight, zoneOffsetMinutes } from "../simulator/local-time.js";
import { freshPostgresDatabase, type FreshDatabase } from "../test/helpers/postgres.js";
import { startRedis, type TestRedis } from "../test/helpers/redis.js";
import { clusterProbeRun, type ClusterProbeRun } from "./cluster-probe.js";
import { BENCH_HALL, BENCH_HALL_ID, BUSY_SCALE, copyDb, emptyDataset } from "./datasets.js";
import { probeHall } from "./probe-displays.js";
import { INGEST_SHAPE, removeTemp, tempDbFile } from "./ingest.js";
import { closeAll, connectDevices, ingestWorkload, runLoad, type LoadResult } from "./load.js";
import { cpuMs, loadAverage, machineFacts } from "./machine.js";
import type { BenchContext, BenchResult, Row } from "./report.js";
import { hallDayRates, perNode, provinceLoad, type HallDayRates, type ProvinceShape } from "./scale-out-plan.js";
import { BenchServer, ROOT, untilHallKnown } from "./server.js";
import { ratio, round } from "./stats.js";

/** The province of the estimate (issue #11's example): 60 county halls × 30 windows, ~20 displays each. */
export const PROVINCE = { halls: 60, windowsPerHall: 30, displaysPerHall: 20 } as const;
/** BENCH_SCALE_OUT_NODES="1,2" runs fewer configurations (the first must be 1: it is the PostgreSQL baseline). */
function nodeCounts(): number[] {
  const raw = process.env.BENCH_SCALE_OUT_NODES;
  const counts = raw ? raw.split(",").map((x) => Number(x.trim())) : [1, 2, 3];
  if (counts[0] !== 1 || counts.some((n) => !Number.isInteger(n) || n < 1 || n > 8)) throw new Error(`BENCH_SCALE_OUT_NODES must start with 1 and list node counts 1–8, got "${raw}"`);
  return counts;
}
const EVENTS_PER_SECOND = 1000;

interface ConfigRun {
  label: string;
  storage: "sqlite" | "postgres";
  nodes: number;
  ingest: LoadResult & { devicesPerNode: number[]; nodesCpuMs: number | null; stored: number; acceptedTotal: number };
  wall: ClusterProbeRun & { nodesCpuMs: (number | null)[] };
  startMs: number[];
  /** 1-minute load average before ingest, before event to wall, after (the box may be shared). */
  load: number[];
}

/** One device socket per stream, device i on node i mod N (round-robin, as the streams are). */
async function spreadDevices(urls: readonly string[], tokens: readonly string[], count: number): Promise<Socket[]> {
  const counts = perNode(count, urls.length);
  const byNode: Socket[][] = [];
  for (const [n, url] of urls.entries()) byNode.push(await connectDevices(url, tokens, counts[n] ?? 0));
  // Interleave back into round-robin order: socket i is on node i mod N.
  const out: Socket[] = [];
  for (let i = 0; i < count; i++) out.push(byNode[i % urls.length]?.[Math.floor(i / urls.length)] as Socket);
  return out;
}


async function countStored(storage: "sqlite" | "postgres", where: string): Promise<number> {
  if (storage === "sqlite") {
    const db = openDatabase(where);
    try {
      return Number((db.prepare(`select count(*) as n from "Event" where hallId = ?`).get(BENCH_HALL_ID) as { n: number }).n);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: where });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>(`select count(*) as n from "Event" where "hallId" = $1`, [BENCH_HALL_ID]);
    return Number(r.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/** Ingest then event to wall on already started nodes; the hall and tokens are made on node 1. */
async function measureNodes(
  nodes: readonly BenchServer[],
  storage: "sqlite" | "postgres",
  storedAt: string,
  work: { warm: ReturnType<typeof ingestWorkload>; streams: ReturnType<typeof ingestWorkload>; displays: number; seconds: number },
  ctx: BenchContext,
): Promise<Pick<ConfigRun, "ingest" | "wall" | "load">> {
  const first = nodes[0] as BenchServer;
  const urls = nodes.map((n) => n.url);
  const api = first.api();
  await api.putHall(BENCH_HALL_ID, probeHall());
  const deviceTokens: string[] = [];
  for (let i = 0; i < 4; i++) deviceTokens.push(await api.createToken("device", BENCH_HALL_ID));
  const displayToken = await api.createToken("display", BENCH_HALL_ID);
  await untilHallKnown(urls, BENCH_HALL_ID, displayToken, Date.now() + 30_000);

  const shape = INGEST_SHAPE;
  const devicesPerNode = perNode(shape.devices, nodes.length);
  ctx.log(`ingest: ${shape.devices} devices (${devicesPerNode.join(" + ")}) × ${shape.inFlight} batches of ${shape.batchSize} in flight`);
  const load = [loadAverage()[0] as number];
  const sockets = await spreadDevices(urls, deviceTokens, shape.devices);
  let ingest: ConfigRun["ingest"];
  try {
    const warm = await runLoad(sockets, work.warm, shape);
    const cpu = () => nodes.map((n) => cpuMs(n.pid));
    const cpu0 = cpu();
    const r = await runLoad(sockets, work.streams, shape);
    const cpu1 = cpu();
    const nodesCpuMs = cpu0.some((x) => x === null) || cpu1.some((x) => x === null) ? null : cpu1.reduce<number>((s, x, i) => s + (x as number) - (cpu0[i] as number), 0);
    ingest = { ...r, devicesPerNode, nodesCpuMs, stored: 0, acceptedTotal: (warm.statuses.accepted ?? 0) + (r.statuses.accepted ?? 0) };
  } finally {
    closeAll(sockets);
  }
  ingest.stored = await countStored(storage, storedAt);
  ctx.log(`ingest: ${Math.round(ingest.eventsPerSecond)} acked ev/s; ${ingest.acceptedTotal} accepted, ${ingest.stored} stored`);

  ctx.log(`event to wall: ${work.displays} displays over ${nodes.length} node(s), ${EVENTS_PER_SECOND} ev/s and the probes to node 1, ${work.seconds} probes`);
  load.push(loadAverage()[0] as number);
  const cpu0 = nodes.map((n) => cpuMs(n.pid));
  const probe = await clusterProbeRun({ urls, deviceToken: deviceTokens[0] as string, displayToken, displays: work.displays, seconds: work.seconds, eventsPerSecond: EVENTS_PER_SECOND, log: ctx.log });
  const nodesCpuMs = nodes.map((n, i) => {
    const a = cpu0[i];
    const b = cpuMs(n.pid);
    return a === null || a === undefined || b === null ? null : b - a;
  });
  load.push(loadAverage()[0] as number);
  const wall = { ...probe, nodesCpuMs };
  ctx.log(
    `event to wall: p99 ${round(wall.latency.all.p99)} ms (local ${round(wall.latency.local.p99)}, cross-node ${round(wall.latency.remote.p99)}), missed ${wall.missedByNode.join("/")}, wrong at end ${wall.wrongAtEndByNode.join("/")}; background ${Math.round(wall.background.eventsPerSecond)} ev/s acked, ack p50 ${Math.round(wall.background.ackMs.p50)} ms; node CPU ${nodesCpuMs.map((x) => (x === null ? "?" : `${Math.round(x / 1000)} s`)).join(" / ")}; load ${load.join(" → ")}`,
  );
  return { ingest, wall, load };
}

async function sqliteConfig(work: Parameters<typeof measureNodes>[3], ctx: BenchContext): Promise<ConfigRun> {
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

async function postgresConfig(n: number, work: Parameters<typeof measureNodes>[3], ctx: BenchContext): Promise<ConfigRun> {
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

/** Event rates of the simulator's busy hall (demo county hall, scale 2) over the weekdays of one week; the busiest day. */
export function busyHallRates(): HallDayRates & { date: string; days: number } {
  let best: (HallDayRates & { date: string }) | null = null;
  const dates = ["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"];
  for (const date of dates) {
    const offset = zoneOffsetMinutes(BENCH_HALL.timezone, utcMidnight(date) + 12 * 3_600_000);
    const events = simulateHallDay({ hall: BENCH_HALL, hallId: BENCH_HALL_ID, date, seed: 7, scale: BUSY_SCALE, utcOffsetMinutes: offset, params: demoSimParams }).events;
    const r = { ...hallDayRates(events.map((e) => Date.parse(e.ts)), BENCH_HALL.windows.length), date };
    if (!best || r.perWindowHourPeak > best.perWindowHourPeak) best = r;
  }
  if (!best) throw new Error("no simulated day");
  return { ...best, days: dates.length };
}

const ms = (x: number) => `${Math.round(x)} ms`;

export async function benchScaleOut(ctx: BenchContext): Promise<BenchResult> {
  const started = performance.now();
  const machine = machineFacts();
  const total = ctx.quick ? 30_000 : 150_000;
  const displays = ctx.quick ? 150 : 500;
  const seconds = ctx.quick ? 15 : 60;
  const tag = `so${Date.now().toString(36)}`;
  // The same events for every configuration: each one starts on an empty store.
  const work = { warm: ingestWorkload(3_000, INGEST_SHAPE.devices, `${tag}w`), streams: ingestWorkload(total, INGEST_SHAPE.devices, tag), displays, seconds };
  const shared = `${machine.cores} cores shared by the node(s), PostgreSQL, Redis and the load generator`;
  ctx.log(`${shared}: overhead and correctness of the multi-node path, not capacity`);
  const count = (ss: ReturnType<typeof ingestWorkload>) => ss.reduce((s, x) => s + x.length, 0);
  ctx.log(`workload: ${count(work.streams)} events ingested (whole simulated days, ≥ ${total}) after a ${count(work.warm)}-event warm-up; ${displays} displays, ${EVENTS_PER_SECOND} ev/s, ${seconds} probes per configuration`);

  ctx.log("baseline: SQLite single node (the default server)");
  const runs: ConfigRun[] = [await sqliteConfig(work, ctx)];
  for (const n of nodeCounts()) {
    ctx.log(`PostgreSQL + Redis, ${n} node${n > 1 ? "s" : ""}`);
    runs.push(await postgresConfig(n, work, ctx));
  }

  const sqlite = runs[0] as ConfigRun;
  const pg1 = runs[1] as ConfigRun;
  const rows: Row[] = [];
  for (const r of runs) {
    const base = r === sqlite ? null : r === pg1 ? sqlite : pg1;
    const correct = r.ingest.stored === r.ingest.acceptedTotal && (r.ingest.statuses.accepted ?? 0) === r.ingest.events && r.ingest.errorAcks === 0;
    rows.push({
      bench: "scale-out",
      figure: `acked events/s, ${r.label} (devices ${r.ingest.devicesPerNode.join("+")})`,
      value: r.ingest.eventsPerSecond,
      unit: "ev/s",
      baseline: base ? { name: base.label, value: base.ingest.eventsPerSecond } : undefined,
      ratio: base ? ratio(r.ingest.eventsPerSecond, base.ingest.eventsPerSecond) : undefined,
      target: "every acked event stored once",
      met: correct,
      note: [
        r !== sqlite && base !== sqlite ? `${round(ratio(r.ingest.eventsPerSecond, sqlite.ingest.eventsPerSecond) ?? NaN)}× the SQLite node` : null,
        `ack p50 ${ms(r.ingest.ackMs.p50)} p99 ${ms(r.ingest.ackMs.p99)}`,
        `${r.ingest.acceptedTotal} accepted, ${r.ingest.stored} stored`,
        `load ${r.load[0]} → ${r.load[1]}`,
        r.ingest.nodesCpuMs !== null ? `node CPU ${round(r.ingest.nodesCpuMs / r.ingest.events)} ms/event` : null,
        shared,
      ]
        .filter(Boolean)
        .join("; "),
    });
  }
  for (const r of runs) {
    const base = r === sqlite ? null : r === pg1 ? sqlite : pg1;
    const w = r.wall;
    const missed = w.missedByNode.reduce((s, x) => s + x, 0);
    rows.push({
      bench: "scale-out",
      figure: `send → display p99, ${r.label}, all ${w.displays} displays (${w.displaysPerNode.join("+")})`,
      value: w.latency.all.p99,
      unit: "ms",
      baseline: base ? { name: `${base.label} p99`, value: base.wall.latency.all.p99 } : undefined,
      ratio: base ? ratio(w.latency.all.p99, base.wall.latency.all.p99) : undefined,
      target: "≤ 300 ms",
      met: w.latency.all.p99 <= 300 && missed === 0 && w.wrongAtEndByNode.every((x) => x === 0),
      note: [
        `p50 ${ms(w.latency.all.p50)}, max ${ms(w.latency.all.max)}`,
        r !== sqlite && base !== sqlite ? `${round(ratio(w.latency.all.p99, sqlite.wall.latency.all.p99) ?? NaN)}× the SQLite node's p99` : null,
        `background ${Math.round(w.background.eventsPerSecond)} of ${EVENTS_PER_SECOND} ev/s acked (ack p50 ${ms(w.background.ackMs.p50)})`,
        `load ${r.load.join(" → ")}`,
        missed > 0 ? `${missed} probe×display pairs never saw the state (two probes in one flush under backlog)` : null,
        `${w.wrongAtEndByNode.reduce((a, b) => a + b, 0)} displays not showing the last probe's state 30 s after it`,
      ]
        .filter(Boolean)
        .join("; "),
    });
    if (r.nodes > 1) {
      rows.push({
        bench: "scale-out",
        figure: `  ${r.label}: displays on node 1 (receives the events) p99`,
        value: w.latency.local.p99,
        unit: "ms",
        baseline: { name: `${pg1.label} p99`, value: pg1.wall.latency.all.p99 },
        ratio: ratio(w.latency.local.p99, pg1.wall.latency.all.p99),
        note: `p50 ${ms(w.latency.local.p50)}, max ${ms(w.latency.local.max)}, ${w.latency.local.n} samples`,
      });
      rows.push({
        bench: "scale-out",
        figure: `  ${r.label}: displays on nodes 2–${r.nodes} (cross-node) p99`,
        value: w.latency.remote.p99,
        unit: "ms",
        baseline: { name: `${pg1.label} p99`, value: pg1.wall.latency.all.p99 },
        ratio: ratio(w.latency.remote.p99, pg1.wall.latency.all.p99),
        target: "≤ 300 ms",
        met: w.latency.remote.p99 <= 300 && w.missedByNode.slice(1).every((x) => x === 0) && w.wrongAtEndByNode.slice(1).every((x) => x === 0),
        note: `p50 ${ms(w.latency.remote.p50)}, max ${ms(w.latency.remote.max)}, ${w.latency.remote.n} samples; per node p99 ${w.latency.byNode.map((s) => ms(s.p99)).join(" / ")}`,
      });
    }
  }

  // The province's offered load against what one PostgreSQL node took in this run.
  const hall = busyHallRates();
  const shape: ProvinceShape = { ...PROVINCE, eventsPerWindowHour: hall.perWindowHourPeak };
  const province = provinceLoad(shape);
  const peakMinutePerSecond = (hall.peakMinuteEvents / hall.windows) * PROVINCE.windowsPerHall * PROVINCE.halls / 60;
  rows.push({
    bench: "scale-out",
    figure: `province estimate: ${PROVINCE.halls} halls × ${PROVINCE.windowsPerHall} windows × ${round(hall.perWindowHourPeak)} events/window/h (busy hall's peak hour)`,
    value: province.eventsPerSecond,
    unit: "ev/s",
    baseline: { name: `measured ${pg1.label}`, value: pg1.ingest.eventsPerSecond },
    ratio: ratio(province.eventsPerSecond, pg1.ingest.eventsPerSecond),
    note: `busiest minute ≈ ${round(peakMinutePerSecond)} ev/s; ${province.displays} displays (${PROVINCE.displaysPerHall} a hall) ≤ ${Math.round(province.displayUpdatesPerSecond)} display updates/s; the simulator's busy hall: ${hall.events} events on ${hall.date} over ${round(hall.spanHours)} h, ${hall.windows} windows`,
  });

  return {
    name: "scale-out",
    rows,
    details: {
      cores: machine.cores,
      note: `${shared}; every configuration on a fresh store; the same ingest events and ${EVENTS_PER_SECOND} ev/s background in each`,
      ingestShape: INGEST_SHAPE,
      events: count(work.streams),
      warmUpEvents: count(work.warm),
      displays,
      seconds,
      runs,
      province: { shape, load: province, busyHall: hall, peakMinutePerSecond },
    },
    ms: performance.now() - started,
  };
}
