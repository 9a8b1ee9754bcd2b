// Set operations on half-open intervals [start, end) in epoch ms (end may be Infinity). The idle
// detector is "open ∧ someone waiting ∧ not attending a ticket"; expressing each condition as a set of
// intervals makes the detector a pure intersection that gives the same answer live and in history.
import type { Interval } from "../intervals.js";

/**
 * Sorted, disjoint, non-empty intervals. Touching intervals are joined: a queue that empties and refills
 * at the same millisecond, or a completion and the next call at the same moment, is never a break.
 */
export function mergeIntervals(list: readonly Interval[]): Interval[] {
  const sorted = list.filter((iv) => iv.end > iv.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Interval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && iv.start <= last.end) last.end = Math.max(last.end, iv.end);
    else out.push({ start: iv.start, end: iv.end });
  }
  return out;
}

/** Intersection of two merged lists (sweep). */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Interval;
    const y = b[j] as Interval;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (end > start) out.push({ start, end });
    if (x.end < y.end) i += 1;
    else j += 1;
  }
  return out;
}

/** `a` minus `b`, both merged. */
export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const x of a) {
    let cur = x.start;
    while (j < b.length && (b[j] as Interval).end <= cur) j += 1;
    let k = j;
    while (k < b.length && (b[k] as Interval).start < x.end) {
      const y = b[k] as Interval;
      if (y.start > cur) out.push({ start: cur, end: y.start });
      cur = Math.max(cur, y.end);
      k += 1;
    }
    if (x.end > cur) out.push({ start: cur, end: x.end });
  }
  return out;
}

/** Length of the part of `iv` inside [from, to). */
export function overlapLength(iv: Interval, from: number, to: number): number {
  return Math.max(0, Math.min(iv.end, to) - Math.max(iv.start, from));
}
