// The second rollup level: one hall-local day folded from its 15-minute buckets — per window, per
// category, per local hour, and the day's waits grouped by category, first-call window and hour (sorted,
// exact). A year of history then reads a few thousand rows instead of hundreds of thousands.
import { localParts } from "../../../contract/index.js";
import type { MonthWaitGroup } from "./month-waits.js";
import type { CategoryBucket, Rollup, WindowBucket } from "./rollup.js";

export type WindowDay = Omit<WindowBucket, "bucket"> & { day: string };
export type CategoryDay = Omit<CategoryBucket, "bucket"> & { day: string };

/** All windows of the hall in one local hour of the day (for hour, weekday and day groupings). */
export interface HourDay {
  day: string;
  hour: number;
  weekday: number;
  openMs: number;
  busyMs: number;
  served: number;
  noShows: number;
  handleMsSum: number;
  handleCount: number;
  ratingSum: number;
  ratingCount: number;
  poorRatings: number;
  arrivals: number;
}

export interface WaitGroup {
  day: string;
  categoryId: string;
  windowId: string;
  weekday: number;
  /** Waits in ms. */
  waits: ArrayLike<number>;
  /** The local hour of each wait's first call (parallel to `waits`). */
  hours: ArrayLike<number>;
}

export interface DayRollup {
  windows: WindowDay[];
  categories: CategoryDay[];
  hours: HourDay[];
  waits: WaitGroup[];
  /**
   * Whole months' waits (month-waits.ts), in place of those months' day groups in `waits`: only from a
   * reader asked for them (`readDays(…, true)`) and only read by aggregateDays.
   */
  monthWaits?: MonthWaitGroup[];
}

const WINDOW_SUMS = ["openMs", "busyMs", "served", "handleMsSum", "handleCount", "ratingSum", "ratingCount", "poorRatings", "noShows", "firstCalls"] as const;
const CATEGORY_SUMS = ["arrivals", "firstCalls", "waitMsSum", "served", "handleMsSum", "handleCount", "ratingSum", "ratingCount", "poorRatings", "noShows"] as const;

export function localSlot(ms: number, tz: string): { day: string; hour: number; weekday: number } {
  const p = localParts(ms, tz);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  return { day: `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`, hour: p.hour, weekday: d === 0 ? 7 : d };
}

export function foldDay(rollup: Rollup, tz: string): DayRollup {
  const slots = new Map<number, ReturnType<typeof localSlot>>();
  const slot = (bucket: number) => {
    let s = slots.get(bucket);
    if (!s) {
      s = localSlot(bucket, tz);
      slots.set(bucket, s);
    }
    return s;
  };
  const windows = new Map<string, WindowDay>();
  const hours = new Map<string, HourDay>();
  const hourOf = (bucket: number) => {
    const s = slot(bucket);
    const key = `${s.day} ${s.hour}`;
    let h = hours.get(key);
    if (!h) {
      h = { day: s.day, hour: s.hour, weekday: s.weekday, openMs: 0, busyMs: 0, served: 0, noShows: 0, handleMsSum: 0, handleCount: 0, ratingSum: 0, ratingCount: 0, poorRatings: 0, arrivals: 0 };
      hours.set(key, h);
    }
    return h;
  };
  for (const w of rollup.windows) {
    const { day } = slot(w.bucket);
    const key = `${day} ${w.windowId}`;
    let d = windows.get(key);
    if (!d) {
      d = { day, windowId: w.windowId, openMs: 0, busyMs: 0, served: 0, handleMsSum: 0, handleCount: 0, ratingSum: 0, ratingCount: 0, poorRatings: 0, noShows: 0, firstCalls: 0 };
      windows.set(key, d);
    }
    for (const f of WINDOW_SUMS) d[f] += w[f];
    const h = hourOf(w.bucket);
    h.openMs += w.openMs;
    h.busyMs += w.busyMs;
    h.served += w.served;
    h.noShows += w.noShows;
    h.handleMsSum += w.handleMsSum;
    h.handleCount += w.handleCount;
    h.ratingSum += w.ratingSum;
    h.ratingCount += w.ratingCount;
    h.poorRatings += w.poorRatings;
  }
  const categories = new Map<string, CategoryDay>();
  for (const c of rollup.categories) {
    const { day } = slot(c.bucket);
    const key = `${day} ${c.categoryId}`;
    let d = categories.get(key);
    if (!d) {
      d = { day, categoryId: c.categoryId, arrivals: 0, firstCalls: 0, waitMsSum: 0, waitMsMax: 0, served: 0, handleMsSum: 0, handleCount: 0, ratingSum: 0, ratingCount: 0, poorRatings: 0, noShows: 0 };
      categories.set(key, d);
    }
    for (const f of CATEGORY_SUMS) d[f] += c[f];
    d.waitMsMax = Math.max(d.waitMsMax, c.waitMsMax);
    hourOf(c.bucket).arrivals += c.arrivals;
  }
  const waits = new Map<string, { day: string; categoryId: string; windowId: string; weekday: number; waits: number[]; hours: number[] }>();
  for (const s of rollup.waits) {
    const { day, hour, weekday } = slot(s.bucket);
    const key = `${day} ${s.categoryId} ${s.windowId}`;
    let g = waits.get(key);
    if (!g) {
      g = { day, categoryId: s.categoryId, windowId: s.windowId, weekday, waits: [], hours: [] };
      waits.set(key, g);
    }
    g.waits.push(s.waitMs);
    g.hours.push(hour);
  }
  return { windows: [...windows.values()], categories: [...categories.values()], hours: [...hours.values()], waits: [...waits.values()] };
}

/** One window's open and busy time in one local hour of a period (a day, or summed over days). */
export interface WindowHourCell {
  windowId: string;
  weekday: number;
  hour: number;
  openMs: number;
  busyMs: number;
}

/** One category's arrivals and handling times (tickets issued in it) in one local hour. */
export interface CategoryHourCell {
  categoryId: string;
  weekday: number;
  hour: number;
  arrivals: number;
  handleMsSum: number;
  handleCount: number;
}

/** What staffing and the heatmaps read: all their sums are whole milliseconds or counts, so exact in any order. */
export interface HourCells {
  windows: WindowHourCell[];
  categories: CategoryHourCell[];
}

export type WindowHourDay = WindowHourCell & { day: string };
export type CategoryHourDay = CategoryHourCell & { day: string };

/**
 * The 15-minute buckets folded by local day, window/category and hour (the same local slot of each bucket
 * as foldDay). Rows with nothing to add are left out.
 */
export function foldHourCells(rollup: Pick<Rollup, "windows" | "categories">, tz: string): { windows: WindowHourDay[]; categories: CategoryHourDay[] } {
  const slots = new Map<number, ReturnType<typeof localSlot>>();
  const slot = (bucket: number) => {
    let s = slots.get(bucket);
    if (!s) {
      s = localSlot(bucket, tz);
      slots.set(bucket, s);
    }
    return s;
  };
  const windows = new Map<string, WindowHourDay>();
  for (const w of rollup.windows) {
    if (w.openMs === 0 && w.busyMs === 0) continue;
    const { day, hour, weekday } = slot(w.bucket);
    const key = `${day} ${hour} ${w.windowId}`;
    let x = windows.get(key);
    if (!x) {
      x = { day, windowId: w.windowId, hour, weekday, openMs: 0, busyMs: 0 };
      windows.set(key, x);
    }
    x.openMs += w.openMs;
    x.busyMs += w.busyMs;
  }
  const categories = new Map<string, CategoryHourDay>();
  for (const c of rollup.categories) {
    if (c.arrivals === 0 && c.handleMsSum === 0 && c.handleCount === 0) continue;
    const { day, hour, weekday } = slot(c.bucket);
    const key = `${day} ${hour} ${c.categoryId}`;
    let x = categories.get(key);
    if (!x) {
      x = { day, categoryId: c.categoryId, hour, weekday, arrivals: 0, handleMsSum: 0, handleCount: 0 };
      categories.set(key, x);
    }
    x.arrivals += c.arrivals;
    x.handleMsSum += c.handleMsSum;
    x.handleCount += c.handleCount;
  }
  return { windows: [...windows.values()], categories: [...categories.values()] };
}
