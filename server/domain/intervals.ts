// Half-open time intervals in epoch milliseconds: [start, end). `end` may be Infinity (still going).

export interface Interval {
  start: number;
  end: number;
}

/** Total length inside [from, to) of the union of `intervals` (overlaps counted once). */
export function unionLengthWithin(intervals: readonly Interval[], from: number, to: number): number {
  const clipped: Interval[] = [];
  for (const iv of intervals) {
    const start = Math.max(iv.start, from);
    const end = Math.min(iv.end, to);
    if (end > start) clipped.push({ start, end });
  }
  clipped.sort((a, b) => a.start - b.start || a.end - b.end);
  let total = 0;
  for (const iv of mergeSorted(clipped)) total += iv.end - iv.start;
  return total;
}

/**
 * Positive-length intervals sorted by start, merged where they overlap or touch: disjoint, still sorted
 * (new objects; the input is not changed).
 */
export function mergeSorted(sorted: readonly Interval[]): Interval[] {
  const merged: Interval[] = [];
  for (const iv of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && iv.start <= last.end) last.end = Math.max(last.end, iv.end);
    else merged.push({ start: iv.start, end: iv.end });
  }
  return merged;
}
