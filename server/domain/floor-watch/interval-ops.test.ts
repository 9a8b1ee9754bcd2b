import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Interval } from "../intervals.js";
import { intersectIntervals, mergeIntervals, overlapLength, subtractIntervals } from "./interval-ops.js";

const intervals = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 12 })).map(([s, len]) => ({ start: s, end: s + len })),
  { maxLength: 8 },
);
const covers = (list: readonly Interval[], x: number) => list.some((iv) => iv.start <= x && x < iv.end);

describe("interval set operations", () => {
  it("merge joins overlapping and touching intervals and drops empty ones", () => {
    expect(mergeIntervals([{ start: 5, end: 7 }, { start: 1, end: 3 }, { start: 3, end: 4 }, { start: 9, end: 9 }])).toEqual([
      { start: 1, end: 4 },
      { start: 5, end: 7 },
    ]);
  });

  it("agree point by point with the set definitions", () => {
    fc.assert(
      fc.property(intervals, intervals, (a, b) => {
        const ma = mergeIntervals(a);
        const mb = mergeIntervals(b);
        const and = intersectIntervals(ma, mb);
        const minus = subtractIntervals(ma, mb);
        for (let x = 0; x < 55; x += 0.5) {
          expect(covers(ma, x)).toBe(covers(a, x));
          expect(covers(and, x)).toBe(covers(a, x) && covers(b, x));
          expect(covers(minus, x)).toBe(covers(a, x) && !covers(b, x));
        }
        for (const list of [and, minus]) list.forEach((iv, i) => i > 0 && expect(iv.start).toBeGreaterThanOrEqual((list[i - 1] as Interval).end));
      }),
    );
  });

  it("handles open-ended intervals", () => {
    expect(subtractIntervals([{ start: 0, end: Infinity }], [{ start: 5, end: 8 }])).toEqual([
      { start: 0, end: 5 },
      { start: 8, end: Infinity },
    ]);
    expect(overlapLength({ start: 3, end: Infinity }, 0, 10)).toBe(7);
    expect(overlapLength({ start: 12, end: 20 }, 0, 10)).toBe(0);
  });
});
