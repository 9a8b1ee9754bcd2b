import { describe, expect, it } from "vitest";
import { percentile, ratio, round, slope, summarize } from "./stats.js";

describe("bench stats", () => {
  it("nearest-rank percentiles", () => {
    const xs = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect(percentile(xs, 50)).toBe(5);
    expect(percentile(xs, 90)).toBe(9);
    expect(percentile(xs, 99)).toBe(10);
    expect(percentile(xs, 0)).toBe(1);
    expect(percentile([42], 99)).toBe(42);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile(xs, 101)).toThrow();
  });

  it("p99 of 1..1000 is 990, the max 1000, the mean 500.5", () => {
    const xs = Array.from({ length: 1000 }, (_, i) => 1000 - i);
    expect(summarize(xs)).toEqual({ n: 1000, p50: 500, p99: 990, max: 1000, mean: 500.5 });
    expect(summarize([]).n).toBe(0);
  });

  it("does not reorder its input", () => {
    const xs = [3, 1, 2];
    summarize(xs);
    percentile(xs, 50);
    expect(xs).toEqual([3, 1, 2]);
  });

  it("slope, ratio and rounding", () => {
    expect(slope([0, 1, 2, 3], [1, 3, 5, 7])).toBeCloseTo(2);
    expect(slope([1], [1])).toBe(0);
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(1, 0)).toBeNull();
    expect(round(1234.56)).toBe(1235);
    expect(round(12.345)).toBe(12.3);
    expect(round(0.123456)).toBe(0.123);
  });
});
