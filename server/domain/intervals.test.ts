import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unionLengthWithin, type Interval } from "./intervals.js";

const iv = (start: number, end: number): Interval => ({ start, end });

describe("unionLengthWithin", () => {
  it("is 0 for no intervals", () => {
    expect(unionLengthWithin([], 0, 100)).toBe(0);
  });

  it("measures a single interval inside [from, to)", () => {
    expect(unionLengthWithin([iv(10, 30)], 0, 100)).toBe(20);
  });

  it("clips an interval at from and at to", () => {
    expect(unionLengthWithin([iv(-50, 30)], 0, 100)).toBe(30);
    expect(unionLengthWithin([iv(80, 150)], 0, 100)).toBe(20);
    expect(unionLengthWithin([iv(-50, 150)], 0, 100)).toBe(100);
  });

  it("ignores intervals entirely outside, including ones touching the edges", () => {
    expect(unionLengthWithin([iv(-50, 0)], 0, 100)).toBe(0);
    expect(unionLengthWithin([iv(100, 150)], 0, 100)).toBe(0);
    expect(unionLengthWithin([iv(200, 300)], 0, 100)).toBe(0);
  });

  it("adds disjoint intervals", () => {
    expect(unionLengthWithin([iv(10, 20), iv(40, 70)], 0, 100)).toBe(40);
  });

  it("counts overlapping intervals once", () => {
    expect(unionLengthWithin([iv(10, 40), iv(30, 60)], 0, 100)).toBe(50);
    expect(unionLengthWithin([iv(10, 40), iv(10, 40)], 0, 100)).toBe(30);
  });

  it("counts a nested interval once", () => {
    expect(unionLengthWithin([iv(10, 90), iv(20, 30)], 0, 100)).toBe(80);
    expect(unionLengthWithin([iv(20, 30), iv(10, 90)], 0, 100)).toBe(80);
  });

  it("joins adjacent half-open intervals without a gap or double count", () => {
    expect(unionLengthWithin([iv(10, 20), iv(20, 30)], 0, 100)).toBe(20);
  });

  it("accepts unsorted input", () => {
    expect(unionLengthWithin([iv(70, 80), iv(10, 20), iv(15, 25), iv(50, 55)], 0, 100)).toBe(30);
  });

  it("runs an interval ending at Infinity up to `to`", () => {
    expect(unionLengthWithin([iv(40, Infinity)], 0, 100)).toBe(60);
    expect(unionLengthWithin([iv(-10, Infinity)], 0, 100)).toBe(100);
    expect(unionLengthWithin([iv(10, 50), iv(30, Infinity)], 0, 100)).toBe(90);
    expect(unionLengthWithin([iv(150, Infinity)], 0, 100)).toBe(0);
  });

  it("ignores empty and reversed intervals", () => {
    expect(unionLengthWithin([iv(30, 30), iv(50, 40)], 0, 100)).toBe(0);
  });

  it("is 0 for an empty or reversed range", () => {
    expect(unionLengthWithin([iv(0, 100)], 50, 50)).toBe(0);
    expect(unionLengthWithin([iv(0, 100)], 60, 40)).toBe(0);
  });

  it("works with real epoch milliseconds", () => {
    const nine = Date.UTC(2025, 2, 10, 1, 0);
    const ten = nine + 3_600_000;
    expect(unionLengthWithin([iv(nine + 600_000, nine + 1_200_000), iv(nine + 1_800_000, nine + 3_000_000)], nine, ten)).toBe(
      1_800_000,
    );
  });

  it("equals a unit-cell count over integer endpoints (property)", () => {
    const end = fc.oneof(fc.integer({ min: 0, max: 60 }), fc.constant(Infinity));
    const intervalArb = fc.record({ start: fc.integer({ min: -5, max: 60 }), end });
    fc.assert(
      fc.property(fc.array(intervalArb, { maxLength: 12 }), fc.integer({ min: -5, max: 60 }), fc.integer({ min: -5, max: 65 }), (ivs, from, to) => {
        let expected = 0;
        for (let k = from; k < to; k++) if (ivs.some((x) => x.start <= k && k < x.end)) expected += 1;
        expect(unionLengthWithin(ivs, from, to)).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });

  it("does not depend on the order of the intervals (property)", () => {
    const intervalArb = fc.record({ start: fc.integer({ min: 0, max: 100 }), end: fc.integer({ min: 0, max: 100 }) });
    fc.assert(
      fc.property(
        fc.array(intervalArb, { maxLength: 10 }).chain((a) => fc.tuple(fc.constant(a), fc.shuffledSubarray(a, { minLength: a.length, maxLength: a.length }))),
        ([a, b]) => {
          expect(unionLengthWithin(b, 10, 90)).toBe(unionLengthWithin(a, 10, 90));
        },
      ),
      { numRuns: 200 },
    );
  });
});
