// The Monte Carlo as first written: every window scanned for the earliest free one at every
// call. Kept for the property test that the ordered version (monte-carlo.ts, free-order.ts) gives the
// very same waits, draw for draw.
import type { McInput, McTicket, McWindow } from "./monte-carlo.js";
import { mulberry32 } from "./prng.js";

/** Waits in ms from now, ticket-major: `out[t * reps + r]`; Infinity when not called within the horizon. */
export function simulateWaitsByScan(input: McInput): Float64Array {
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
    for (;;) {
      // The next window to call: the earliest free one that still has a ticket of its categories.
      let k = -1;
      let pick = -1;
      for (let j = 0; j < windows.length; j++) {
        if (k !== -1 && (freeAt[j] as number) >= (freeAt[k] as number)) continue;
        const first = firstTicket(windows[j] as McWindow, byCat, heads);
        if (first !== -1) {
          k = j;
          pick = first;
        }
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
        continue;
      }
      const t = tickets[pick] as McTicket;
      heads[t.cat] = (heads[t.cat] as number) + 1;
      out[pick * reps + r] = now;
      if (t.probe) continue;
      const cycle = draw(input.cycles[t.cat] as number[]);
      freeAt[k] = now + cycle + pauseAfter(cycle);
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
