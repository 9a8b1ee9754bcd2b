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
    for (const w of d.waits) {
      if (g !== "hour") addWaits(keyOf({ hour: 0, weekday: w.weekday, day: w.day }), w.waits);
      else for (let i = 0; i < w.waits.length; i++) acc(w.hours[i] as number).waits.push(w.waits[i] as number);
    }
  }

  const rows = [...groups].map(([key, a]) => row(key, a, targetMs)).sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return { from: new Date(req.from).toISOString(), to: new Date(req.to).toISOString(), groupBy: g, rows, imbalance: dailyImbalanceOf(d.windows, hall) };
}
