// Per-key sums of today so far — each window's services since the local day's start — read at every
// flush. Summing the day's buckets again for every window at each flush was 8% of a province node's busy
// time at ten times the peak (issue #11's profile). Here the whole buckets before the clock's are kept
// between reads: a read sums only the buckets completed since the last one and the clock's own bucket,
// unless an entry of a kept bucket changed (a late event, a correction) — then the day is summed again.
import { BUCKET_MS, emptySums, type BucketedSums, type EntrySums } from "./bucketed-sums.js";

export class KeptDaySums {
  private dayStart = Number.NaN;
  /** The kept sums cover [dayStart, through): whole buckets, `through` on a bucket boundary (or dayStart). */
  private through = Number.NaN;
  private version = -1;
  private kept = new Map<string, EntrySums>();

  constructor(private readonly sums: BucketedSums) {}

  /** What `sums.byKey(dayStart, to)` gives. */
  byKey(dayStart: number, to: number): Map<string, EntrySums> {
    const through = Math.max(dayStart, Math.floor(to / BUCKET_MS) * BUCKET_MS);
    const reusable = dayStart === this.dayStart && through >= this.through && !this.sums.changedSince(this.version, dayStart, this.through);
    if (!reusable) this.kept = this.sums.byKey(dayStart, through);
    else if (through > this.through) addAll(this.kept, this.sums.byKey(this.through, through));
    this.dayStart = dayStart;
    this.through = through;
    this.version = this.sums.version;
    const out = new Map<string, EntrySums>();
    this.kept.forEach((s, key) => out.set(key, { ...s }));
    addAll(out, this.sums.byKey(through, to));
    return out;
  }
}

function addAll(into: Map<string, EntrySums>, more: Map<string, EntrySums>): void {
  more.forEach((s, key) => {
    let t = into.get(key);
    if (!t) {
      t = emptySums();
      into.set(key, t);
    }
    t.count += s.count;
    t.valueSum += s.valueSum;
    t.valued += s.valued;
    if (s.max > t.max) t.max = s.max;
  });
}
