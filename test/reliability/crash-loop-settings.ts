// The crash loop's options resolved once: defaults applied and bounds enforced (crash-loop-types.ts documents
// each default), and the command line that replays a run with the same seed and stream parameters.
import type { CrashLoopOptions } from "./crash-loop-types.js";

export interface CrashLoopSettings {
  cycles: number;
  devices: number;
  displays: number;
  seed: number;
  /** Events sent between two kills, on average. */
  perCycle: number;
  batchMax: number;
  stepTimeout: number;
  bootKillRate: number;
  inFlight: number;
  ackLossRate: number;
  paceMs: number;
  keepDir: boolean;
  log: (line: string) => void;
}

export function crashLoopSettings(options: CrashLoopOptions): CrashLoopSettings {
  return {
    cycles: Math.max(0, Math.floor(options.cycles)),
    devices: Math.max(1, options.devices ?? 4),
    displays: Math.max(0, options.displays ?? 2),
    seed: (options.seed ?? Math.floor(Math.random() * 2 ** 31)) >>> 0,
    perCycle: Math.max(20, options.eventsPerCycle ?? 120),
    batchMax: Math.max(1, Math.min(500, options.batchMax ?? 30)),
    stepTimeout: options.stepTimeoutMs ?? 60_000,
    bootKillRate: Math.min(1, Math.max(0, options.bootKillRate ?? 0.2)),
    inFlight: Math.max(1, options.inFlight ?? 2),
    ackLossRate: options.ackLossRate ?? 0.5,
    paceMs: Math.max(0, options.paceMs ?? 20),
    keepDir: Boolean(options.keepDir),
    log: options.log ?? (() => {}),
  };
}

/** `npm run test:crash` with the seed and every stream parameter that differs from its default. */
export function replayCommand(s: CrashLoopSettings): string {
  return [
    `npm run test:crash -- --cycles ${s.cycles} --seed ${s.seed}`,
    s.devices !== 4 ? ` --devices ${s.devices}` : "",
    s.displays !== 2 ? ` --displays ${s.displays}` : "",
    s.perCycle !== 120 ? ` --events-per-cycle ${s.perCycle}` : "",
    s.batchMax !== 30 ? ` --batch-max ${s.batchMax}` : "",
  ].join("");
}
