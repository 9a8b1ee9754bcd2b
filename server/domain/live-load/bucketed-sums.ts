// Timed entries (a ticket's arrival, its wait, a completed service, a rating) kept in five-minute buckets
// with per-bucket sums, so that the live view can ask "how many, what total, what maximum per key over
// [from, to)" at every flush without visiting each entry again. A range reads whole buckets' sums and
// visits single entries only in a bucket the range cuts through — in practice the bucket an hour ago at
// the start of the live window, and a bucket holding a device's future-stamped entry. Exact for any range.
// Entries are added and removed as the facts they come from change (issue #8: the live view per fold).
import { BucketChangeLog } from "./bucket-change-log.js";

/**
 * Five minutes: a divisor of today's 15-minute series slots (so those ranges read whole buckets), and few
 * enough buckets that their sums and tables stay small next to the entries — with one-minute buckets a
 * hall's 48 hours held ~3,600 mostly sparse buckets per sum, a third of the live view's memory (issue #8).
 * The cost is the live hour's first bucket, cut by the range and visited entry by entry: five minutes of
 * entries instead of one.
 */
export const BUCKET_MS = 5 * 60_000;

export interface TimedEntry {
  readonly ts: number;
  readonly key: string;
  /** A measured value (a wait, a handling time, a rating), or null when the entry only counts. */
  readonly value: number | null;
}

/** Sums over a set of entries. */
export interface EntrySums {
  count: number;
  /** Sum and count of the entries with a value, and their maximum (-Infinity when none). */
  valueSum: number;
  valued: number;
  max: number;
}

export const emptySums = (): EntrySums => ({ count: 0, valueSum: 0, valued: 0, max: -Infinity });

interface KeySums extends EntrySums {
  /** An entry holding the maximum was removed: recompute it from the bucket's entries when read. */
  maxStale: boolean;
}

/**
 * A bucket's entries are three parallel arrays — times, keys, values (NaN for none) — not one object per
 * entry in a Set: ~24 bytes an entry instead of ~190 with the object, its boxed time and the set's slot
 * (issue #8's memory: the live view held ~170 bytes of every event of the day in these buckets). An entry
 * is found again by value (rare: a late or corrected fact), and the order inside a bucket is free.
 */
interface Bucket {
  ts: number[];
  keys: string[];
  values: number[];
  byKey: Map<string, KeySums>;
  total: KeySums;
  /** Bounds of the entries' times (never narrowed on removal: a wider bound only costs a scan). */
  minTs: number;
  maxTs: number;
}

const newKeySums = (): KeySums => ({ count: 0, valueSum: 0, valued: 0, max: -Infinity, maxStale: false });

function addTo(s: EntrySums, value: number | null): void {
  s.count += 1;
  if (value === null) return;
  s.valueSum += value;
  s.valued += 1;
  if (value > s.max) s.max = value;
}

function removeFrom(s: KeySums, value: number | null): void {
  s.count -= 1;
  if (value === null) return;
  s.valueSum -= value;
  s.valued -= 1;
  if (value >= s.max) s.maxStale = true;
}

function merge(into: EntrySums, s: EntrySums): void {
  into.count += s.count;
  into.valueSum += s.valueSum;
  into.valued += s.valued;
  if (s.max > into.max) into.max = s.max;
}

export class BucketedSums {
  private readonly buckets = new Map<number, Bucket>();
  /** Which buckets changed since a reader's version (the live view's kept day sums and today's series). */
  private readonly log = new BucketChangeLog();

  /** A mark of the entries' state now, for changedSince and changesSince. */
  get version(): number {
    return this.log.version;
  }

  /** Whether an entry of a bucket overlapping [from, to) was added or removed after `version` was read. */
  changedSince(version: number, from: number, to: number): boolean {
    if (!(to > from)) return this.log.clearedSince(version);
    return this.log.changedSince(version, Math.floor(from / BUCKET_MS), Math.floor((to - 1) / BUCKET_MS));
  }

  /**
   * Calls `each` once with the range [from, to) of every bucket whose entries changed after `version`, the
   * latest change first. Returns false without calling it when the sums were cleared since: all changed.
   */
  changesSince(version: number, each: (from: number, to: number) => void): boolean {
    return this.log.changesSince(version, (i) => each(i * BUCKET_MS, (i + 1) * BUCKET_MS));
  }

  /** Number of entries held. */
  get size(): number {
    let n = 0;
    for (const b of this.buckets.values()) n += b.ts.length;
    return n;
  }

  clear(): void {
    this.buckets.clear();
    this.log.clear();
  }

  add(e: TimedEntry): void {
    const i = Math.floor(e.ts / BUCKET_MS);
    this.log.note(i);
    const value = e.value ?? Number.NaN;
    let b = this.buckets.get(i);
    if (!b) {
      // Arrays of one, not grown by push (which reserves 17 slots): most buckets of a quiet hall hold few.
      b = { ts: [e.ts], keys: [e.key], values: [value], byKey: new Map(), total: newKeySums(), minTs: e.ts, maxTs: e.ts };
      this.buckets.set(i, b);
    } else {
      b.ts.push(e.ts);
      b.keys.push(e.key);
      b.values.push(value);
      if (e.ts < b.minTs) b.minTs = e.ts;
      if (e.ts > b.maxTs) b.maxTs = e.ts;
    }
    let k = b.byKey.get(e.key);
    if (!k) {
      k = newKeySums();
      b.byKey.set(e.key, k);
    }
    addTo(k, e.value);
    addTo(b.total, e.value);
  }

  /** Removes one entry equal to `e` (time, key and value), if one is held. */
  remove(e: TimedEntry): void {
    const i = Math.floor(e.ts / BUCKET_MS);
    const b = this.buckets.get(i);
    if (!b) return;
    const j = indexOfEntry(b, e);
    if (j < 0) return;
    this.log.note(i);
    if (b.ts.length === 1) {
      this.buckets.delete(i);
      return;
    }
    // The last entry takes the removed one's place.
    const last = b.ts.length - 1;
    b.ts[j] = b.ts[last] as number;
    b.keys[j] = b.keys[last] as string;
    b.values[j] = b.values[last] as number;
    b.ts.pop();
    b.keys.pop();
    b.values.pop();
    const k = b.byKey.get(e.key) as KeySums;
    removeFrom(k, e.value);
    if (k.count === 0) b.byKey.delete(e.key);
    removeFrom(b.total, e.value);
  }

  /** Sums per key of the entries with `from ≤ ts < to`. */
  byKey(from: number, to: number): Map<string, EntrySums> {
    const out = new Map<string, EntrySums>();
    const into = (key: string): EntrySums => {
      let s = out.get(key);
      if (!s) {
        s = emptySums();
        out.set(key, s);
      }
      return s;
    };
    // forEach, not for…of: destructuring each [key, sums] pair allocated an array per bucket and key — with
    // the day's ~200 buckets of thirty windows read at every flush, the largest single source of a
    // province node's garbage (issue #11's allocation profile).
    this.visit(from, to, (b) => b.byKey.forEach((s, key) => merge(into(key), this.fresh(b, s, key))), (key, value) => addTo(into(key), value));
    return out;
  }

  /** Sums over every key of the entries with `from ≤ ts < to`. */
  total(from: number, to: number): EntrySums {
    const out = emptySums();
    this.visit(from, to, (b) => merge(out, this.fresh(b, b.total, null)), (_key, value) => addTo(out, value));
    return out;
  }

  /** Calls `whole` for each bucket entirely inside [from, to) and `single` for each entry inside it in the others. */
  private visit(from: number, to: number, whole: (b: Bucket) => void, single: (key: string, value: number | null) => void): void {
    if (!(to > from)) return;
    const first = Math.floor(from / BUCKET_MS);
    const last = Math.floor((to - 1) / BUCKET_MS);
    // A range longer than the buckets held (a whole day early on) walks the buckets instead of the indexes.
    if (last - first + 1 > this.buckets.size) {
      for (const [i, b] of this.buckets) if (i >= first && i <= last) this.visitBucket(b, from, to, whole, single);
      return;
    }
    for (let i = first; i <= last; i++) {
      const b = this.buckets.get(i);
      if (b) this.visitBucket(b, from, to, whole, single);
    }
  }

  private visitBucket(b: Bucket, from: number, to: number, whole: (b: Bucket) => void, single: (key: string, value: number | null) => void): void {
    if (b.minTs >= from && b.maxTs < to) {
      whole(b);
      return;
    }
    for (let j = 0; j < b.ts.length; j++) {
      const ts = b.ts[j] as number;
      if (ts >= from && ts < to) single(b.keys[j] as string, valueAt(b, j));
    }
  }

  /** The sums with a correct maximum (recomputed from the bucket's entries after its holder was removed). */
  private fresh(b: Bucket, s: KeySums, key: string | null): KeySums {
    if (s.maxStale) {
      let max = -Infinity;
      // NaN (no value) is never greater.
      for (let j = 0; j < b.values.length; j++) if ((key === null || b.keys[j] === key) && (b.values[j] as number) > max) max = b.values[j] as number;
      s.max = max;
      s.maxStale = false;
    }
    return s;
  }
}

function valueAt(b: Bucket, j: number): number | null {
  const v = b.values[j] as number;
  return Number.isNaN(v) ? null : v;
}

/** The index of an entry equal to `e` in the bucket, or -1; searched from the newest, the likeliest to change. */
function indexOfEntry(b: Bucket, e: TimedEntry): number {
  for (let j = b.ts.length - 1; j >= 0; j--) if (b.ts[j] === e.ts && b.keys[j] === e.key && valueAt(b, j) === e.value) return j;
  return -1;
}

/** Swaps an entry for one at (ts, key, value), or none when ts is null; unchanged entries stay. */
export function swapEntry(sums: BucketedSums, old: TimedEntry | null, ts: number | null, key: string, value: number | null): TimedEntry | null {
  if (old && ts !== null && old.ts === ts && old.key === key && old.value === value) return old;
  if (old) sums.remove(old);
  if (ts === null) return null;
  const entry: TimedEntry = { ts, key, value };
  sums.add(entry);
  return entry;
}
