import { describe, expect, it } from "vitest";
import { nearestRank } from "./percentiles.js";

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
