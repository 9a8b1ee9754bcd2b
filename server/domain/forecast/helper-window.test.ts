import { describe, expect, it } from "vitest";
import type { CategoryLoad, HallConfig, LoadView } from "../../../contract/index.js";
import { helperWindow } from "./helper-window.js";

const hall: HallConfig = {
  name: "测试",
  timezone: "Asia/Shanghai",
  categories: [{ id: "a", name: "甲", itemCodes: [] }, { id: "b", name: "乙", itemCodes: [] }, { id: "c", name: "丙", itemCodes: [] }],
  windows: [
    { id: "w1", name: "1号", department: "甲局", categories: ["a"] },
    { id: "w2", name: "2号", department: "乙局", categories: ["b"] },
    { id: "w3", name: "3号", department: "综合", categories: ["c"], comprehensive: true },
  ],
  targets: { waitMinutes: 20 },
};
const cat = (categoryId: string, waitingNow: number, oldestWaitSeconds: number | null): CategoryLoad => ({ categoryId, arrivals: 0, calledCount: 0, avgWaitSeconds: null, maxWaitSeconds: null, waitingNow, oldestWaitSeconds });
const view = (cold: string[], categories: CategoryLoad[]): LoadView => ({ hallId: "h", from: "", to: "", live: true, windows: [], categories, recentCalls: [], imbalance: { cv: 0.4, hot: [], cold, imbalanced: false } });

describe("helper window for a category expected to break its target", () => {
  it("names the cold window the rebalancing advice would give it, although it is not hot yet", () => {
    expect(helperWindow(view(["w2", "w3"], [cat("a", 2, 300), cat("b", 0, null), cat("c", 0, null)]), hall, "a", 1800)).toBe("w3");
  });

  it("names none when no cold window may take the category", () => {
    expect(helperWindow(view(["w2"], [cat("a", 2, 300)]), hall, "a", 1800)).toBeNull();
    expect(helperWindow(view([], [cat("a", 2, 300)]), hall, "a", 1800)).toBeNull();
    expect(helperWindow(view(["w3"], [cat("a", 2, 300)]), hall, "zzz", 1800)).toBeNull();
  });

  it("does not offer a window the advice already gives to a category waiting longer now", () => {
    expect(helperWindow(view(["w3"], [cat("a", 1, 60), cat("b", 5, 3000)]), hall, "a", 1500)).toBeNull();
    expect(helperWindow(view(["w3"], [cat("a", 1, 60), cat("b", 1, 600)]), hall, "a", 1500)).toBe("w3");
  });
});
