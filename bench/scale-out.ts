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
// The configurations are in bench/scale-out-configs.ts, one measured run in bench/scale-out-measure.ts,
// the rows in bench/scale-out-rows.ts and the province estimate in bench/scale-out-province.ts.
import { INGEST_SHAPE } from "./ingest.js";
import { ingestWorkload } from "./load.js";
import { machineFacts } from "./machine.js";
import type { BenchContext, BenchResult } from "./report.js";
import { nodeCounts, postgresConfig, sqliteConfig } from "./scale-out-configs.js";
import { EVENTS_PER_SECOND, type ConfigRun } from "./scale-out-measure.js";
import { provinceEstimate } from "./scale-out-province.js";
import { scaleOutRows } from "./scale-out-rows.js";

// bench/province.ts takes the province and the busy hall's rates from here.
export { busyHallRates, PROVINCE } from "./scale-out-province.js";

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

  const pg1 = runs[1] as ConfigRun;
  const rows = scaleOutRows(runs, shared);
  const province = provinceEstimate(pg1);
  rows.push(province.row);

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
      province: province.details,
    },
    ms: performance.now() - started,
  };
}
