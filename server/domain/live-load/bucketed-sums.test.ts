// BucketedSums answers range sums from per-bucket sums and visits single entries only in a bucket
// the range cuts through; a removed maximum is recomputed lazily. Both shortcuts must give exactly what a
// plain scan of the entries gives, for any history of adds and removes and any range.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUCKET_MS, BucketedSums, emptySums, type EntrySums, type TimedEntry } from "./bucketed-sums.js";
import { naiveByKey, plain } from "./bucketed-sums.test-support.js";

/** Bucket-aligned epoch ms (2025-03-10T01:00Z), so that bucket boundaries are at BASE + k·BUCKET_MS. */
const BASE = Date.UTC(2025, 2, 10, 1, 0);
const BUCKETS = 6;

function naiveTotal(entries: readonly TimedEntry[], from: number, to: number): EntrySums {
  const out = emptySums();
  for (const s of naiveByKey(entries, from, to).values()) {
    out.count += s.count;
    out.valueSum += s.valueSum;
    out.valued += s.valued;
    out.max = Math.max(out.max, s.max);
  }
  return out;
}

/**
 * The index of an entry holding its key's maximum in its bucket (removing it marks a maximum stale),
 * for the key and bucket of the entry at `pick`; with a tie, the first of the holders.
 */
function maxHolderIndex(held: readonly TimedEntry[], pick: number): number {
  const cand = held[pick % held.length] as TimedEntry;
  const bucket = Math.floor(cand.ts / BUCKET_MS);
  const same = (x: TimedEntry) => x.key === cand.key && Math.floor(x.ts / BUCKET_MS) === bucket;
  let best = -Infinity;
  for (const x of held) if (same(x) && x.value !== null) best = Math.max(best, x.value);
  const i = held.findIndex((x) => same(x) && x.value === best);
  return i < 0 ? held.indexOf(cand) : i;
}

// Times at and next to bucket boundaries, and anywhere inside a bucket.
const tsArb = fc.tuple(
  fc.integer({ min: -1, max: BUCKETS }),
  fc.oneof(fc.constantFrom(0, 1, BUCKET_MS - 1, BUCKET_MS / 2), fc.integer({ min: 0, max: BUCKET_MS - 1 })),
).map(([b, off]) => BASE + b * BUCKET_MS + off);

// Few distinct values so that several entries share the maximum; null entries only count.
const valueArb = fc.oneof(
  { arbitrary: fc.constant(null), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 5 }), weight: 3 },
  { arbitrary: fc.integer({ min: -1000, max: 100_000 }), weight: 1 },
);

const entryArb = fc.record({ ts: tsArb, key: fc.constantFrom("a", "b", "c"), value: valueArb });

// A range edge: on a boundary, next to one, inside a bucket, or outside every entry.
const edgeArb = fc.oneof(
  tsArb,
  fc.integer({ min: -2, max: BUCKETS + 2 }).map((b) => BASE + b * BUCKET_MS),
  fc.integer({ min: -2 * BUCKET_MS, max: (BUCKETS + 2) * BUCKET_MS }).map((o) => BASE + o),
);
const rangeArb = fc.oneof(
  { arbitrary: fc.tuple(edgeArb, edgeArb), weight: 4 },
  // Inside one bucket, or empty (from = to).
  { arbitrary: fc.tuple(tsArb, fc.integer({ min: 0, max: 1000 })).map(([f, len]) => [f, f + len] as [number, number]), weight: 2 },
  // Wide: many buckets, far more than are held.
  { arbitrary: fc.tuple(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1000 })).map(([a, b]) => [BASE - a * BUCKET_MS, BASE + b * BUCKET_MS] as [number, number]), weight: 1 },
);

type Op =
  | { op: "add"; entry: TimedEntry }
  | { op: "remove"; pick: number; which: "any" | "max" | "removed" }
  | { op: "query"; range: [number, number] };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: entryArb.map((entry) => ({ op: "add" as const, entry })), weight: 5 },
  { arbitrary: fc.record({ op: fc.constant("remove" as const), pick: fc.nat(), which: fc.constantFrom("any" as const, "max" as const, "max" as const, "removed" as const) }), weight: 3 },
  { arbitrary: rangeArb.map((range) => ({ op: "query" as const, range })), weight: 2 },
);

function check(sums: BucketedSums, held: readonly TimedEntry[], from: number, to: number): void {
  expect(plain(sums.byKey(from, to)), `byKey [${from - BASE}, ${to - BASE})`).toEqual(plain(naiveByKey(held, from, to)));
  expect({ ...sums.total(from, to) }, `total [${from - BASE}, ${to - BASE})`).toEqual(naiveTotal(held, from, to));
}

describe("BucketedSums", () => {
  it("sums per key and in total over [from, to), with whole buckets and cut buckets", () => {
    const sums = new BucketedSums();
    const e = (ts: number, key: string, value: number | null): TimedEntry => ({ ts, key, value });
    const a1 = e(BASE + 10, "a", 4);
    const a2 = e(BASE + BUCKET_MS, "a", 9); // exactly on the next boundary
    const b1 = e(BASE + BUCKET_MS + 30_000, "b", null);
    const a3 = e(BASE + 3 * BUCKET_MS - 1, "a", 2); // last ms of the third bucket
    for (const x of [a1, a2, b1, a3]) sums.add(x);

    expect(plain(sums.byKey(BASE, BASE + 3 * BUCKET_MS))).toEqual({
      a: { count: 3, valueSum: 15, valued: 3, max: 9 },
      b: { count: 1, valueSum: 0, valued: 0, max: -Infinity },
    });
    // `to` is exclusive: the entry on the boundary is outside [BASE, BASE + BUCKET_MS).
    expect(sums.total(BASE, BASE + BUCKET_MS)).toEqual({ count: 1, valueSum: 4, valued: 1, max: 4 });
    // A range cutting the second bucket after its first entry.
    expect(plain(sums.byKey(BASE + BUCKET_MS + 1, BASE + 3 * BUCKET_MS - 1))).toEqual({ b: { count: 1, valueSum: 0, valued: 0, max: -Infinity } });
    expect(sums.total(BASE + 5, BASE + 5)).toEqual(emptySums());
    expect(sums.total(BASE + 5 * BUCKET_MS, BASE)).toEqual(emptySums());
  });

  it("recomputes the maximum after the entry holding it is removed, and keeps it with a tie", () => {
    const sums = new BucketedSums();
    const high = { ts: BASE + 1, key: "a", value: 7 };
    const tie = { ts: BASE + 2, key: "a", value: 7 };
    const low = { ts: BASE + 3, key: "a", value: 3 };
    for (const x of [high, tie, low]) sums.add(x);
    sums.remove(high);
    expect(sums.byKey(BASE, BASE + BUCKET_MS).get("a")).toEqual({ count: 2, valueSum: 10, valued: 2, max: 7 });
    sums.remove(tie);
    expect(sums.byKey(BASE, BASE + BUCKET_MS).get("a")).toEqual({ count: 1, valueSum: 3, valued: 1, max: 3 });
    expect(sums.total(BASE, BASE + BUCKET_MS)).toEqual({ count: 1, valueSum: 3, valued: 1, max: 3 });
    sums.remove(low);
    expect(sums.byKey(BASE, BASE + BUCKET_MS).size).toBe(0);
    expect(sums.total(BASE, BASE + BUCKET_MS)).toEqual(emptySums());
  });

  it("equals a plain scan after any adds and removes, for any range (property)", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80, size: "max" }), fc.array(rangeArb, { minLength: 1, maxLength: 6 }), (ops, finalRanges) => {
        const sums = new BucketedSums();
        const held: TimedEntry[] = [];
        const removed: TimedEntry[] = [];
        for (const o of ops) {
          if (o.op === "add") {
            // A fresh object each time: equal entries are still distinct entries.
            const entry = { ...o.entry };
            sums.add(entry);
            held.push(entry);
          } else if (o.op === "remove") {
            if (o.which === "removed") {
              // Entries are removed by value: an entry equal to a removed one takes one equal entry held
              // out, if any, and changes nothing otherwise.
              const gone = removed[o.pick % Math.max(1, removed.length)];
              if (!gone) continue;
              const i = held.findIndex((x) => x.ts === gone.ts && x.key === gone.key && x.value === gone.value);
              if (i >= 0) held.splice(i, 1);
              sums.remove({ ...gone });
              continue;
            }
            if (held.length === 0) continue;
            const i = o.which === "max" ? maxHolderIndex(held, o.pick) : o.pick % held.length;
            const [gone] = held.splice(i, 1) as [TimedEntry];
            sums.remove({ ...gone });
            removed.push(gone);
          } else check(sums, held, o.range[0], o.range[1]);
        }
        for (const [from, to] of finalRanges) check(sums, held, from, to);
        // Every bucket whole, and every bucket cut at each boundary.
        check(sums, held, BASE - 2 * BUCKET_MS, BASE + (BUCKETS + 2) * BUCKET_MS);
        for (let b = -1; b <= BUCKETS; b++) check(sums, held, BASE + b * BUCKET_MS, BASE + (b + 1) * BUCKET_MS);
      }),
      { numRuns: 500 },
    );
  });
});

describe("BucketedSums.changesSince", () => {
  const entry = (k: number, key = "a"): TimedEntry => ({ ts: BASE + k * BUCKET_MS + 1_000, key, value: 1 });
  /** The buckets named since `version`, by index, in the order given; null when the sums were cleared since. */
  const since = (sums: BucketedSums, version: number): number[] | null => {
    const out: number[] = [];
    const known = sums.changesSince(version, (from, to) => {
      expect(to - from).toBe(BUCKET_MS);
      out.push((from - BASE) / BUCKET_MS);
    });
    return known ? out : null;
  };

  it("names each bucket changed after a reader's version once, the latest change first; each reader reads from its own", () => {
    const sums = new BucketedSums();
    const e0 = entry(0);
    sums.add(e0);
    const first = sums.version;
    sums.add(entry(2));
    sums.add(entry(4));
    sums.add(entry(2, "b"));
    const second = sums.version;
    expect(since(sums, first)).toEqual([2, 4]);
    expect(since(sums, second)).toEqual([]);
    sums.remove(e0);
    sums.remove(entry(3)); // never added: nothing changes
    expect(since(sums, second)).toEqual([0]);
    expect(since(sums, first)).toEqual([0, 2, 4]);
    expect(since(sums, 0)).toEqual([0, 2, 4]);
    sums.clear();
    expect(since(sums, second)).toBeNull();
    expect(since(sums, sums.version)).toEqual([]);
  });

  it("gives what a plain list of every change gives, for any readers' versions, across the log's rewrites and clears", () => {
    // op: [kind 0–9, bucket]; 0–5 add, 6–8 remove a held entry, 9 clear (rare).
    const ops = fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 11 })), { minLength: 1, maxLength: 400, size: "max" });
    fc.assert(
      fc.property(ops, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (script, readerPicks) => {
        const sums = new BucketedSums();
        const held: TimedEntry[] = [];
        const log: { bucket: number; version: number }[] = [];
        let clearedAt = 0;
        for (const [kind, k] of script) {
          if (kind <= 5 || (kind <= 8 && held.length === 0)) {
            const e = entry(k, kind % 2 ? "a" : "b");
            sums.add(e);
            held.push(e);
            log.push({ bucket: k, version: sums.version });
          } else if (kind <= 8) {
            const [e] = held.splice(k % held.length, 1) as [TimedEntry];
            sums.remove(e);
            log.push({ bucket: Math.floor((e.ts - BASE) / BUCKET_MS), version: sums.version });
          } else if (k === 0) {
            sums.clear();
            held.length = 0;
            clearedAt = sums.version;
          }
        }
        for (const pick of readerPicks) {
          const version = pick % (sums.version + 1);
          if (clearedAt > version) {
            expect(since(sums, version)).toBeNull();
            continue;
          }
          const latest = new Map<number, number>();
          for (const c of log) if (c.version > version) latest.set(c.bucket, c.version);
          const expected = [...latest].sort((x, y) => y[1] - x[1]).map(([bucket]) => bucket);
          expect(since(sums, version)).toEqual(expected);
          for (let k = 0; k < 12; k++)
            expect(sums.changedSince(version, BASE + k * BUCKET_MS, BASE + (k + 2) * BUCKET_MS)).toBe(latest.has(k) || latest.has(k + 1));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("BucketedSums.changedSince", () => {
  const entry = (k: number, key = "a"): TimedEntry => ({ ts: BASE + k * BUCKET_MS + 1_000, key, value: 1 });
  const range = (k0: number, k1: number): [number, number] => [BASE + k0 * BUCKET_MS, BASE + k1 * BUCKET_MS];

  it("tells each reader whether a bucket of its range changed after the version it read, emptied buckets too", () => {
    const sums = new BucketedSums();
    const e1 = entry(1);
    sums.add(e1);
    sums.add(entry(3));
    const first = sums.version;
    expect(sums.changedSince(first, ...range(0, 10))).toBe(false);
    sums.add(entry(5));
    const second = sums.version;
    // Two readers, two versions: the first sees bucket 5 change, the second does not.
    expect(sums.changedSince(first, ...range(0, 10))).toBe(true);
    expect(sums.changedSince(first, ...range(0, 5))).toBe(false);
    expect(sums.changedSince(second, ...range(0, 10))).toBe(false);
    // A removal that empties its bucket is still a change of that bucket.
    sums.remove(e1);
    expect(sums.changedSince(second, ...range(1, 2))).toBe(true);
    expect(sums.changedSince(second, ...range(2, 10))).toBe(false);
    // Removing an entry never added changes nothing.
    const third = sums.version;
    sums.remove(entry(7));
    expect(sums.changedSince(third, ...range(0, 10))).toBe(false);
    // A range far wider than the buckets held (walked over the changes instead of the indexes).
    expect(sums.changedSince(second, BASE - 1e6 * BUCKET_MS, BASE + 1e6 * BUCKET_MS)).toBe(true);
    expect(sums.changedSince(third, BASE - 1e6 * BUCKET_MS, BASE + 1e6 * BUCKET_MS)).toBe(false);
    // Clearing changes every range, held or not.
    sums.clear();
    expect(sums.changedSince(third, ...range(20, 21))).toBe(true);
    expect(sums.changedSince(sums.version, ...range(0, 10))).toBe(false);
  });
});
