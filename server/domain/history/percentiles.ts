// Percentiles by nearest rank: the smallest value with at least p% of the values at or below it.

export function nearestRank(sortedAscending: ArrayLike<number>, p: number): number | null {
  if (sortedAscending.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sortedAscending.length));
  return sortedAscending[Math.min(rank, sortedAscending.length) - 1] as number;
}

/**
 * The same nearest-rank percentiles of unsorted values, by selection instead of a full sort (linear on
 * average): a year's waits are ~300,000 values and only two ranks are needed. Reorders `values` in place.
 */
export function nearestRanksBySelection(values: Float64Array, ps: readonly number[]): (number | null)[] {
  const n = values.length;
  if (n === 0) return ps.map(() => null);
  return ps.map((p) => {
    const k = Math.min(Math.max(1, Math.ceil((p / 100) * n)), n) - 1;
    return select(values, k);
  });
}

/** The k-th smallest (0-based) of `a`, by Hoare-partition quickselect with a median-of-three pivot. */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as the pivot: sorted or constant runs stay linear.
    const x = a[lo] as number;
    const y = a[mid] as number;
    const z = a[hi] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k] as number;
  }
  return a[k] as number;
}
