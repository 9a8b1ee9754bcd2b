// KeptDaySums keeps the day's whole buckets between reads and sums only what is new; whatever the history
// of adds and removes (late entries in kept buckets, removals of a maximum, entries ahead of the clock) and
// however the clock moves (forward by less or more than a bucket, back, into a new day), a read equals a
// plain scan of the entries held over [dayStart, to).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUCKET_MS, BucketedSums, type EntrySums, type TimedEntry } from "./bucketed-sums.js";
import { naiveByKey, plain } from "./bucketed-sums.test-support.js";
import { KeptDaySums } from "./kept-day-sums.js";

const BASE = Date.UTC(2025, 2, 10, 1, 0);
/** Day starts: on a bucket boundary, inside a bucket (a day start off the five minutes), the next day. */
const DAY_STARTS = [BASE, BASE + 2 * BUCKET_MS + 17_000, BASE + 12 * BUCKET_MS];

const naive = (entries: Iterable<TimedEntry>, from: number, to: number) => plain(naiveByKey(entries, from, to));

const tsArb = fc.integer({ min: -BUCKET_MS, max: 16 * BUCKET_MS }).map((o) => BASE + o);
type Op = { op: "add"; ts: number; key: string; value: number | null } | { op: "remove"; pick: number } | { op: "read"; day: number; step: number };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant("add" as const), ts: tsArb, key: fc.constantFrom("w1", "w2", "w3"), value: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 9 })) }), weight: 5 },
  { arbitrary: fc.record({ op: fc.constant("remove" as const), pick: fc.nat() }), weight: 2 },
  // The clock: mostly forward within or across buckets, sometimes back; the day start changes rarely.
  { arbitrary: fc.record({ op: fc.constant("read" as const), day: fc.oneof({ arbitrary: fc.constant(-1), weight: 6 }, { arbitrary: fc.nat(DAY_STARTS.length - 1), weight: 1 }), step: fc.integer({ min: -2 * BUCKET_MS, max: 3 * BUCKET_MS }) }), weight: 4 },
);

describe("KeptDaySums", () => {
  it("equals a scan of the entries over [dayStart, to) after any adds, removes and clock moves (property)", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
        const sums = new BucketedSums();
        const kept = new KeptDaySums(sums);
        const held: TimedEntry[] = [];
        let dayStart = BASE;
        let to = BASE + BUCKET_MS;
        for (const o of ops) {
          if (o.op === "add") {
            const e = { ts: o.ts, key: o.key, value: o.value };
            sums.add(e);
            held.push(e);
          } else if (o.op === "remove") {
            if (held.length === 0) continue;
            const [e] = held.splice(o.pick % held.length, 1);
            sums.remove(e as TimedEntry);
          } else {
            if (o.day >= 0) dayStart = DAY_STARTS[o.day] as number;
            to = Math.max(dayStart, to + o.step);
            expect(plain(kept.byKey(dayStart, to)), `[${dayStart - BASE}, ${to - BASE})`).toEqual(naive(held, dayStart, to));
          }
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("reads only the new buckets when nothing kept changed, and the whole day again when a kept bucket did", () => {
    const sums = new BucketedSums();
    const kept = new KeptDaySums(sums);
    const at = (k: number) => BASE + k * BUCKET_MS + 60_000;
    for (let k = 0; k < 10; k++) sums.add({ ts: at(k), key: "w1", value: 1 });
    expect(kept.byKey(BASE, at(9) + 1).get("w1")?.count).toBe(10);
    // A late entry in a kept bucket is counted (the day is summed again) …
    sums.add({ ts: at(3), key: "w1", value: 1 });
    expect(kept.byKey(BASE, at(9) + 2).get("w1")?.count).toBe(11);
    // … and so is a removal.
    const late = { ts: at(4), key: "w2", value: 5 };
    sums.add(late);
    expect(kept.byKey(BASE, at(9) + 3).get("w2")).toEqual({ count: 1, valueSum: 5, valued: 1, max: 5 });
    sums.remove(late);
    expect(kept.byKey(BASE, at(9) + 4).get("w2")).toBeUndefined();
    // A caller changing what it was given changes nothing kept.
    const read = kept.byKey(BASE, at(9) + 5);
    (read.get("w1") as EntrySums).count = 999;
    expect(kept.byKey(BASE, at(9) + 6).get("w1")?.count).toBe(11);
  });
});
