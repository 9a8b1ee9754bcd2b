// History rows from 15-minute rollups: group by window, department, category, hour of day, ISO weekday
// or day (hall-local), and the imbalance index per day. Every figure is a sum of bucket parts, or taken
// from the exact wait samples, so it equals the figure computed over raw events for the same period.
import { localDate, localParts, resolvedTargets, type HallConfig, type HistoryGroup, type HistoryResponse, type HistoryRow } from "../../../contract/index.js";
import { coefficientOfVariation, isEligible } from "../imbalance.js";
import { nearestRanksBySelection } from "./percentiles.js";
import type { CategoryBucket, Rollup, WaitSample, WindowBucket } from "./rollup.js";

export interface Acc {
  arrivals: number;
  served: number;
  noShows: number;
  openMs: number;
  busyMs: number;
  handleMsSum: number;
  handleCount: number;
  ratingSum: number;
  ratingCount: number;
  poorRatings: number;
  /** Single waits (ms) … */
  waits: number[];
  /** … and whole lists of them (a day's sorted waits), joined once in `row` rather than pushed one by one. */
  waitLists: ArrayLike<number>[];
}

export const emptyAcc = (): Acc => ({ arrivals: 0, served: 0, noShows: 0, openMs: 0, busyMs: 0, handleMsSum: 0, handleCount: 0, ratingSum: 0, ratingCount: 0, poorRatings: 0, waits: [], waitLists: [] });

/** Every wait of an accumulator in one typed array. */
function allWaits(a: Acc): Float64Array {
  const out = new Float64Array(a.waits.length + a.waitLists.reduce((n, l) => n + l.length, 0));
  out.set(a.waits, 0);
  let at = a.waits.length;
  for (const l of a.waitLists) {
    out.set(l, at);
    at += l.length;
  }
  return out;
}

function isoWeekday(ms: number, tz: string): number {
  const p = localParts(ms, tz);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Which group a bucket's time falls in, for the time-based groupings. */
function timeKey(groupBy: HistoryGroup, bucket: number, tz: string): string | number {
  if (groupBy === "hour") return localParts(bucket, tz).hour;
  if (groupBy === "weekday") return isoWeekday(bucket, tz);
  return localDate(bucket, tz);
}

function addWindow(a: Acc, w: WindowBucket, withWork: boolean): void {
  a.openMs += w.openMs;
  a.busyMs += w.busyMs;
  if (!withWork) return;
  a.served += w.served;
  a.noShows += w.noShows;
  a.handleMsSum += w.handleMsSum;
  a.handleCount += w.handleCount;
  a.ratingSum += w.ratingSum;
  a.ratingCount += w.ratingCount;
  a.poorRatings += w.poorRatings;
}

function addCategoryWork(a: Acc, c: CategoryBucket): void {
  a.served += c.served;
  a.noShows += c.noShows;
  a.handleMsSum += c.handleMsSum;
  a.handleCount += c.handleCount;
  a.ratingSum += c.ratingSum;
  a.ratingCount += c.ratingCount;
  a.poorRatings += c.poorRatings;
}

export function row(key: string | number, a: Acc, targetMs: number): HistoryRow {
  // A typed array of milliseconds; the two ranks by selection, not a full sort (a year: ~300,000 waits).
  const waits = allWaits(a);
  let max: number | null = null;
  let within = 0;
  for (const w of waits) {
    if (max === null || w > max) max = w;
    if (w <= targetMs) within += 1;
  }
  const [p50, p90] = nearestRanksBySelection(waits, [50, 90]) as [number | null, number | null];
  return {
    key,
    arrivals: a.arrivals,
    served: a.served,
    noShows: a.noShows,
    utilization: a.openMs > 0 ? a.busyMs / a.openMs : 0,
    waitP50Seconds: p50 === null ? null : p50 / 1000,
    waitP90Seconds: p90 === null ? null : p90 / 1000,
    waitMaxSeconds: max === null ? null : max / 1000,
    withinTargetShare: waits.length > 0 ? within / waits.length : null,
    avgHandleSeconds: a.handleCount > 0 ? a.handleMsSum / a.handleCount / 1000 : null,
    ratingAvg: a.ratingCount > 0 ? a.ratingSum / a.ratingCount : null,
    poorRatings: a.poorRatings,
  };
}

export interface HistoryRequest {
  from: number;
  to: number;
  groupBy: HistoryGroup;
}

export function aggregateHistory(rollup: Rollup, hall: HallConfig, req: HistoryRequest): Omit<HistoryResponse, "pendingDays"> {
  const tz = hall.timezone;
  const targetMs = resolvedTargets(hall).waitMinutes * 60_000;
  const groups = new Map<string | number, Acc>();
  const acc = (key: string | number) => {
    let a = groups.get(key);
    if (!a) {
      a = emptyAcc();
      groups.set(key, a);
    }
    return a;
  };
  const windowCfg = new Map(hall.windows.map((w) => [w.id, w]));
  const departmentOf = (windowId: string) => windowCfg.get(windowId)?.department ?? windowId;
  const inRange = <T extends { bucket: number }>(rows: readonly T[]) => rows.filter((r) => r.bucket >= req.from && r.bucket < req.to);
  const windows = inRange(rollup.windows);
  const categories = inRange(rollup.categories);
  const waits = inRange(rollup.waits);
  const g = req.groupBy;

  if (g === "window" || g === "department") {
    const keyOf = (windowId: string) => (g === "window" ? windowId : departmentOf(windowId));
    for (const w of windows) {
      const a = acc(keyOf(w.windowId));
      addWindow(a, w, true);
      a.arrivals += w.firstCalls;
    }
    for (const s of waits) acc(keyOf(s.windowId)).waits.push(s.waitMs);
  } else if (g === "category") {
    for (const c of categories) {
      const a = acc(c.categoryId);
      a.arrivals += c.arrivals;
      addCategoryWork(a, c);
    }
    // A category's utilization: the windows configured to serve it, their busy over their open time.
    for (const w of windows)
      for (const cid of windowCfg.get(w.windowId)?.categories ?? []) addWindow(acc(cid), w, false);
    for (const s of waits) acc(s.categoryId).waits.push(s.waitMs);
  } else {
    for (const w of windows) addWindow(acc(timeKey(g, w.bucket, tz)), w, true);
    for (const c of categories) acc(timeKey(g, c.bucket, tz)).arrivals += c.arrivals;
    for (const s of waits) acc(timeKey(g, s.bucket, tz)).waits.push(s.waitMs);
  }

  const rows = [...groups].map(([key, a]) => row(key, a, targetMs)).sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return { from: new Date(req.from).toISOString(), to: new Date(req.to).toISOString(), groupBy: g, rows, imbalance: dailyImbalance(windows, hall) };
}

/** Per hall-local day and window, open and busy time: the input of the daily imbalance. */
export interface DayWindowTime {
  day: string;
  windowId: string;
  openMs: number;
  busyMs: number;
}

export function dailyImbalance(windows: readonly WindowBucket[], hall: HallConfig): { day: string; cv: number }[] {
  return dailyImbalanceOf(
    windows.map((w) => ({ day: localDate(w.bucket, hall.timezone), windowId: w.windowId, openMs: w.openMs, busyMs: w.busyMs })),
    hall,
  );
}

/**
 * Per hall-local day, the cv of utilization over the windows open at least 10 minutes that day, taken in
 * the configuration's window order like the load view (floating-point sums depend on the order).
 */
export function dailyImbalanceOf(windows: readonly DayWindowTime[], hall: HallConfig): { day: string; cv: number }[] {
  const order = new Map(hall.windows.map((w, i) => [w.id, i]));
  const rank = (id: string) => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  const perDay = new Map<string, Map<string, { open: number; busy: number }>>();
  for (const w of windows) {
    const day = w.day;
    let m = perDay.get(day);
    if (!m) {
      m = new Map();
      perDay.set(day, m);
    }
    const x = m.get(w.windowId) ?? { open: 0, busy: 0 };
    x.open += w.openMs;
    x.busy += w.busyMs;
    m.set(w.windowId, x);
  }
  return [...perDay]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([day, m]) => ({
      day,
      cv: coefficientOfVariation(
        [...m]
          .sort((a, b) => rank(a[0]) - rank(b[0]) || (a[0] < b[0] ? -1 : 1))
          .map(([, x]) => x)
          .filter((x) => isEligible(x.open, 86_400_000))
          .map((x) => x.busy / x.open),
      ),
    }));
}

export type { WaitSample };
