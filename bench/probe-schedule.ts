// When each probe of the event-to-wall measurements is sent. One a second, but not on a whole-second
// grid: HallPulse flushes a busy hall every 250 ms, four times a second, so probes sent exactly 1 s apart
// all land at the same point of the flush cycle (drifting slowly) — the whole run then measures one phase:
// a lucky one (the next flush is near: p99 far below 250 ms) or an unlucky one (it has just gone: every
// probe waits most of 250 ms). A trace of 90 probes on 2026-11-26 showed exactly that (p50 of successive
// probes 143 → 163 → 190 → … → 240 ms). Offsetting probe i by frac(i·φ) of the cycle (the golden-ratio
// sequence: evenly spread, deterministic) makes the run sample every phase alike, as arrivals at a hall do.

/** The flush cycle the offsets spread over (UPDATE_COALESCE_MS). */
export const PROBE_CYCLE_MS = 250;
const PHI = (Math.sqrt(5) - 1) / 2;

/**
 * The spread that also covers the province overview's 2 s push cycle (bench/province-live.ts): offsets over a
 * whole second put even probes in its first second and odd ones in its second, each spread; frac(i·φ)·1000
 * taken modulo 250 is frac(4i·φ)·250, still spread evenly over the flush cycle.
 */
export const PROBE_SPREAD_SECOND_MS = 1000;

/** Offset of probe i within the cycle, in [0, cycleMs). */
export const probeOffsetMs = (i: number, cycleMs = PROBE_CYCLE_MS): number => ((i * PHI) % 1) * cycleMs;

/** When probe i is due, ms after `startMs`: on second i, plus its offset within `cycleMs` (≤ 1000). */
export const probeDueMs = (startMs: number, i: number, cycleMs = PROBE_CYCLE_MS): number => startMs + i * 1000 + probeOffsetMs(i, cycleMs);
