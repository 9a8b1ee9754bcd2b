// Rankings of 月度通报: per measure the best first — most served, highest share within the target wait,
// fewest poor evaluations, least idle time — with competition ranks (1, 2, 2, 4); a window or department
// with no share (nobody called) is not ranked on it. The last place of each measure, and the idle time in
// hours and minutes. Pure.
import type { MonthlyRankRow, MonthlyReport } from "../../../../../contract/index.js";

export const MEASURES = ["served", "withinTargetShare", "poorRatings", "idleSeconds"] as const;
export type Measure = (typeof MEASURES)[number];
export type Level = MonthlyReport["lastTwoMonthsRunning"][number]["level"];

export const measureValue = (row: MonthlyRankRow, m: Measure): number | null => row[m];

/** Better first: higher for served and the share, lower for poor ratings and idle time. */
const HIGHER_IS_BETTER: Record<Measure, boolean> = { served: true, withinTargetShare: true, poorRatings: false, idleSeconds: false };

/** Negative when `a` ranks before `b` on `m`; values that are not there last. */
export function compareOn(m: Measure, a: MonthlyRankRow, b: MonthlyRankRow): number {
  const va = measureValue(a, m);
  const vb = measureValue(b, m);
  if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
  return HIGHER_IS_BETTER[m] ? vb - va : va - vb;
}

/** Competition ranks on `m` (ties share a rank, the next rank skips); null for rows without a value. */
export function ranksOn(rows: readonly MonthlyRankRow[], m: Measure): Map<string, number | null> {
  const ranked = rows.filter((r) => measureValue(r, m) !== null).sort((a, b) => compareOn(m, a, b));
  const out = new Map<string, number | null>(rows.map((r) => [r.key, null]));
  ranked.forEach((r, i) => {
    const prev = ranked[i - 1];
    out.set(r.key, prev && compareOn(m, prev, r) === 0 ? (out.get(prev.key) as number) : i + 1);
  });
  return out;
}

/** The rows best first on `m`; ties (and rows without a value, last) in `order` (e.g. configured order). */
export function rankedRows(rows: readonly MonthlyRankRow[], m: Measure, order: (key: string) => number = () => 0): MonthlyRankRow[] {
  return [...rows].sort((a, b) => compareOn(m, a, b) || order(a.key) - order(b.key) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The keys in last place on `m` (all of them when tied); none when fewer than two are ranked. */
export function lastPlace(rows: readonly MonthlyRankRow[], m: Measure): Set<string> {
  const ranks = ranksOn(rows, m);
  const values = [...ranks.values()].filter((r): r is number => r !== null);
  if (values.length < 2) return new Set();
  const worst = Math.max(...values);
  if (worst === 1) return new Set(); // everyone tied: nobody is last
  return new Set([...ranks].filter(([, r]) => r === worst).map(([k]) => k));
}

/** The measures on which each key of `level` was last two months running (from the server's list). */
export function runningByKey(report: MonthlyReport, level: Level): Map<string, Measure[]> {
  const out = new Map<string, Measure[]>();
  for (const r of report.lastTwoMonthsRunning) if (r.level === level) out.set(r.key, [...(out.get(r.key) ?? []), r.measure]);
  return out;
}

/** Idle seconds as whole hours and minutes. */
export function idleParts(seconds: number): { h: number; m: number } {
  const min = Math.max(0, Math.round(seconds / 60));
  return { h: Math.floor(min / 60), m: min % 60 };
}
