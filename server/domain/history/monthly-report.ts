// 月度通报: windows and departments ranked by served, share called within the target, poor evaluations
// and idle time, naming those at the bottom of a ranking two months running.
import type { HallConfig, MonthlyRankRow, MonthlyReport } from "../../../contract/index.js";
import { aggregateDays } from "./aggregate-days.js";
import type { DayRollup } from "./day-rollup.js";

type Measure = MonthlyReport["lastTwoMonthsRunning"][number]["measure"];

/** Worst first: fewest served, lowest share within target, most poor ratings, most idle time. */
const WORST: Record<Measure, (a: MonthlyRankRow, b: MonthlyRankRow) => number> = {
  served: (a, b) => a.served - b.served,
  withinTargetShare: (a, b) => (a.withinTargetShare ?? 1) - (b.withinTargetShare ?? 1),
  poorRatings: (a, b) => b.poorRatings - a.poorRatings,
  idleSeconds: (a, b) => b.idleSeconds - a.idleSeconds,
};

/** `days`: the day-level rollups of the whole local days [from, to) (the same figures as their buckets, tested). */
function rankRows(days: DayRollup, hall: HallConfig, from: number, to: number, level: "window" | "department"): MonthlyRankRow[] {
  const history = aggregateDays(days, hall, { from, to, groupBy: level });
  // Idle time needs open and busy, which history gives as utilization; recompute from the rollups.
  const open = new Map<string, number>();
  const busy = new Map<string, number>();
  const dept = new Map(hall.windows.map((w) => [w.id, w.department]));
  for (const w of days.windows) {
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
}

function bottom(rows: readonly MonthlyRankRow[], measure: Measure): string | null {
  return rows.length === 0 ? null : ([...rows].sort((a, b) => WORST[measure](a, b) || (a.key < b.key ? -1 : 1))[0] as MonthlyRankRow).key;
}

export function monthlyReport(
  days: { month: DayRollup; previous: DayRollup },
  hall: HallConfig,
  month: { label: string; from: number; to: number },
  previous: { label: string; from: number; to: number },
): MonthlyReport {
  const out: MonthlyReport = { month: month.label, previousMonth: previous.label, windows: [], departments: [], lastTwoMonthsRunning: [] };
  for (const level of ["window", "department"] as const) {
    const now = rankRows(days.month, hall, month.from, month.to, level);
    const before = rankRows(days.previous, hall, previous.from, previous.to, level);
    if (level === "window") out.windows = now;
    else out.departments = now;
    for (const measure of Object.keys(WORST) as Measure[]) {
      const a = bottom(now, measure);
      if (a !== null && a === bottom(before, measure)) out.lastTwoMonthsRunning.push({ measure, level, key: a });
    }
  }
  return out;
}
