// History from day-level rollups (foldDay): the same figures as aggregateHistory over the 15-minute
// buckets of the same whole days, read from a few thousand rows for a year (tested equal).
import { resolvedTargets, type HallConfig, type HistoryGroup, type HistoryResponse } from "../../../contract/index.js";
import { dailyImbalanceOf, emptyAcc, row, type Acc } from "./aggregate-history.js";
import type { DayRollup } from "./day-rollup.js";
import { weekdayOf, type MonthWaitGroup } from "./month-waits.js";

export interface DaysRequest {
  /** Epoch ms of the first day's local midnight and of the midnight after the last day. */
  from: number;
  to: number;
  groupBy: HistoryGroup;
}

export function aggregateDays(d: DayRollup, hall: HallConfig, req: DaysRequest): Omit<HistoryResponse, "pendingDays"> {
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
  const cfg = new Map(hall.windows.map((w) => [w.id, w]));
  const months = d.monthWaits ?? [];
  const g = req.groupBy;
  const addWaits = (key: string | number, waits: ArrayLike<number>) => {
    acc(key).waitLists.push(waits);
  };

  if (g === "window" || g === "department") {
    const keyOf = (windowId: string) => (g === "window" ? windowId : (cfg.get(windowId)?.department ?? windowId));
    for (const w of d.windows) {
      const a = acc(keyOf(w.windowId));
      a.openMs += w.openMs;
      a.busyMs += w.busyMs;
      a.served += w.served;
      a.noShows += w.noShows;
      a.handleMsSum += w.handleMsSum;
      a.handleCount += w.handleCount;
      a.ratingSum += w.ratingSum;
      a.ratingCount += w.ratingCount;
      a.poorRatings += w.poorRatings;
      a.arrivals += w.firstCalls;
    }
    for (const w of d.waits) addWaits(keyOf(w.windowId), w.waits);
    for (const m of months) addWaits(keyOf(m.windowId), m.waits);
  } else if (g === "category") {
    for (const c of d.categories) {
      const a = acc(c.categoryId);
      a.arrivals += c.arrivals;
      a.served += c.served;
      a.noShows += c.noShows;
      a.handleMsSum += c.handleMsSum;
      a.handleCount += c.handleCount;
      a.ratingSum += c.ratingSum;
      a.ratingCount += c.ratingCount;
      a.poorRatings += c.poorRatings;
    }
    for (const w of d.windows)
      for (const cid of cfg.get(w.windowId)?.categories ?? []) {
        const a = acc(cid);
        a.openMs += w.openMs;
        a.busyMs += w.busyMs;
      }
    for (const w of d.waits) addWaits(w.categoryId, w.waits);
    for (const m of months) addWaits(m.categoryId, m.waits);
  } else {
    const keyOf = (x: { hour: number; weekday: number; day: string }) => (g === "hour" ? x.hour : g === "weekday" ? x.weekday : x.day);
    for (const h of d.hours) {
      const a = acc(keyOf(h));
      a.openMs += h.openMs;
      a.busyMs += h.busyMs;
      a.served += h.served;
      a.noShows += h.noShows;
      a.handleMsSum += h.handleMsSum;
      a.handleCount += h.handleCount;
      a.ratingSum += h.ratingSum;
      a.ratingCount += h.ratingCount;
      a.poorRatings += h.poorRatings;
      a.arrivals += h.arrivals;
    }
    if (g !== "hour") for (const w of d.waits) addWaits(keyOf({ hour: 0, weekday: w.weekday, day: w.day }), w.waits);
    else for (const [hour, list] of splitWaits(d.waits, (w, i) => w.hours[i] as number)) acc(hour).waitLists.push(list);
    // A month's waits carry their hour and day of the month each: split per wait (a day's key looked up
    // in a table per month, not formatted per wait).
    const dayKeys = new Map<string, (string | number)[]>();
    const keysOfMonth = (month: string) => {
      let keys = dayKeys.get(month);
      if (!keys) dayKeys.set(month, (keys = Array.from({ length: 32 }, (_, dd) => (g === "weekday" ? weekdayOf(month, dd) : `${month}-${String(dd).padStart(2, "0")}`))));
      return keys;
    };
    const monthKey = (m: MonthWaitGroup, i: number): string | number => (g === "hour" ? (m.hours[i] as number) : (keysOfMonth(m.month)[m.days[i] as number] as string | number));
    for (const [key, list] of splitWaits(months, monthKey)) acc(key).waitLists.push(list);
  }

  const rows = [...groups].map(([key, a]) => row(key, a, targetMs)).sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return { from: new Date(req.from).toISOString(), to: new Date(req.to).toISOString(), groupBy: g, rows, imbalance: dailyImbalanceOf(d.windows, hall) };
}

/**
 * The waits of many groups split by a key per wait: counted first, then one typed array filled per key
 * (no per-wait push into plain arrays — a year holds ~300,000 waits).
 */
function splitWaits<G extends { waits: ArrayLike<number> }, K>(groups: readonly G[], keyOf: (g: G, i: number) => K): Map<K, Float64Array> {
  const counts = new Map<K, number>();
  for (const g of groups)
    for (let i = 0; i < g.waits.length; i++) {
      const key = keyOf(g, i);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  const lists = new Map<K, { list: Float64Array; at: number }>();
  for (const [key, n] of counts) lists.set(key, { list: new Float64Array(n), at: 0 });
  for (const g of groups)
    for (let i = 0; i < g.waits.length; i++) {
      const l = lists.get(keyOf(g, i)) as { list: Float64Array; at: number };
      l.list[l.at++] = g.waits[i] as number;
    }
  return new Map([...lists].map(([key, l]) => [key, l.list]));
}
