// The hall's open data (issue #10, 政务公开): daily figures per hall, category and window, aggregated by
// the same function as the history API (aggregateDays over the day-level rollups), so that every
// published figure equals /history for the same day and key. Cells are then suppressed (suppress.ts) so
// that no individual can be singled out. Pure: the caller reads the rollups and passes them in.
import { localDayRange, type HallConfig, type HistoryGroup, type HistoryRow } from "../../../contract/index.js";
import type { OpenDataLevel, OpenDataRow } from "../../../contract/public.js";
import { aggregateDays } from "../history/aggregate-days.js";
import type { DayRollup } from "../history/day-rollup.js";
import { suppressSmallCells, type Cell } from "./suppress.js";

/** The day's part of a multi-day rollup. */
function dayOf(d: DayRollup, date: string): DayRollup {
  return {
    windows: d.windows.filter((x) => x.day === date),
    categories: d.categories.filter((x) => x.day === date),
    hours: d.hours.filter((x) => x.day === date),
    waits: d.waits.filter((x) => x.day === date),
  };
}

function sumBy<T>(items: readonly T[], key: (x: T) => string, value: (x: T) => number): Map<string, number> {
  const out = new Map<string, number>();
  for (const x of items) out.set(key(x), (out.get(key(x)) ?? 0) + value(x));
  return out;
}

const EMPTY: Omit<HistoryRow, "key"> = {
  arrivals: 0,
  served: 0,
  noShows: 0,
  utilization: 0,
  waitP50Seconds: null,
  waitP90Seconds: null,
  waitMaxSeconds: null,
  withinTargetShare: null,
  avgHandleSeconds: null,
  ratingAvg: null,
  poorRatings: 0,
};

function published(date: string, level: OpenDataLevel, key: string | null, name: string, r: Omit<HistoryRow, "key">, evaluations: number): OpenDataRow {
  return {
    date,
    level,
    key,
    name,
    suppressed: false,
    arrivals: r.arrivals,
    served: r.served,
    waitP50Seconds: r.waitP50Seconds,
    waitP90Seconds: r.waitP90Seconds,
    withinTargetShare: r.withinTargetShare,
    noShows: r.noShows,
    evaluations,
    poorEvaluations: r.poorRatings,
  };
}

/** The rows of one day: the hall, then every configured category, then every configured window. */
function dayRows(d: DayRollup, hall: HallConfig, date: string): OpenDataRow[] {
  const range = localDayRange(date, hall.timezone);
  const rowsOf = (groupBy: HistoryGroup) => new Map(aggregateDays(d, hall, { from: range.start, to: range.end, groupBy }).rows.map((r) => [String(r.key), r]));
  const hallRow = rowsOf("day").get(date) ?? EMPTY;
  const categories = rowsOf("category");
  const windows = rowsOf("window");
  const catEvaluations = sumBy(d.categories, (c) => c.categoryId, (c) => c.ratingCount);
  const winEvaluations = sumBy(d.windows, (w) => w.windowId, (w) => w.ratingCount);
  const hallEvaluations = d.hours.reduce((s, h) => s + h.ratingCount, 0);
  return [
    published(date, "hall", null, hall.name, hallRow, hallEvaluations),
    ...hall.categories.map((c) => published(date, "category", c.id, c.name, categories.get(c.id) ?? EMPTY, catEvaluations.get(c.id) ?? 0)),
    ...hall.windows.map((w) => published(date, "window", w.id, w.name, windows.get(w.id) ?? EMPTY, winEvaluations.get(w.id) ?? 0)),
  ];
}

/** The tickets a cell describes: its arrivals (windows: first calls) or its completions, whichever is more. */
const ticketsOf = (r: OpenDataRow) => Math.max(r.arrivals ?? 0, r.served ?? 0);

/** Daily rows for `dates` (hall-local YYYY-MM-DD) from the day-level rollups covering them. */
export function openDataRows(days: DayRollup, hall: HallConfig, dates: readonly string[], minCellCount: number): OpenDataRow[] {
  const out: OpenDataRow[] = [];
  for (const date of dates) {
    const rows = dayRows(dayOf(days, date), hall, date);
    const cells: Cell[] = rows.map((r) => ({ level: r.level, tickets: ticketsOf(r) }));
    const hidden = suppressSmallCells(cells, minCellCount);
    rows.forEach((r, i) => out.push(hidden[i] ? blank(r) : r));
  }
  return out;
}

function blank(r: OpenDataRow): OpenDataRow {
  return { ...r, suppressed: true, arrivals: null, served: null, waitP50Seconds: null, waitP90Seconds: null, withinTargetShare: null, noShows: null, evaluations: null, poorEvaluations: null };
}
