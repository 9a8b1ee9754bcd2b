// One live phase of a node configuration: the background traffic, one probe a second sent to a node in turn,
// the nodes' RSS and CPU while it runs, then the end check and the nodes' memory after a forced GC.
import { monitorEventLoopDelay } from "node:perf_hooks";
import pg from "pg";
import { matchOverview, pushesSettled, pushGaps } from "./overview-match.js";
import { pollOverview } from "./overview-watch.js";
import { PROBE_WINDOW } from "./probe-displays.js";
import { PROBE_SPREAD_SECOND_MS, probeDueMs } from "./probe-schedule.js";
import { cpuMs, loadAverage, rssMiB } from "./machine.js";
import { memoryAfterGc } from "./memory-hook.js";
import * as plan from "./province-plan.js";
import { provinceTraffic } from "./province-traffic.js";
import { ms, slowest, type Ack, type GcMemory, type Hall, type Live, type PhaseRun } from "./province-types.js";
import { sleep } from "./server.js";
import { round, summarize } from "./stats.js";

const END_WAIT_MS = 30_000;
/** A probe not acked within this is reported as failed; after MAX_FAILED_PROBES the phase sends no more. */
const PROBE_ACK_MS = 10_000;
export const MAX_FAILED_PROBES = 3;

async function sendProbe(live: Live, k: number, phase: string, log: (m: string) => void): Promise<void> {
  const step = plan.probeAt(k, live.halls.length, live.urls.length);
  const hall = live.halls[step.hall] as Hall;
  const socket = live.probeSockets.get(`${step.hall}/${step.node}`);
  if (!socket) throw new Error(`no probe socket for hall ${step.hall} on node ${step.node}`);
  const ev = { id: `${live.tag}:probe:${k}`, hallId: hall.id, ts: new Date().toISOString(), type: step.type, windowId: PROBE_WINDOW };
  const at = performance.now();
  // CLOCK_MONOTONIC in µs, the clock of the nodes' --cpu-prof timestamps: to find a slow probe in a profile.
  const monoUs = Number(process.hrtime.bigint() / 1000n);
  let error: string | null = null;
  try {
    const r = (await socket.timeout(PROBE_ACK_MS).emitWithAck("events", [ev])) as Ack;
    if (!r.ok || r.data?.results[0]?.status !== "accepted") error = `not accepted: ${JSON.stringify(r).slice(0, 300)}`;
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  if (error === null) live.sent.push({ k, hall: step.hall, node: step.node, at, state: step.state, phase, ackMs: performance.now() - at, monoUs });
  else {
    live.failed.push({ k, id: ev.id, phase, hall: step.hall, node: step.node, at, monoUs, state: step.state, afterMs: performance.now() - at, error });
    log(`probe ${k} (${hall.id} on node ${step.node + 1}) failed after ${ms(performance.now() - at)}: ${error}`);
  }
}

/** One live phase: background at `perHallPerSecond`, `probes` probes from probe number `from`, the end check. */
export async function livePhase(live: Live, name: string, perHallPerSecond: number, from: number, probes: number, log: (m: string) => void): Promise<PhaseRun> {
  const load = { before: loadAverage(), after: [] as number[] };
  const traffic = provinceTraffic(live.devices, live.halls, live.cursors, perHallPerSecond, `${live.tag}${name[0]}`);
  const polls = pollOverview(live.urls, live.overseerToken);
  const pushesFrom = live.overview?.pushes.map((xs) => xs.length) ?? [];
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const rss = live.nodes.map(() => [] as number[]);
  // Guarded: a node stopped by a failure elsewhere must not throw from the timer.
  const sampler = setInterval(() => live.nodes.forEach((n, i) => rss[i]?.push(n.child?.pid ? (rssMiB(n.child.pid) ?? Number.NaN) : Number.NaN)), 1000);
  let background: Awaited<ReturnType<typeof traffic.stop>>;
  let overviewPolls: Awaited<ReturnType<typeof polls.stop>>;
  let cpuPercent: (number | null)[];
  try {
    await sleep(3000); // traffic flowing before the first probe
    rss.forEach((xs) => xs.splice(0));
    loopDelay.enable();
    const cpu0 = live.nodes.map((n) => cpuMs(n.pid));
    const t0 = performance.now();
    for (let k = from; k < from + probes; k++) {
      if (live.failed.filter((f) => f.phase === name).length >= MAX_FAILED_PROBES) {
        log(`${name}: ${MAX_FAILED_PROBES} probes failed, the phase's other ${from + probes - k} probes not sent`);
        break;
      }
      // One a second, offset within the second: phases of the overview's 2 s pushes and of a hall's 250 ms flushes alike (probe-schedule.ts).
      await sleep(Math.max(0, probeDueMs(t0, k - from, PROBE_SPREAD_SECOND_MS) - performance.now()));
      await sendProbe(live, k, name, log);
    }
    await sleep(1500);
    const seconds = (performance.now() - t0) / 1000;
    cpuPercent = live.nodes.map((n, i) => {
      const a = cpu0[i];
      const b = cpuMs(n.pid);
      return a === null || a === undefined || b === null ? null : ((b - a) / 1000 / seconds) * 100;
    });
  } finally {
    clearInterval(sampler);
    loopDelay.disable();
    background = await traffic.stop();
    overviewPolls = await polls.stop();
  }

  await resolveFailed(live, name);
  const phaseProbes = live.sent.filter((p) => p.phase === name);
  const expected = plan.expectedEndStates(live.sent, live.halls.length);
  const t1 = performance.now();
  const settled = () => plan.wrongAtEnd(live.displays, expected, live.urls.length).every((x) => x === 0);
  while (!settled() && performance.now() - t1 < END_WAIT_MS) await sleep(100);
  const endWaitMs = performance.now() - t1;
  // The last probes' overview pushes: up to 2 s after their send, later than the displays' updates.
  const lastProbeAt = Math.max(...phaseProbes.map((p) => p.at));
  while (live.overview && !pushesSettled(live.overview.pushes, lastProbeAt, performance.now())) await sleep(100);
  const match = plan.matchProbes(live.sent, live.displays, live.urls.length);
  const pushes = (live.overview?.pushes ?? []).map((xs, node) => xs.slice(Math.max(0, (pushesFrom[node] ?? 0) - 1)));
  const overview = { push: matchOverview(phaseProbes, pushes, traffic.transitions), gaps: pushGaps(pushes), polls: overviewPolls };
  load.after = loadAverage();
  const gcAtEnd: GcMemory[] = [];
  for (const node of live.nodes) gcAtEnd.push(await memoryAfterGc(node));
  const nsToMs = 1e6;
  const run: PhaseRun = {
    name,
    perHallPerSecond,
    offeredPerSecond: perHallPerSecond * live.halls.length,
    planned: probes,
    probes: phaseProbes.length,
    latency: plan.groupLocalCross(
      match.samples.filter((s) => s.phase === name),
      live.urls.length,
    ),
    missedByNode: match.missed[name] ?? live.urls.map(() => 0),
    wrongAtEndByNode: plan.wrongAtEnd(live.displays, expected, live.urls.length),
    endWaitMs,
    background,
    rss: rss.map((samples, node) => ({ node, samples: samples.map((x) => round(x)), growth: plan.thirdsGrowth(samples) })),
    cpuPercent,
    clientLoopDelayMs: { p50: loopDelay.percentile(50) / nsToMs, p99: loopDelay.percentile(99) / nsToMs, max: loopDelay.max / nsToMs },
    load,
    gcAtEnd,
    failedProbes: live.failed.filter((f) => f.phase === name),
    overview,
    perProbe: perProbe(live, match.samples, name),
  };
  const l = run.latency;
  log(
    `${name}: ${Math.round(run.offeredPerSecond * 10) / 10} ev/s offered, ${round(background.ackedPerSecond)} acked (ack p50 ${ms(background.ackMs.p50)}); ${run.probes} probes: p99 ${round(l.all.p99)} ms (local ${round(l.local.p99)}, cross-node ${round(l.cross.p99)}), p50 ${round(l.all.p50)}, max ${round(l.all.max)}; missed ${run.missedByNode.join("/")}, wrong at end ${run.wrongAtEndByNode.join("/")}, ${run.failedProbes.length} probes failed; slowest probes ${slowest(run.perProbe)}; probe → /overview push p50 ${ms(overview.push.latency.p50)}, p99 ${ms(overview.push.latency.p99)} (${overview.push.latency.n} probe×node, ${overview.push.missed} missed, ${overview.push.excluded} left out), pushes every ${ms(overview.gaps.p50)}; GET /api/overview p50 ${ms(overviewPolls.overview.p50)}, p99 ${ms(overviewPolls.overview.p99)} (GET /api/halls p99 ${ms(overviewPolls.halls.p99)}); RSS ${run.rss.map((r) => `${Math.round(r.growth.firstThird)}→${Math.round(r.growth.lastThird)} MiB`).join(", ")} (after GC at the end ${gcAtEnd.map((g) => `${Math.round(g.rssMiB)} MiB, heap ${Math.round(g.heapUsedMiB)}`).join("; ")}); node CPU ${cpuPercent.map((c) => (c === null ? "?" : `${Math.round(c)}%`)).join(" / ")}; load ${load.before[0]} → ${load.after[0]}`,
  );
  return run;
}

/** Whether each failed probe of the phase was stored after all (the ack may time out after the commit). */
async function resolveFailed(live: Live, phase: string): Promise<void> {
  const failed = live.failed.filter((f) => f.phase === phase);
  if (failed.length === 0) return;
  const client = new pg.Client({ connectionString: live.databaseUrl });
  await client.connect();
  try {
    const r = await client.query<{ eventId: string }>(`select "eventId" from "Event" where "eventId" = any($1::text[])`, [failed.map((f) => f.id)]);
    const stored = new Set(r.rows.map((x) => x.eventId));
    for (const f of failed) {
      f.stored = stored.has(f.id);
      if (f.stored) live.sent.push({ k: f.k, hall: f.hall, node: f.node, at: f.at, state: f.state, phase, ackMs: null, monoUs: f.monoUs });
    }
  } finally {
    await client.end();
  }
}

function perProbe(live: Live, samples: readonly plan.ProbeSample[], phase: string): PhaseRun["perProbe"] {
  const t0 = Math.min(...live.sent.map((p) => p.at));
  return live.sent.flatMap((p, i) => {
    if (p.phase !== phase) return [];
    const mine = samples.filter((s) => s.probe === i);
    const s = summarize(mine.map((x) => x.ms));
    const cross = mine.filter((x) => x.displayNode !== x.probeNode).map((x) => x.ms);
    return [{ k: p.k, hall: p.hall, node: p.node, atS: round((p.at - t0) / 1000), monoUs: p.monoUs, ackMs: p.ackMs === null ? null : round(p.ackMs), n: s.n, p50: round(s.p50), max: round(s.max), crossMax: cross.length ? round(Math.max(...cross)) : null }];
  });
}
