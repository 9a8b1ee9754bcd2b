// Today's series for the live view, its 15-minute slots kept between computes: a compute sums again only
// the slots at or after the last `to` (the one it cut through, and new ones) and those whose five-minute
// buckets had an entry added or removed since. At a province node every flush of sixty halls summed each
// hall's whole day — ~96 slots, three sums and a new entry each — a quarter of the node's allocations at
// its peak (issue #11's allocation profile). It gives what summing every slot gives (LiveLoadState's
// property test compares it with computeTodaySeries over random histories, clock steps and prunes).
import type { TodayBucket, TodaySeries } from "../../../contract/index.js";
import { BUCKET_MINUTES, SERIES_BUCKET_MS, seriesBucket, seriesBucketCount } from "../today-series.js";
import type { BucketedSums } from "./bucketed-sums.js";

export interface SeriesSums {
  /** Each ticket's first issue. */
  arrivals: BucketedSums;
  /** Each service episode's end. */
  served: BucketedSums;
  /** Each ticket's wait, at its first call. */
  waits: BucketedSums;
}

interface Kept {
  dayStart: number;
  dayStartIso: string;
  /** The `to` the slots were computed for. */
  to: number;
  buckets: TodayBucket[];
}

export class KeptTodaySeries {
  private kept: Kept | null = null;

  constructor(private readonly sums: SeriesSums) {
    for (const s of this.all()) s.recordChanges();
  }

  /** Forgets the kept slots (the sums were rebuilt). */
  reset(): void {
    this.kept = null;
  }

  /** What computeTodaySeries(facts, dayStart, to) gives, from the sums. */
  compute(dayStart: number, to: number): TodaySeries {
    const count = seriesBucketCount(dayStart, to);
    const slotOf = (ts: number) => Math.floor((ts - dayStart) / SERIES_BUCKET_MS);
    const redo = new Set<number>();
    let kept = this.kept;
    let redoFrom = 0;
    if (kept === null || kept.dayStart !== dayStart || to < kept.to) {
      // Another day, or the clock stepped back: every slot again.
      kept = { dayStart, dayStartIso: new Date(dayStart).toISOString(), to, buckets: [] };
      this.kept = kept;
      for (const s of this.all()) s.drainChanges(() => undefined);
    } else {
      // Slots before the one the last `to` fell in were whole then and stay so; those changed since are redone.
      redoFrom = Math.max(0, slotOf(kept.to));
      for (const s of this.all())
        s.drainChanges((from, end) => {
          for (let i = Math.max(0, slotOf(from)); i <= slotOf(end - 1) && i < redoFrom; i++) redo.add(i);
        });
    }
    for (let i = redoFrom; i < count; i++) redo.add(i);
    for (const i of redo) {
      const a = dayStart + i * SERIES_BUCKET_MS;
      const b = Math.min(a + SERIES_BUCKET_MS, to);
      const waits = this.sums.waits.total(a, b);
      kept.buckets[i] = seriesBucket(dayStart, i, this.sums.arrivals.total(a, b).count, this.sums.served.total(a, b).count, waits.valueSum, waits.count);
    }
    kept.to = to;
    return { dayStart: kept.dayStartIso, bucketMinutes: BUCKET_MINUTES, buckets: kept.buckets.slice(0, count) };
  }

  private all(): BucketedSums[] {
    return [this.sums.arrivals, this.sums.served, this.sums.waits];
  }
}
