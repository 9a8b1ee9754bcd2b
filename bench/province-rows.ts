// The province's result rows: the preload's check, then per node configuration its send → display latency
// (all displays, and local / cross-node with more than one node), memory, start and background rate.
import { overviewRows } from "./overview-rows.js";
import type { Row } from "./report.js";
import { MAX_FAILED_PROBES } from "./province-live.js";
import { SETTLE_MS } from "./province-nodes.js";
import { mibs, ms, slowest, type ConfigRun, type PhaseRun, type Preload } from "./province-types.js";
import { ratio, round, type Summary } from "./stats.js";

/** Every accepted event of the 48-hour preload stored once, none refused. */
export function preloadRow(H: number, history: number, preload: Preload): Row {
  const shape = preload.shape;
  return {
    bench: "province",
    figure: `preload: 48 h of ${H} halls stored = accepted`,
    value: preload.stored,
    unit: "events",
    baseline: { name: "accepted", value: preload.statuses.accepted ?? 0 },
    ratio: ratio(preload.stored, preload.statuses.accepted ?? 0),
    target: "every accepted event stored once",
    met: preload.stored === (preload.statuses.accepted ?? -1) && preload.statuses.accepted === history && preload.errorAcks === 0,
    note: `${round(preload.eventsPerSecond)} acked ev/s through 1 node, ${shape.devices} devices × ${shape.inFlight} batches of ${shape.batchSize} in flight; statuses ${JSON.stringify(preload.statuses)}; load ${preload.load.join(" → ")}`,
  };
}

function latencyRows(r: ConfigRun, p: PhaseRun, base: { run: ConfigRun; phase: PhaseRun } | null, heavy: number): Row[] {
  const what = p.name === "peak" ? `peak ${round(p.offeredPerSecond)} ev/s` : `HEAVY ${heavy}× peak, ${round(p.offeredPerSecond)} ev/s`;
  const missed = p.missedByNode.reduce((a, b) => a + b, 0);
  const wrong = p.wrongAtEndByNode.reduce((a, b) => a + b, 0);
  // A failed probe (ack timed out or refused) or a probe not sent fails the row whatever the p99 says.
  const bad = missed + wrong + p.failedProbes.length + (p.planned - p.probes - p.failedProbes.filter((f) => !f.stored).length) > 0;
  const bg = p.background;
  const rows: Row[] = [];
  const group = (name: string, s: Summary, extra: string[]): Row => ({
    bench: "province",
    figure: name,
    value: s.p99,
    unit: "ms",
    // Against the first configuration's p99 over all its displays (one node: every display local).
    baseline: base ? { name: `${base.run.label}, all displays p99`, value: base.phase.latency.all.p99 } : undefined,
    ratio: base ? ratio(s.p99, base.phase.latency.all.p99) : undefined,
    target: "≤ 300 ms",
    // A group no probe reached (all local, or all cross-node) has no figure to meet.
    met: s.n === 0 ? undefined : s.p99 <= 300 && !bad,
    note: [`p50 ${ms(s.p50)}, max ${ms(s.max)}, ${s.n} samples`, ...extra].join("; "),
  });
  rows.push(
    group(`send → display p99, ${r.label}, ${what}, all ${r.displaysPerNode.reduce((a, b) => a + b, 0)} displays (${r.displaysPerNode.join("+")})`, p.latency.all, [
      `${p.probes} of ${p.planned} probes${p.failedProbes.length ? `; ${p.failedProbes.length} FAILED (${p.failedProbes[0]?.error}; stored after all: ${p.failedProbes.filter((f) => f.stored).length}; the phase stops sending after ${MAX_FAILED_PROBES})` : ""}`,
      `${missed} probe×display pairs missed, ${wrong} displays wrong at end`,
      `slowest probes ${slowest(p.perProbe)}`,
      `background ${round(bg.ackedPerSecond)} of ${round(p.offeredPerSecond)} ev/s acked (ack p50 ${ms(bg.ackMs.p50)}, p99 ${ms(bg.ackMs.p99)})`,
      `node CPU ${p.cpuPercent.map((c) => (c === null ? "?" : `${Math.round(c)}%`)).join(" / ")} of a core`,
      `measuring process loop delay p99 ${ms(p.clientLoopDelayMs.p99)}`,
      `load ${p.load.before[0]} → ${p.load.after[0]}`,
    ]),
  );
  if (r.nodes > 1) {
    rows.push(group(`  ${r.label}, ${what}: displays on the node that took the probe (local) p99`, p.latency.local, []));
    rows.push(group(`  ${r.label}, ${what}: displays on another node (cross-node) p99`, p.latency.cross, [`per display node p99 ${p.latency.byNode.map((s) => ms(s.p99)).join(" / ")}`]));
  }
  rows.push(...overviewRows(r, p, what));
  return rows;
}

export function configRows(r: ConfigRun, first: ConfigRun, halls: number, heavy: number): Row[] {
  const rows: Row[] = [];
  for (const p of r.phases) {
    const basePhase = r === first ? null : first.phases.find((x) => x.name === p.name);
    rows.push(...latencyRows(r, p, basePhase ? { run: first, phase: basePhase } : null, heavy));
  }
  r.loaded.gc.forEach((g, i) => {
    const empty = r.empty.gc[i]?.rssMiB ?? Number.NaN;
    rows.push({
      bench: "province",
      figure: `RSS after start, ${r.label}: node ${i + 1}, ${halls} halls loaded (${r.heldEvents.toLocaleString("en-US")} events in 48 h)`,
      value: g.rssMiB,
      unit: "MiB",
      baseline: { name: `same node, ${halls} halls, no events`, value: empty },
      ratio: ratio(g.rssMiB, empty),
      note: `${SETTLE_MS / 1000} s after healthy and a forced GC of the main thread, no client connected (before the GC ${Math.round(r.loaded.rssMiB[i] ?? NaN)} MiB, empty ${Math.round(r.empty.rssMiB[i] ?? NaN)} MiB); main-thread V8 heap used ${Math.round(g.heapUsedMiB)} MiB (empty ${Math.round(r.empty.gc[i]?.heapUsedMiB ?? NaN)}); RSS includes the floor worker's own copy of the facts`,
    });
  });
  const m = r.memory;
  rows.push({
    bench: "province",
    figure: `  memory per hall, ${r.label}: RSS after GC, (loaded − empty) / ${halls} halls, mean of nodes`,
    value: m.rss.perHallMiB,
    unit: "MiB",
    note: `${round(m.rss.perEventKB)} KB per event held; ${round(m.rss.deltaMiB)} MiB a node for the province; RSS before the GC: ${round(m.rssAsSeen.perHallMiB)} MiB a hall`,
  });
  rows.push({
    bench: "province",
    figure: `  memory per hall, ${r.label}: main-thread V8 heap used after GC, (loaded − empty) / ${halls} halls`,
    value: m.heap.perHallMiB,
    unit: "MiB",
    baseline: { name: "empty heap used", value: m.heap.emptyMeanMiB },
    ratio: m.heap.ratio,
    note: `${round(m.heap.perEventKB)} KB per event held; ${round(m.heap.deltaMiB)} MiB a node; the floor worker's heap is not in this figure`,
  });
  const peak = r.phases.find((p) => p.name === "peak");
  if (peak) {
    const worst = peak.rss.reduce((a, b) => (b.growth.ratio > a.growth.ratio ? b : a));
    rows.push({
      bench: "province",
      figure: `RSS growth in the live phase at peak, ${r.label} (node ${worst.node + 1}, the largest)`,
      value: worst.growth.lastThird,
      unit: "MiB",
      baseline: { name: "first third", value: worst.growth.firstThird },
      ratio: worst.growth.ratio,
      target: "≤ 1.1× first third",
      met: peak.rss.every((x) => x.growth.ratio <= 1.1),
      note: `per node ${peak.rss.map((x) => `${Math.round(x.growth.firstThird)}→${Math.round(x.growth.lastThird)} MiB`).join(", ")}; with ${r.displaysPerNode.join("+")} displays connected; after a forced GC at the phase end RSS ${mibs(peak.gcAtEnd.map((g) => g.rssMiB))}, heap used ${mibs(peak.gcAtEnd.map((g) => g.heapUsedMiB))} (after start ${mibs(r.loaded.gc.map((g) => g.heapUsedMiB))}); ${r.displayDisconnects} display disconnects in the run`,
    });
  }
  const maxOf = (xs: readonly number[]) => Math.max(...xs);
  rows.push({
    bench: "province",
    figure: `start → healthy, ${r.label} (slowest node), ${halls} halls loaded`,
    value: maxOf(r.loaded.startMs),
    unit: "ms",
    baseline: { name: `${halls} halls, no events`, value: maxOf(r.empty.startMs) },
    ratio: ratio(maxOf(r.loaded.startMs), maxOf(r.empty.startMs)),
    note: `each node ${r.loaded.startMs.map(ms).join(", ")} (empty ${r.empty.startMs.map(ms).join(", ")}); live state rebuilt ${r.loaded.rebuildMs.map((x) => (x === null ? "?" : ms(x))).join(", ")}, consistency facts held ${r.loaded.consistencyMs.map((x) => (x === null ? "?" : ms(x))).join(", ")} per the server log; nodes started one after the other`,
  });
  for (const p of r.phases)
    rows.push({
      bench: "province",
      figure: `background acked ev/s, ${r.label}, ${p.name === "peak" ? "peak" : `HEAVY ${heavy}× peak`}`,
      value: p.background.ackedPerSecond,
      unit: "ev/s",
      baseline: { name: "offered", value: p.offeredPerSecond },
      ratio: ratio(p.background.ackedPerSecond, p.offeredPerSecond),
      target: "≥ 0.95× offered, none refused",
      met: p.background.ackedPerSecond >= 0.95 * p.offeredPerSecond && p.background.errors === 0 && p.background.notAccepted === 0,
      note: `${p.background.accepted} of ${p.background.offered} offered accepted, ${p.background.notAccepted} not accepted, ${p.background.errors} error acks; sent over ${round(p.background.sendingSeconds)} s, the last ack ${round(p.background.seconds - p.background.sendingSeconds)} s later (ack p50 ${ms(p.background.ackMs.p50)}, p99 ${ms(p.background.ackMs.p99)}); each hall from its own device socket, device of hall h on node h mod ${r.nodes}`,
    });
  return rows;
}
