// Today's series for the live view, its 15-minute slots kept between computes: a compute sums again only
// the slots at or after the last `to` (the one it cut through, and new ones) and those whose five-minute
// buckets had an entry added or removed since (each sum's change log, read from the version last read). At a province node every flush of sixty halls summed each
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
  /** The sums' versions then (arrivals, served, waits). */
  versions: number[];
  buckets: TodayBucket[];
}

export class KeptTodaySeries {
  private kept: Kept | null = null;

  constructor(private readonly sums: SeriesSums) {}

  /** What computeTodaySeries(facts, dayStart, to) gives, from the sums. */
  compute(dayStart: number, to: number): TodaySeries {
    const count = seriesBucketCount(dayStart, to);
    const slotOf = (ts: number) => Math.floor((ts - dayStart) / SERIES_BUCKET_MS);
    const last = this.kept !== null && this.kept.dayStart === dayStart && to >= this.kept.to ? this.kept : null;
    // Slots before the one the last `to` fell in were whole then and stay so; those changed since are redone.
    const wholeBefore = last === null ? 0 : Math.max(0, slotOf(last.to));
    const redo = last === null ? null : this.changedSlots(last, slotOf, wholeBefore);
    // Another day, the clock stepped back, or the sums were built again: every slot again.
    const kept = redo !== null && last !== null ? last : { dayStart, dayStartIso: new Date(dayStart).toISOString(), to, versions: [], buckets: [] };
    this.kept = kept;
    const slots = redo ?? new Set<number>();
    for (let i = redo === null ? 0 : wholeBefore; i < count; i++) slots.add(i);
    for (const i of slots) {
      const a = dayStart + i * SERIES_BUCKET_MS;
      const b = Math.min(a + SERIES_BUCKET_MS, to);
      const waits = this.sums.waits.total(a, b);
      kept.buckets[i] = seriesBucket(dayStart, i, this.sums.arrivals.total(a, b).count, this.sums.served.total(a, b).count, waits.valueSum, waits.count);
    }
    kept.to = to;
    kept.versions = this.all().map((s) => s.version);
    return { dayStart: kept.dayStartIso, bucketMinutes: BUCKET_MINUTES, buckets: kept.buckets.slice(0, count) };
  }

  /** The kept slots before `wholeBefore` whose buckets changed since they were summed; null when the sums were cleared. */
  private changedSlots(kept: Kept, slotOf: (ts: number) => number, wholeBefore: number): Set<number> | null {
    const redo = new Set<number>();
    const known = this.all().every((s, n) =>
      s.changesSince(kept.versions[n] ?? 0, (from, end) => {
        for (let i = Math.max(0, slotOf(from)); i <= slotOf(end - 1) && i < wholeBefore; i++) redo.add(i);
      }),
    );
    return known ? redo : null;
  }

  private all(): BucketedSums[] {
    return [this.sums.arrivals, this.sums.served, this.sums.waits];
  }
}
