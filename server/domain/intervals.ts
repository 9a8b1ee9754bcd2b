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
  let curStart = -Infinity;
  let curEnd = -Infinity;
  for (const iv of clipped) {
    if (iv.start > curEnd) {
      if (curEnd > curStart) total += curEnd - curStart;
      curStart = iv.start;
      curEnd = iv.end;
    } else if (iv.end > curEnd) {
      curEnd = iv.end;
    }
  }
  if (curEnd > curStart) total += curEnd - curStart;
  return total;
}
