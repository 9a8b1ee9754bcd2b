import { describe, expect, it } from "vitest";
import type { OpenDataDaily, OpenDataRow } from "../../../contract/public.js";
import { monthRange, monthSummary, shiftMonth } from "./month-summary.js";

const row = (date: string, level: OpenDataRow["level"], key: string | null, arrivals: number | null, extra: Partial<OpenDataRow> = {}): OpenDataRow => ({
  date,
  level,
  key,
  name: key ?? "大厅",
  suppressed: arrivals === null,
  arrivals,
  served: arrivals,
  waitP50Seconds: arrivals === null ? null : 300,
  waitP90Seconds: null,
  withinTargetShare: null,
  noShows: arrivals === null ? null : 0,
  evaluations: arrivals === null ? null : 2,
  poorEvaluations: arrivals === null ? null : 1,
  ...extra,
});

const data: OpenDataDaily = {
  hallId: "h",
  name: "大厅",
  from: "2026-03-01",
  to: "2026-03-02",
  licence: null,
  minCellCount: 5,
  waitTargetMinutes: 20,
  pendingDays: 0,
  rows: [
    row("2026-03-01", "hall", null, 40),
    row("2026-03-01", "category", "c1", 30),
    row("2026-03-01", "category", "c2", null),
    row("2026-03-01", "window", "w1", null),
    row("2026-03-02", "hall", null, 3, { suppressed: true, arrivals: null, served: null, evaluations: null, poorEvaluations: null }),
    row("2026-03-02", "category", "c1", null),
    row("2026-03-02", "category", "c2", null),
  ],
  findings: [],
};

describe("monthSummary", () => {
  it("lists the hall's days and sums only published cells, counting the hidden ones", () => {
    const s = monthSummary(data);
    expect(s.days.map((d) => d.date)).toEqual(["2026-03-01", "2026-03-02"]);
    expect(s.totals).toEqual({ arrivals: 40, served: 40, evaluations: 2, poorEvaluations: 1 });
    expect(s.categories).toEqual([
      { key: "c1", name: "c1", arrivals: 30, served: 30, evaluations: 2, poorEvaluations: 1, hiddenDays: 1 },
      { key: "c2", name: "c2", arrivals: 0, served: 0, evaluations: 0, poorEvaluations: 0, hiddenDays: 2 },
    ]);
    // Hall and category cells hidden (the window cells are not shown on the page).
    expect(s.hiddenCells).toBe(4);
  });

  it("knows month ranges and neighbours, leap years and year ends included", () => {
    expect(monthRange("2028-02")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
    expect(monthRange("2026-11")).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
  });
});
