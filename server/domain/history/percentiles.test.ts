import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { nearestRank, nearestRanksBySelection } from "./percentiles.js";

describe("nearest-rank percentiles", () => {
  it("takes the smallest value with at least p% at or below it", () => {
    const v = [15, 20, 35, 40, 50];
    expect(nearestRank(v, 5)).toBe(15);
    expect(nearestRank(v, 30)).toBe(20); // rank ⌈1.5⌉ = 2
    expect(nearestRank(v, 40)).toBe(20); // rank 2
    expect(nearestRank(v, 50)).toBe(35); // rank ⌈2.5⌉ = 3
    expect(nearestRank(v, 100)).toBe(50);
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([], 50)).toBeNull();
  });
});

describe("nearest-rank percentiles by selection", () => {
  it("equal the sorted definition for any values and ranks (duplicates, sorted and reversed runs included)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }),
          fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { maxLength: 300 }),
          fc.integer({ min: 0, max: 500 }).map((n) => Array.from({ length: n }, (_, i) => i)),
          fc.integer({ min: 0, max: 500 }).map((n) => Array.from({ length: n }, (_, i) => n - i)),
        ),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 4 }),
        (values, ps) => {
          const sorted = Float64Array.from(values).sort();
          expect(nearestRanksBySelection(Float64Array.from(values), ps)).toEqual(ps.map((p) => nearestRank(sorted, p)));
        },
      ),
      { numRuns: 500 },
    );
  });
});
