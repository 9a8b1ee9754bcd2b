// History from day-level rollups (foldDay): the same figures as aggregateHistory over the 15-minute
// buckets of the same whole days, read from a few thousand rows for a year (tested equal).
import { resolvedTargets, type HallConfig, type HistoryGroup, type HistoryResponse } from "../../../contract/index.js";
import { dailyImbalanceOf, emptyAcc, row, type Acc } from "./aggregate-history.js";
import type { DayRollup } from "./day-rollup.js";

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
    else {
      // By hour: count first, then fill one typed array per hour (no per-wait push into plain arrays).
      const counts = new Map<number, number>();
      for (const w of d.waits) for (let i = 0; i < w.hours.length; i++) counts.set(w.hours[i] as number, (counts.get(w.hours[i] as number) ?? 0) + 1);
      const byHour = new Map<number, { list: Float64Array; at: number }>();
      for (const [hour, n] of counts) byHour.set(hour, { list: new Float64Array(n), at: 0 });
      for (const w of d.waits)
        for (let i = 0; i < w.waits.length; i++) {
          const h = byHour.get(w.hours[i] as number) as { list: Float64Array; at: number };
          h.list[h.at++] = w.waits[i] as number;
        }
      for (const [hour, h] of byHour) acc(hour).waitLists.push(h.list);
    }
  }

  const rows = [...groups].map(([key, a]) => row(key, a, targetMs)).sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return { from: new Date(req.from).toISOString(), to: new Date(req.to).toISOString(), groupBy: g, rows, imbalance: dailyImbalanceOf(d.windows, hall) };
}
