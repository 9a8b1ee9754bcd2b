// A fact's position in event time. Facts are kept sorted by (ts, rank, eventId) so that any arrival
// order of the same events yields the same sorted lists — the root of order independence.

export interface Stamp {
  ts: number;
  /** Breaks ties between facts of different kinds at the same millisecond. */
  rank: number;
  eventId: string;
}

export function compareStamps(a: Stamp, b: Stamp): number {
  if (a.ts !== b.ts) return a.ts - b.ts;
  if (a.rank !== b.rank) return a.rank - b.rank;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

/** Inserts `item` into the sorted `list` (binary search; appends are O(1) for in-order streams). */
export function insertSorted<T extends Stamp>(list: T[], item: T): void {
  const last = list[list.length - 1];
  if (last === undefined || compareStamps(last, item) <= 0) {
    list.push(item);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareStamps(list[mid] as T, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, item);
}

/** The last element with ts ≤ t, or undefined. */
export function lastAtOrBefore<T extends Stamp>(list: readonly T[], t: number): T | undefined {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as T).ts <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? undefined : list[lo - 1];
}

/** Whether the sorted `list` holds a fact with exactly this stamp (binary search; O(1) past the last one). */
export function holdsStamp(list: readonly Stamp[], stamp: Stamp): boolean {
  const last = list[list.length - 1];
  if (last === undefined || compareStamps(last, stamp) < 0) return false;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareStamps(list[mid] as Stamp, stamp) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length && compareStamps(list[lo] as Stamp, stamp) === 0;
}
