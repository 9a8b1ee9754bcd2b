// One scale-out configuration measured on nodes already started (bench/scale-out.ts, section 7): the
// durable ingest with the devices spread round-robin over the nodes and the stored count checked, then
// event to wall through bench/cluster-probe.ts, with each node's CPU and the box's load around both.
import pg from "pg";
import type { Socket } from "socket.io-client";
import { openDatabase } from "../server/adapters/sqlite/open-database.js";
import { clusterProbeRun, type ClusterProbeRun } from "./cluster-probe.js";
import { BENCH_HALL_ID } from "./datasets.js";
import { probeHall } from "./probe-displays.js";
import { INGEST_SHAPE } from "./ingest.js";
import { closeAll, connectDevices, ingestWorkload, runLoad, type LoadResult } from "./load.js";
import { cpuMs, loadAverage } from "./machine.js";
import type { BenchContext } from "./report.js";
import { perNode } from "./scale-out-plan.js";
import { type BenchServer, untilHallKnown } from "./server.js";
import { round } from "./stats.js";

export const EVENTS_PER_SECOND = 1000;

export interface ConfigRun {
  label: string;
  storage: "sqlite" | "postgres";
  nodes: number;
  ingest: LoadResult & { devicesPerNode: number[]; nodesCpuMs: number | null; stored: number; acceptedTotal: number };
  wall: ClusterProbeRun & { nodesCpuMs: (number | null)[] };
  startMs: number[];
  /** 1-minute load average before ingest, before event to wall, after (the box may be shared). */
  load: number[];
}

/** The same work for every configuration: warm-up and measured ingest streams, then the probe run's size. */
export interface ScaleOutWork {
  warm: ReturnType<typeof ingestWorkload>;
  streams: ReturnType<typeof ingestWorkload>;
  displays: number;
  seconds: number;
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
export async function measureNodes(
  nodes: readonly BenchServer[],
  storage: "sqlite" | "postgres",
  storedAt: string,
  work: ScaleOutWork,
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
