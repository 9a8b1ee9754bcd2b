// One window's busy time: the union of its service episodes [start, end), kept merged as episodes come
// and go, so that the live view reads the busy time of the last hour without sorting 48 hours of
// episodes at every flush. Still-open episodes ([start, ∞)) are kept apart: the union of those is
// [earliest start, ∞), and they close often (a completion replaces one), which a merged list cannot undo.
import { mergeSorted, type Interval } from "../intervals.js";

export class BusyUnion {
  /**
   * Every closed episode added and not removed (the source the merged list is rebuilt from), as two
   * parallel arrays of starts and ends: ~16 bytes an episode instead of an object with two boxed times
   * and a set's slot (issue #8's memory). An episode is found again by value.
   */
  private readonly closedStarts: number[] = [];
  private readonly closedEnds: number[] = [];
  /** Starts of the open episodes, with how many start there. */
  private readonly openStarts = new Map<number, number>();
  /** The closed episodes merged: disjoint, sorted, each of positive length. Null: rebuild before reading. */
  private merged: Interval[] | null = [];

  add(iv: Interval): void {
    if (iv.end === Infinity) {
      this.openStarts.set(iv.start, (this.openStarts.get(iv.start) ?? 0) + 1);
      return;
    }
    this.closedStarts.push(iv.start);
    this.closedEnds.push(iv.end);
    if (this.merged !== null && iv.end > iv.start) mergeInto(this.merged, iv);
  }

  /** Removes one episode equal to `iv` (same start and end), if one is held. */
  remove(iv: Interval): void {
    if (iv.end === Infinity) {
      const n = this.openStarts.get(iv.start) ?? 0;
      if (n <= 1) this.openStarts.delete(iv.start);
      else this.openStarts.set(iv.start, n - 1);
      return;
    }
    // A merged list cannot take one episode out again: rebuild it on the next read (rare — a late or
    // reordered service fact; the usual change is an open episode closing, handled above).
    const starts = this.closedStarts;
    const ends = this.closedEnds;
    for (let j = starts.length - 1; j >= 0; j--) {
      if (starts[j] !== iv.start || ends[j] !== iv.end) continue;
      starts[j] = starts[starts.length - 1] as number;
      ends[j] = ends[ends.length - 1] as number;
      starts.pop();
      ends.pop();
      this.merged = null;
      return;
    }
  }

  /** Length inside [from, to) of the union of every episode, open ones included. */
  lengthWithin(from: number, to: number): number {
    if (!(to > from)) return 0;
    let openFrom = Infinity;
    for (const s of this.openStarts.keys()) if (s < openFrom) openFrom = s;
    const cut = Math.max(from, openFrom);
    // [cut, to) is covered by an open episode; before it only the closed ones count.
    if (cut < to) return this.closedWithin(from, cut) + (to - cut);
    return this.closedWithin(from, to);
  }

  private closedWithin(from: number, to: number): number {
    if (!(to > from)) return 0;
    const merged = this.mergedList();
    let total = 0;
    for (let i = firstEndingAfter(merged, from); i < merged.length; i++) {
      const iv = merged[i] as Interval;
      if (iv.start >= to) break;
      total += Math.min(iv.end, to) - Math.max(iv.start, from);
    }
    return total;
  }

  private mergedList(): Interval[] {
    this.merged ??= mergeSorted(
      this.closedStarts
        .map((start, j): Interval => ({ start, end: this.closedEnds[j] as number }))
        .filter((iv) => iv.end > iv.start)
        .sort((a, b) => a.start - b.start),
    );
    return this.merged;
  }
}

/** Index of the first merged interval whose end is after `t` (the list is sorted by start and by end). */
function firstEndingAfter(merged: readonly Interval[], t: number): number {
  let lo = 0;
  let hi = merged.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((merged[mid] as Interval).end > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Inserts a positive-length interval into a disjoint sorted list, merging what it touches or overlaps. */
function mergeInto(merged: Interval[], iv: Interval): void {
  // The first interval that ends at or after iv's start may touch it; every one before it is apart.
  let i = 0;
  let hi = merged.length;
  while (i < hi) {
    const mid = (i + hi) >> 1;
    if ((merged[mid] as Interval).end >= iv.start) hi = mid;
    else i = mid + 1;
  }
  let start = iv.start;
  let end = iv.end;
  let j = i;
  while (j < merged.length && (merged[j] as Interval).start <= end) {
    const m = merged[j] as Interval;
    if (m.start < start) start = m.start;
    if (m.end > end) end = m.end;
    j++;
  }
  merged.splice(i, j - i, { start, end });
}
