import { describe, expect, it } from "vitest";
import type { CategoryLoad, HallConfig, LoadView } from "../../../contract/index.js";
import { rebalanceSuggestions } from "./rebalance.js";

const hall: HallConfig = {
  name: "测试",
  timezone: "Asia/Shanghai",
  categories: [
    { id: "a", name: "甲", itemCodes: [] },
    { id: "b", name: "乙", itemCodes: [] },
  ],
  windows: [
    { id: "w1", name: "1号", department: "甲局", categories: ["a"] },
    { id: "w2", name: "2号", department: "甲局", categories: ["b"] },
    { id: "w3", name: "3号", department: "乙局", categories: ["b"] },
    { id: "w4", name: "4号", department: "行政审批服务局", categories: ["b"], comprehensive: true },
  ],
  targets: { waitMinutes: 20 },
};

const category = (categoryId: string, waitingNow: number, oldestWaitSeconds: number | null): CategoryLoad => ({
  categoryId, arrivals: 0, calledCount: 0, avgWaitSeconds: null, maxWaitSeconds: null, waitingNow, oldestWaitSeconds,
});

const view = (hot: string[], cold: string[], categories: CategoryLoad[]): LoadView => ({
  hallId: "h", from: "", to: "", live: true, windows: [], categories, recentCalls: [],
  imbalance: { cv: 0.5, hot, cold, imbalanced: hot.length > 0 && cold.length > 0 },
});

describe("rebalancing suggestions", () => {
  it("offers a hot category to cold windows of a department that serves it, or comprehensive ones", () => {
    const s = rebalanceSuggestions(view(["w1"], ["w2", "w3", "w4"], [category("a", 3, 1800), category("b", 0, null)]), hall);
    expect(s).toEqual([
      { windowId: "w2", categoryId: "a", reason: { oldestWaitSeconds: 1800, hotWindows: ["w1"] } },
      { windowId: "w4", categoryId: "a", reason: { oldestWaitSeconds: 1800, hotWindows: ["w1"] } },
    ]);
  });

  it("suggests nothing when nobody waits in the hot category, or no cold window may take it", () => {
    expect(rebalanceSuggestions(view(["w1"], ["w2", "w4"], [category("a", 0, null)]), hall)).toEqual([]);
    expect(rebalanceSuggestions(view(["w1"], ["w3"], [category("a", 4, 2400)]), hall)).toEqual([]);
  });

  it("treats a category waiting past the target as hot even with no hot window, and gives each window one suggestion", () => {
    const s = rebalanceSuggestions(view([], ["w4"], [category("a", 2, 1500), category("b", 0, null)]), hall);
    expect(s).toEqual([{ windowId: "w4", categoryId: "a", reason: { oldestWaitSeconds: 1500, hotWindows: [] } }]);
  });
});

describe("rebalancing suggestions from a past day", () => {
  const pastView = (hot: string[], cold: string[], categories: CategoryLoad[]): LoadView => ({ ...view(hot, cold, categories), live: false });
  const called = (categoryId: string, calledCount: number, avgWaitSeconds: number, maxWaitSeconds: number): CategoryLoad => ({
    categoryId, arrivals: calledCount, calledCount, avgWaitSeconds, maxWaitSeconds, waitingNow: 0, oldestWaitSeconds: null,
  });

  it("judges a category hot on its average wait of the day, although nobody waits at the day's end", () => {
    const s = rebalanceSuggestions(pastView([], ["w2", "w4"], [called("a", 40, 1500, 3600), called("b", 10, 60, 300)]), hall);
    expect(s).toEqual([
      { windowId: "w2", categoryId: "a", reason: { oldestWaitSeconds: 3600, hotWindows: [] } },
      { windowId: "w4", categoryId: "a", reason: { oldestWaitSeconds: 3600, hotWindows: [] } },
    ]);
  });

  it("suggests nothing for a day whose average waits stayed within the target", () => {
    expect(rebalanceSuggestions(pastView([], ["w2", "w4"], [called("a", 40, 900, 3000)]), hall)).toEqual([]);
  });
});
