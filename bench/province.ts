// 8. A province on PostgreSQL + Redis (issue #11): H halls (60; --quick 12; BENCH_PROVINCE_HALLS), each the
// bench hall with the probe window, with 48 hours of simulated history, on 1 and then 2 nodes
// (BENCH_PROVINCE_NODES) of this machine. Measured, where the scale-out section only estimates:
//   - memory per node: each node is started on the loaded database (every node keeps every hall's 48-hour
//     live state), RSS and V8 heap used 5 s after start and a forced GC (MEMORY_HOOK) against the same
//     nodes started on the same database before the preload (the same halls and tokens, no events), in the
//     same run; start → healthy likewise;
//   - the live province: 20 wall-like displays per hall, all on one node as the reference nginx
//     places walls by the hall they name (BENCH_PROVINCE_PLACEMENT=spread: round-robin over the nodes
//     within each hall, the worst case, every node computing every hall), each hall's
//     device on node (hall mod N) sending that hall's own simulated peak hour re-stamped to now at the
//     province's busiest-hour rate (~18 ev/s at 60 halls), one probe a second on the next hall in turn sent
//     to a node in turn, send → display grouped local / cross-node, RSS of every node each second, node CPU;
//     then a heavier variant (BENCH_PROVINCE_HEAVY × that rate, 10 by default; 0 skips it).
// All nodes, PostgreSQL, Redis and the 1,200 client sockets share this machine's cores (2 here): the
// figures are the multi-node path's memory and latency under the province's load, not N machines' capacity.
import type { Socket } from "socket.io-client";
import type { HallEvent } from "../contract/index.js";
import { applyPostgresMigrations } from "../server/adapters/postgres/migrations.js";
import { freshPostgresDatabase, type FreshDatabase } from "../test/helpers/postgres.js";
import { startRedis, type TestRedis } from "../test/helpers/redis.js";
import { BUSY_SCALE } from "./datasets.js";
import { probeHall } from "./probe-displays.js";
import { closeAll, connectDevices, runLoad } from "./load.js";
import { loadAverage, machineFacts } from "./machine.js";
import { loadedConfig } from "./province-config.js";
import { SETTLE_MS, startNodes, stopNodes } from "./province-nodes.js";
import * as plan from "./province-plan.js";
import { configRows, preloadRow } from "./province-rows.js";
import { countEvents, simulateProvince, untilRollupsDone } from "./province-setup.js";
import { label, mibs, ms, type ConfigRun, type Hall, type Preload, type Started } from "./province-types.js";
import type { BenchContext, BenchResult, Row } from "./report.js";
import { busyHallRates, PROVINCE } from "./scale-out.js";
import { provinceLoad } from "./scale-out-plan.js";
import { BenchServer, ROOT } from "./server.js";
import { round } from "./stats.js";

export async function benchProvince(ctx: BenchContext): Promise<BenchResult> {
  const started = performance.now();
  const machine = machineFacts();
  const H = plan.provinceHalls(process.env.BENCH_PROVINCE_HALLS, ctx.quick);
  const nodeCounts = plan.provinceNodeCounts(process.env.BENCH_PROVINCE_NODES);
  const heavy = plan.heavyFactor(process.env.BENCH_PROVINCE_HEAVY);
  const placement = plan.displayPlacement(process.env.BENCH_PROVINCE_PLACEMENT);
  const probes = ctx.quick ? 20 : 60;
  const heavyProbes = ctx.quick ? 10 : 30;
  const busy = busyHallRates();
  const province = provinceLoad({ halls: H, windowsPerHall: PROVINCE.windowsPerHall, eventsPerWindowHour: busy.perWindowHourPeak, displaysPerHall: plan.DISPLAYS_PER_HALL });
  const shared = `${machine.cores} cores shared by the node(s), PostgreSQL, Redis and the ${H * plan.DISPLAYS_PER_HALL} client sockets`;
  ctx.log(`${H} halls × ${plan.DISPLAYS_PER_HALL} displays; peak ${round(province.eventsPerSecondPerHall)} ev/s a hall (${round(province.eventsPerSecond)} in all)${heavy > 0 ? `, then ${heavy}×` : ""}; node configurations ${nodeCounts.join(", ")}; ${shared}`);

  const ids = plan.hallIds(H);
  let database: FreshDatabase | null = null;
  let redis: TestRedis | null = null;
  const running: BenchServer[] = [];
  const details: Record<string, unknown> = { halls: H, displaysPerHall: plan.DISPLAYS_PER_HALL, placement, probes, heavyProbes, heavy, busyHall: busy, provinceLoad: province, cores: machine.cores, settleMs: SETTLE_MS, root: ROOT };
  const rows: Row[] = [];
  try {
    database = await freshPostgresDatabase("hallpulse_bench_province");
    redis = await startRedis();
    await applyPostgresMigrations(database.url, ROOT);
    const env = { LOG_LEVEL: "info", DATABASE_URL: database.url, REDIS_URL: redis.url };
    ctx.log(`PostgreSQL ${database.name} + Redis ${redis.url}`);

    // The halls and their tokens, made on one node, kept in the database for every later start.
    const setup = await startNodes(1, env);
    running.push(...setup.nodes);
    const api = (setup.nodes[0] as BenchServer).api();
    const nowMs = Date.now();
    // The halls' zone puts the run at 15:00 of their day, whatever the hour here (provinceZone).
    const zone = plan.provinceZone(nowMs);
    details.zone = zone;
    const sim = simulateProvince(ids, nowMs, zone);
    const halls: Hall[] = [];
    for (const [index, id] of ids.entries()) {
      await api.putHall(id, probeHall(zone));
      const live = sim.live[index] as HallEvent[];
      halls.push({ index, id, deviceToken: await api.createToken("device", id), displayToken: await api.createToken("display", id), live, liveStart: plan.busiestHourStart(live.map((e) => Date.parse(e.ts))) });
    }
    const overseerToken = await api.createToken("overseer");
    await stopNodes(running.splice(0));

    // Baseline: the same node configurations on the same database before the preload (halls, tokens, no events).
    const empty = new Map<number, Started>();
    for (const n of nodeCounts) {
      const s = await startNodes(n, env);
      running.push(...s.nodes);
      empty.set(n, s);
      ctx.log(`baseline, ${label(n)}, ${H} halls and no events: started in ${s.startMs.map(ms).join(", ")}; after GC RSS ${mibs(s.gc.map((g) => g.rssMiB))}, heap used ${mibs(s.gc.map((g) => g.heapUsedMiB))}; RSS before GC ${mibs(s.rssMiB)}`);
      await stopNodes(running.splice(0));
    }

    // 48 hours of history through node 1's /ingest: one device socket per hall (a device token names its hall).
    const history = sim.history.reduce((s, x) => s + x.length, 0);
    ctx.log(`preload: ${history} events (the 48 hours before ${new Date(nowMs).toISOString()}, ${sim.dates.dayBefore} to ${sim.dates.today} in ${zone}, seed per hall, scale ${BUSY_SCALE}) through node 1`);
    const pre = await startNodes(1, env);
    running.push(...pre.nodes);
    const preNode = pre.nodes[0] as BenchServer;
    const shape = plan.preloadShape(H);
    const sockets: Socket[] = [];
    let preload: Preload;
    try {
      for (const h of halls) sockets.push(...(await connectDevices(preNode.url, [h.deviceToken], 1)));
      const l0 = loadAverage();
      const r = await runLoad(sockets, sim.history, shape);
      preload = { ...r, stored: (await countEvents(database.url, 0)).all, shape, load: [l0[0] as number, loadAverage()[0] as number] };
    } finally {
      closeAll(sockets);
    }
    ctx.log(`preload: ${Math.round(preload.eventsPerSecond)} acked ev/s; ${preload.statuses.accepted ?? 0} accepted, ${preload.stored} stored`);
    // Yesterday's rollups are the leader's work after a backfill; done before the measured starts, as in a
    // province that has been running (each hall's today is recomputed every few minutes anyway).
    preload.rollups = await untilRollupsDone(database.url, sim.dates.yesterday, ctx.quick ? 60_000 : 180_000);
    ctx.log(`preload: yesterday's rollups ${preload.rollups.pending === 0 ? "done" : `still ${preload.rollups.pending} days pending`} after ${ms(preload.rollups.ms)}`);
    await stopNodes(running.splice(0));
    details.preload = { ...preload, historyEvents: history, dates: sim.dates };
    rows.push(preloadRow(H, history, preload));

    const runs: ConfigRun[] = [];
    const work = { probes, heavyProbes, perHallPerSecond: province.eventsPerSecondPerHall, heavy, databaseUrl: database.url, overseerToken, placement };
    for (const n of nodeCounts) {
      ctx.log(`${label(n)}: restart on the loaded province`);
      runs.push(await loadedConfig(n, env, halls, empty.get(n) as Started, work, ctx));
    }
    details.runs = runs;
    const first = runs[0] as ConfigRun;
    for (const r of runs) rows.push(...configRows(r, first, H, heavy));
  } finally {
    await stopNodes(running);
    await redis?.stop();
    await database?.drop();
  }
  return { name: "province", rows, details: { ...details, note: shared }, ms: performance.now() - started };
}
