// The what-if comparison rows: minutes with one decimal, the change and its tone per category, names from
// the configuration (the id when unknown), categories with no wait on either side left out; the counts of
// lower / higher averages and the change of cv.
import { describe, expect, it } from "vitest";
import type { WhatIfResponse } from "../../../../../contract/index.js";
import { avgToneCount, compareRows, cvChange } from "./whatif-compare.js";

const result: WhatIfResponse = {
  date: "2026-11-20",
  actual: {
    categories: [
      { categoryId: "social", avgWaitSeconds: 300, maxWaitSeconds: 900 },
      { categoryId: "estate", avgWaitSeconds: 1800, maxWaitSeconds: 3600 },
      { categoryId: "tax", avgWaitSeconds: null, maxWaitSeconds: null },
      { categoryId: "new", avgWaitSeconds: null, maxWaitSeconds: null },
    ],
    windows: [],
    cv: 0.52,
  },
  predicted: {
    categories: [
      { categoryId: "social", avgWaitSeconds: 342, maxWaitSeconds: 900 },
      { categoryId: "estate", avgWaitSeconds: 600, maxWaitSeconds: 1500 },
      { categoryId: "new", avgWaitSeconds: 120, maxWaitSeconds: 240 },
    ],
    windows: [],
    cv: 0.21,
  },
};
const names = new Map([
  ["social", "社会保险"],
  ["estate", "不动产登记"],
]);

describe("compareRows", () => {
  it("gives each category's waits in minutes with the change and its tone", () => {
    const rows = compareRows(result, names);
    expect(rows.map((r) => r.id)).toEqual(["social", "estate", "new"]);
    expect(rows[0]).toEqual({
      id: "social",
      name: "社会保险",
      avg: { actual: 5, predicted: 5.7 },
      max: { actual: 15, predicted: 15 },
      avgDiff: { value: 0.7, tone: "higher" },
      maxDiff: { value: 0, tone: "same" },
    });
    expect(rows[1]?.avgDiff).toEqual({ value: -20, tone: "lower" });
    expect(rows[1]?.maxDiff).toEqual({ value: -35, tone: "lower" });
    // Unknown to the configuration: the id; no real wait: nothing to compare against.
    expect(rows[2]).toMatchObject({ name: "new", avg: { actual: null, predicted: 2 }, avgDiff: { value: null, tone: "none" } });
  });

  it("counts lower and higher averages and gives the change of cv to two decimals", () => {
    const rows = compareRows(result, names);
    expect([avgToneCount(rows, "lower"), avgToneCount(rows, "higher"), avgToneCount(rows, "none")]).toEqual([1, 1, 1]);
    expect(cvChange(result)).toBe(-0.31);
  });
});
