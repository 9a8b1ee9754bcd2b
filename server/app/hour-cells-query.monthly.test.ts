// The monthly report read from day-level rollups (daysOf for whole months) equals the previous
// implementation over the 15-minute buckets alone — kept below as the reference — in Shanghai and in New
// York across a DST change (hour-cells-query.test-support.ts).
import { describe, expect, it } from "vitest";
import { localDayRange, type HallConfig, type MonthlyRankRow, type MonthlyReport } from "../../contract/index.js";
import { DEMO_HALL_ID } from "../../simulator/demo-hall.js";
import { aggregateHistory } from "../domain/history/aggregate-history.js";
import { monthlyReport } from "../domain/history/monthly-report.js";
import type { Rollup } from "../domain/history/rollup.js";
import { daysOf } from "./history-query.js";
import { cases } from "./hour-cells-query.test-support.js";

// ---- The reference: the bucket-based implementation as it was before the day-level rollups. ----

type Measure = MonthlyReport["lastTwoMonthsRunning"][number]["measure"];
const WORST: Record<Measure, (a: MonthlyRankRow, b: MonthlyRankRow) => number> = {
  served: (a, b) => a.served - b.served,
  withinTargetShare: (a, b) => (a.withinTargetShare ?? 1) - (b.withinTargetShare ?? 1),
  poorRatings: (a, b) => b.poorRatings - a.poorRatings,
  idleSeconds: (a, b) => b.idleSeconds - a.idleSeconds,
};

function refMonthly(rollup: Rollup, hall: HallConfig, month: { label: string; from: number; to: number }, previous: { label: string; from: number; to: number }): MonthlyReport {
  const rank = (from: number, to: number, level: "window" | "department"): MonthlyRankRow[] => {
    const history = aggregateHistory(rollup, hall, { from, to, groupBy: level });
    const open = new Map<string, number>();
    const busy = new Map<string, number>();
    const dept = new Map(hall.windows.map((w) => [w.id, w.department]));
    for (const w of rollup.windows) {
      if (w.bucket < from || w.bucket >= to) continue;
      const key = level === "window" ? w.windowId : (dept.get(w.windowId) ?? w.windowId);
      open.set(key, (open.get(key) ?? 0) + w.openMs);
      busy.set(key, (busy.get(key) ?? 0) + w.busyMs);
    }
    return history.rows.map((r) => ({
      key: String(r.key),
      served: r.served,
      withinTargetShare: r.withinTargetShare,
      poorRatings: r.poorRatings,
      idleSeconds: Math.max(0, (open.get(String(r.key)) ?? 0) - (busy.get(String(r.key)) ?? 0)) / 1000,
    }));
  };
  const bottom = (rows: readonly MonthlyRankRow[], m: Measure) => (rows.length === 0 ? null : ([...rows].sort((a, b) => WORST[m](a, b) || (a.key < b.key ? -1 : 1))[0] as MonthlyRankRow).key);
  const out: MonthlyReport = { month: month.label, previousMonth: previous.label, windows: [], departments: [], lastTwoMonthsRunning: [] };
  for (const level of ["window", "department"] as const) {
    const now = rank(month.from, month.to, level);
    const before = rank(previous.from, previous.to, level);
    if (level === "window") out.windows = now;
    else out.departments = now;
    for (const m of Object.keys(WORST) as Measure[]) {
      const a = bottom(now, m);
      if (a !== null && a === bottom(before, m)) out.lastTwoMonthsRunning.push({ measure: m, level, key: a });
    }
  }
  return out;
}

describe("the monthly report from the day level", () => {
  for (const c of cases) {
    const { reader } = c.data;
    it(`${c.name}: the monthly report equals the buckets'`, async () => {
      const tz = c.hall.timezone;
      const [a, b, d, e] = c.months;
      const previous = { label: "P", from: localDayRange(a, tz).start, to: localDayRange(b, tz).end };
      const month = { label: "M", from: localDayRange(d, tz).start, to: localDayRange(e, tz).end };
      const got = monthlyReport({ month: await daysOf(reader, DEMO_HALL_ID, tz, month.from, month.to), previous: await daysOf(reader, DEMO_HALL_ID, tz, previous.from, previous.to) }, c.hall, month, previous);
      expect(got).toEqual(refMonthly(await reader.read(DEMO_HALL_ID, previous.from, month.to), c.hall, month, previous));
      expect(got.windows.length).toBeGreaterThan(5);
    });
  }
});
