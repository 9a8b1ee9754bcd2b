// Rankings of 月度通报: best first per measure, competition ranks, no rank without a value, last place.
import { describe, expect, it } from "vitest";
import type { MonthlyRankRow, MonthlyReport } from "../../../../../contract/index.js";
import { idleParts, lastPlace, rankedRows, ranksOn, runningByKey } from "./report-rank.js";

const r = (key: string, served: number, share: number | null, poor: number, idle: number): MonthlyRankRow => ({ key, served, withinTargetShare: share, poorRatings: poor, idleSeconds: idle });
const rows = [r("w1", 300, 0.9, 2, 7200), r("w2", 120, 0.6, 5, 36_000), r("w3", 300, null, 0, 1800), r("w4", 80, 0.95, 5, 3600)];

describe("monthly ranking", () => {
  it("puts the best first on each measure", () => {
    expect(rankedRows(rows, "served").map((x) => x.key)).toEqual(["w1", "w3", "w2", "w4"]);
    expect(rankedRows(rows, "withinTargetShare").map((x) => x.key)).toEqual(["w4", "w1", "w2", "w3"]);
    expect(rankedRows(rows, "poorRatings").map((x) => x.key)).toEqual(["w3", "w1", "w2", "w4"]);
    expect(rankedRows(rows, "idleSeconds").map((x) => x.key)).toEqual(["w3", "w4", "w1", "w2"]);
  });

  it("shares a rank between ties and skips the next; no rank without a value", () => {
    expect([...ranksOn(rows, "served")]).toEqual([["w1", 1], ["w2", 3], ["w3", 1], ["w4", 4]]);
    expect([...ranksOn(rows, "poorRatings")]).toEqual([["w1", 2], ["w2", 3], ["w3", 1], ["w4", 3]]);
    expect(ranksOn(rows, "withinTargetShare").get("w3")).toBeNull();
  });

  it("names the last place (ties too), and nobody when all tie or one is ranked", () => {
    expect([...lastPlace(rows, "served")]).toEqual(["w4"]);
    expect([...lastPlace(rows, "poorRatings")]).toEqual(["w2", "w4"]);
    expect([...lastPlace(rows, "withinTargetShare")]).toEqual(["w2"]);
    expect([...lastPlace([r("a", 1, 1, 0, 0), r("b", 1, 1, 0, 0)], "served")]).toEqual([]);
    expect([...lastPlace([r("a", 1, 1, 0, 0)], "served")]).toEqual([]);
  });

  it("collects the two-months-running measures per key and level; idle as hours and minutes", () => {
    const report: MonthlyReport = {
      month: "2026-11",
      previousMonth: "2026-10",
      windows: rows,
      departments: [],
      lastTwoMonthsRunning: [
        { measure: "served", level: "window", key: "w4" },
        { measure: "idleSeconds", level: "window", key: "w4" },
        { measure: "served", level: "department", key: "人社局" },
      ],
    };
    expect([...runningByKey(report, "window")]).toEqual([["w4", ["served", "idleSeconds"]]]);
    expect([...runningByKey(report, "department")]).toEqual([["人社局", ["served"]]]);
    expect(idleParts(36_000)).toEqual({ h: 10, m: 0 });
    expect(idleParts(5_430)).toEqual({ h: 1, m: 31 });
  });
});
