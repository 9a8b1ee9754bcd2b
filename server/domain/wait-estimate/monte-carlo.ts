// The Monte Carlo of the hall's next hours: every window that can call takes, whenever it is free, the
// first waiting ticket of its categories in the hall's call order, and is then held for a cycle drawn
// from that ticket's category's recent cycles. A shared window thus splits its capacity between its
// categories exactly as the call rule does, with no share to guess. Replications differ only in the
// draws; a ticket's waits over the replications give its band.
import { FreeOrder } from "./free-order.js";
import { mulberry32 } from "./prng.js";

export interface McTicket {
  /** Index of its category. */
  cat: number;
  /** A probe "issued now" at the end of its queue: its call time is recorded, but it takes no window time. */
  probe: boolean;
}

export type McStart = { kind: "free" } | { kind: "busy"; elapsedMs: number; cat: number | null } | { kind: "paused"; elapsedMs: number };

export interface McWindow {
  cats: readonly number[];
  start: McStart;
}

export interface McInput {
  /** In call order: a window takes the lowest-index ticket among its categories. */
  tickets: readonly McTicket[];
  windows: readonly McWindow[];
  /** Cycle lengths (ms, ascending, non-empty) for each category index. */
  cycles: readonly (readonly number[])[];
  /** For a busy window whose ticket's category is unknown. */
  hallWide: readonly number[];
  /** Pause lengths (ms, ascending; may be empty: then a paused window is not expected back). */
  pauses: readonly number[];
  /** Delays of an idle window in calling an arriving ticket (ms, ascending; empty: at once). */
  pickups: readonly number[];
  /** Pauses begun per ms of a window's work: after each cycle it may stop for a drawn pause. */
  pauseRate: number;
  /** Per category: tickets per ms that will arrive and be called ahead of every waiting one (overtakes). */
  jumpRates: readonly number[];
  reps: number;
  seed: number;
  /** Calls later than this after now are not simulated (the ticket counts as not called). */
  horizonMs: number;
}

/** Waits in ms from now, ticket-major: `out[t * reps + r]`; Infinity when not called within the horizon. */
export function simulateWaits(input: McInput): Float64Array {
  const { tickets, windows, reps } = input;
  const random = mulberry32(input.seed);
  const draw = (sorted: readonly number[]) => sorted[Math.floor(random() * sorted.length)] as number;
  // Remaining length of something that has lasted `elapsed`: drawn among the samples longer than that
  // (the survivors), minus what has passed. Beyond every sample, a fresh draw (no better knowledge).
  const residual = (sorted: readonly number[], elapsed: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as number) <= elapsed) lo = mid + 1;
      else hi = mid;
    }
    if (lo === sorted.length) return draw(sorted);
    return (sorted[lo + Math.floor(random() * (sorted.length - lo))] as number) - elapsed;
  };

  const catCount = input.cycles.length;
  const byCat: number[][] = Array.from({ length: catCount }, () => []);
  tickets.forEach((t, i) => byCat[t.cat]?.push(i));
  const out = new Float64Array(tickets.length * reps).fill(Infinity);
  const heads = new Int32Array(catCount);
  const freeAt = new Float64Array(windows.length);
  const order = new FreeOrder(freeAt);
  const jumpAt = new Float64Array(catCount);
  const jumpers = new Int32Array(catCount);
  const exp = (rate: number) => (rate > 0 ? -Math.log(1 - random()) / rate : Infinity);
  // After a cycle of `ms` the window may pause (breaks, lunch) with the hall's measured frequency.
  const pauseAfter = (ms: number) => (input.pauses.length > 0 && random() < 1 - Math.exp(-input.pauseRate * ms) ? draw(input.pauses) : 0);

  for (let r = 0; r < reps; r++) {
    heads.fill(0);
    jumpers.fill(0);
    for (let c = 0; c < catCount; c++) jumpAt[c] = exp(input.jumpRates[c] ?? 0);
    windows.forEach((w, k) => {
      const s = w.start;
      if (s.kind === "free") freeAt[k] = input.pickups.length > 0 ? draw(input.pickups) : 0;
      else if (s.kind === "busy") freeAt[k] = residual(s.cat === null ? input.hallWide : (input.cycles[s.cat] as number[]), s.elapsedMs);
      else freeAt[k] = input.pauses.length > 0 && input.pauses.at(-1)! > s.elapsedMs ? residual(input.pauses, s.elapsedMs) : Infinity;
    });
    order.reset();
    for (;;) {
      // The next window to call: the earliest free one (the lowest index among equals) that still has a
      // ticket of its categories. One without any never gets one back in this replication (tickets are
      // only taken), so it leaves the order for good.
      let k = -1;
      let pick = -1;
      while (order.size > 0) {
        const first = firstTicket(windows[order.top()] as McWindow, byCat, heads);
        if (first !== -1) {
          k = order.top();
          pick = first;
          break;
        }
        order.removeTop();
      }
      if (k === -1 || (freeAt[k] as number) > input.horizonMs) break;
      const now = freeAt[k] as number;
      // Overtakers that arrived by now go first: time passes only forward here (the earliest window
      // calls next), so arrivals can be drawn lazily.
      const w = windows[k] as McWindow;
      let jumpCat = -1;
      for (const c of w.cats) {
        while ((jumpAt[c] as number) <= now) {
          jumpers[c] = (jumpers[c] as number) + 1;
          jumpAt[c] = (jumpAt[c] as number) + exp(input.jumpRates[c] ?? 0);
        }
        if (jumpCat === -1 && (jumpers[c] as number) > 0) jumpCat = c;
      }
      if (jumpCat !== -1) {
        jumpers[jumpCat] = (jumpers[jumpCat] as number) - 1;
        const cycle = draw(input.cycles[jumpCat] as number[]);
        freeAt[k] = now + cycle + pauseAfter(cycle);
        order.topLater();
        continue;
      }
      const t = tickets[pick] as McTicket;
      heads[t.cat] = (heads[t.cat] as number) + 1;
      out[pick * reps + r] = now;
      if (t.probe) continue;
      const cycle = draw(input.cycles[t.cat] as number[]);
      freeAt[k] = now + cycle + pauseAfter(cycle);
      order.topLater();
    }
  }
  return out;
}

/** The lowest-index waiting ticket among the window's categories, or -1. */
function firstTicket(w: McWindow, byCat: readonly number[][], heads: Int32Array): number {
  let best = -1;
  for (const c of w.cats) {
    const list = byCat[c] as number[];
    const h = heads[c] as number;
    if (h < list.length && (best === -1 || (list[h] as number) < best)) best = list[h] as number;
  }
  return best;
}

/** Nearest-rank quantiles of each ticket's waits; null where the quantile is "not called" (Infinity). */
export function waitQuantiles(waits: Float64Array, reps: number, ps: readonly number[]): (number | null)[][] {
  const n = reps === 0 ? 0 : waits.length / reps;
  const out: (number | null)[][] = [];
  for (let t = 0; t < n; t++) {
    const sorted = waits.subarray(t * reps, (t + 1) * reps).sort();
    out.push(ps.map((p) => {
      const v = sorted[Math.min(reps, Math.max(1, Math.ceil(p * reps))) - 1] as number;
      return Number.isFinite(v) ? v : null;
    }));
  }
  return out;
}
