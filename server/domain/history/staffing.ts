// Staffing recommendation: per category, ISO weekday and hour of the day, the arrival rate and mean
// handling time of the last N weeks, and the windows the Erlang C formula says are needed for the
// target (e.g. 80% called within waitMinutes) — next to the windows that were actually open.
import type { HallConfig, StaffingRow } from "../../../contract/index.js";
import { serversNeeded } from "../queueing/erlang-c.js";
import type { HourCells } from "./day-rollup.js";

const HOUR_MS = 3_600_000;

export interface StaffingRequest {
  /** Weeks observed: each weekday-hour occurred this many times. */
  weeks: number;
  /** Share of tickets to call within the hall's waitMinutes (0–1). */
  target: number;
}

/** From the period's cells by local weekday and hour (hourCellsOf: day level plus partial edge days). */
export function staffingRows(cellsIn: HourCells, hall: HallConfig, req: StaffingRequest): StaffingRow[] {
  const waitSeconds = hall.targets.waitMinutes * 60;
  const cells = new Map<string, { weekday: number; hour: number; categoryId: string; arrivals: number; handleMsSum: number; handleCount: number; openMs: number }>();
  const cell = (weekday: number, hour: number, categoryId: string) => {
    const key = `${weekday}\u0000${hour}\u0000${categoryId}`;
    let c = cells.get(key);
    if (!c) {
      c = { weekday, hour, categoryId, arrivals: 0, handleMsSum: 0, handleCount: 0, openMs: 0 };
      cells.set(key, c);
    }
    return c;
  };
  for (const c of cellsIn.categories) {
    const x = cell(c.weekday, c.hour, c.categoryId);
    x.arrivals += c.arrivals;
    x.handleMsSum += c.handleMsSum;
    x.handleCount += c.handleCount;
  }
  // Windows open for a category: each window counts for every category it is configured to serve.
  const served = new Map(hall.windows.map((w) => [w.id, w.categories]));
  for (const w of cellsIn.windows) {
    if (w.openMs === 0) continue;
    for (const categoryId of served.get(w.windowId) ?? []) cell(w.weekday, w.hour, categoryId).openMs += w.openMs;
  }
  const weeks = Math.max(1, req.weeks);
  return [...cells.values()]
    .filter((c) => c.arrivals > 0 || c.openMs > 0)
    .map((c) => {
      const arrivalsPerHour = c.arrivals / weeks;
      const avgHandleSeconds = c.handleCount > 0 ? c.handleMsSum / c.handleCount / 1000 : null;
      const needed = avgHandleSeconds === null || arrivalsPerHour === 0 ? 0 : serversNeeded({ arrivalRate: arrivalsPerHour / 3600, meanServiceSeconds: avgHandleSeconds }, waitSeconds, req.target);
      return { weekday: c.weekday, hour: c.hour, categoryId: c.categoryId, arrivalsPerHour, avgHandleSeconds, needed, hadOpen: c.openMs / (weeks * HOUR_MS) };
    })
    .sort((a, b) => a.weekday - b.weekday || a.hour - b.hour || (a.categoryId < b.categoryId ? -1 : a.categoryId > b.categoryId ? 1 : 0));
}
