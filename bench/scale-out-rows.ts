// The report rows of the scale-out runs (bench/scale-out.ts): acked events/s per configuration, then send →
// display p99 per configuration (and, with several nodes, node 1's displays against the cross-node ones).
// Each PostgreSQL run is compared with the one-node PostgreSQL run, which is compared with the SQLite node.
import type { Row } from "./report.js";
import { EVENTS_PER_SECOND, type ConfigRun } from "./scale-out-measure.js";
import { ratio, round } from "./stats.js";

const ms = (x: number) => `${Math.round(x)} ms`;

/** `runs` starts with the SQLite node and the one-node PostgreSQL run; `shared` says who shared the cores. */
export function scaleOutRows(runs: readonly ConfigRun[], shared: string): Row[] {
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
  return rows;
}
