// The figures of the event-to-wall section (bench/event-to-wall.ts) from HallPulse's probe run and the
// socket.io relay's: socket and Chromium latencies against the relay's, server memory over the run (first
// third against last third) and the background events acked.
import type { ProbeRun } from "./event-to-wall-probe.js";
import type { GcMemory } from "./memory-hook.js";
import type { Row } from "./report.js";
import { ratio, slope } from "./stats.js";

export type MemoryFigures = ReturnType<typeof memoryFigures>;

/** The server's main thread after a forced GC, before the displays connect and after the run (outside the probes). */
export interface HeapAroundRun {
  before: GcMemory;
  after: GcMemory;
}

export function memoryFigures(rss: { t: number; mib: number }[]) {
  const third = Math.max(1, Math.floor(rss.length / 3));
  const mean = (xs: { mib: number }[]) => xs.reduce((s, x) => s + x.mib, 0) / Math.max(1, xs.length);
  const firstThird = mean(rss.slice(0, third));
  const lastThird = mean(rss.slice(-third));
  return {
    firstThirdMiB: firstThird,
    lastThirdMiB: lastThird,
    maxMiB: Math.max(...rss.map((r) => r.mib)),
    slopeMiBPerMin: slope(rss.map((r) => r.t), rss.map((r) => r.mib)) * 60,
  };
}

/** The rows of HallPulse's run `hp` (with `displays` sockets) against the relay's run `base`. */
export function eventToWallRows(hp: ProbeRun, base: ProbeRun, mem: MemoryFigures, heap: HeapAroundRun, displays: number): Row[] {
  const heldBytes = (heap.after.heapUsedMiB - heap.before.heapUsedMiB) * 2 ** 20;
  const b = hp.browser;
  return [
    {
      bench: "event-to-wall",
      figure: `send → display socket p99 (${displays} sockets)`,
      value: hp.socketLatency.p99,
      unit: "ms",
      baseline: { name: "socket.io relay p99", value: base.socketLatency.p99 },
      ratio: ratio(hp.socketLatency.p99, base.socketLatency.p99),
      target: "≤ 300 ms",
      met: hp.socketLatency.p99 <= 300 && hp.missed === 0,
      note: [
        ...(hp.missed > 0 ? [`${hp.missed} probe×display pairs never saw the change`] : []),
        `measuring process's loop delay p99 ${Math.round(hp.clientLoopDelay.p99)} ms (relay run: ${Math.round(base.clientLoopDelay.p99)} ms)`,
        `server CPU ${hp.serverCpuMs === null ? "?" : Math.round(hp.serverCpuMs / 1000)} s`,
      ].join("; "),
    },
    {
      bench: "event-to-wall",
      figure: "send → display socket p50",
      value: hp.socketLatency.p50,
      unit: "ms",
      baseline: { name: "socket.io relay p50", value: base.socketLatency.p50 },
      ratio: ratio(hp.socketLatency.p50, base.socketLatency.p50),
    },
    {
      bench: "event-to-wall",
      figure: "send → display socket max",
      value: hp.socketLatency.max,
      unit: "ms",
      baseline: { name: "socket.io relay max", value: base.socketLatency.max },
      ratio: ratio(hp.socketLatency.max, base.socketLatency.max),
    },
    ...(b
      ? [
          {
            bench: "event-to-wall",
            figure: "send → Chromium wall DOM p99",
            value: b.latency.p99,
            unit: "ms",
            baseline: { name: "socket.io relay p99", value: base.socketLatency.p99 },
            ratio: ratio(b.latency.p99, base.socketLatency.p99),
            target: "≤ 300 ms",
            met: b.latency.p99 <= 300 && b.missed === 0,
            note: `p50 ${Math.round(b.latency.p50)} ms, max ${Math.round(b.latency.max)} ms${b.missed ? `, ${b.missed} missed` : ""}`,
          } satisfies Row,
        ]
      : []),
    {
      bench: "event-to-wall",
      figure: "server RSS, last third of the run",
      value: mem.lastThirdMiB,
      unit: "MiB",
      baseline: { name: "first third", value: mem.firstThirdMiB },
      ratio: ratio(mem.lastThirdMiB, mem.firstThirdMiB),
      target: "no growth (≤ 1.1× first third)",
      met: mem.lastThirdMiB <= mem.firstThirdMiB * 1.1,
      note: `slope ${mem.slopeMiBPerMin.toFixed(1)} MiB/min, max ${Math.round(mem.maxMiB)} MiB; the ${hp.background.sent} events sent stay in the 48-hour live facts by design`,
    },
    {
      // What the run left held, without the garbage V8 had not collected yet: RSS above is mostly the heaps'
      // room to grow. No target of its own; the floor worker's second copy of the facts is not in it.
      bench: "event-to-wall",
      figure: "server main-thread heap after a forced GC, after the run",
      value: heap.after.heapUsedMiB,
      unit: "MiB",
      baseline: { name: "before the displays connected", value: heap.before.heapUsedMiB },
      ratio: ratio(heap.after.heapUsedMiB, heap.before.heapUsedMiB),
      note: `${Math.round(heldBytes / Math.max(1, hp.background.sent))} bytes held per event sent (${hp.background.sent}); RSS after that GC ${Math.round(heap.after.rssMiB)} MiB (before the run ${Math.round(heap.before.rssMiB)} MiB)`,
    },
    {
      bench: "event-to-wall",
      figure: "background events acked/s",
      value: hp.background.eventsPerSecond,
      unit: "ev/s",
      baseline: { name: "socket.io relay", value: base.background.eventsPerSecond },
      ratio: ratio(hp.background.eventsPerSecond, base.background.eventsPerSecond),
      target: "1,000 ev/s offered",
      met: hp.background.eventsPerSecond >= 950,
    },
  ];
}
