// The third rollup level, for waits only (issue #8): a whole hall-local month's waits per category and
// first-call window, joined from its days' WaitDay groups, with each wait's hour and day of the month. A
// year's history then reads ~300 wait rows instead of ~9,000 — reading the day rows' blobs was most of a
// year query. The sums stay per day (a year of them is cheap, and the daily imbalance needs the days).
// Every figure over waits is a nearest-rank percentile or a count, so joining changes none (tested).
import type { WaitGroup } from "./day-rollup.js";
import type { PriorityWaitDay } from "./floor-days.js";

export interface MonthWaitGroup {
  /** "YYYY-MM", hall-local. */
  month: string;
  categoryId: string;
  windowId: string;
  /** Waits in ms. */
  waits: ArrayLike<number>;
  /** The local hour of each wait's first call (parallel to `waits`). */
  hours: ArrayLike<number>;
  /** The day of the month of each wait's first call, 1–31 (parallel to `waits`). */
  days: ArrayLike<number>;
}

export type PriorityWaitMonth = Omit<PriorityWaitDay, "day"> & { month: string };

export const monthOf = (day: string): string => day.slice(0, 7);

/** The first and last local date ("YYYY-MM-DD") of a month. */
export function monthDays(month: string): { first: string; last: string } {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(lastDay).padStart(2, "0")}` };
}

/** The whole months within the days fromDay … toDay (inclusive), as the first and last of them (null: none). */
export function wholeMonths(fromDay: string, toDay: string): { first: string; last: string } | null {
  let first = monthOf(fromDay);
  if (monthDays(first).first !== fromDay) first = nextMonth(first);
  let last = monthOf(toDay);
  if (monthDays(last).last !== toDay) last = previousMonth(last);
  return first <= last ? { first, last } : null;
}

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** Weekday 1 (Monday) … 7 (Sunday) of a day of a month, as localSlot numbers them. */
export function weekdayOf(month: string, dayOfMonth: number): number {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1, dayOfMonth)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** One month's day groups joined per category and window (keys in order; the days' order inside). */
export function joinMonthWaits(month: string, days: readonly WaitGroup[]): MonthWaitGroup[] {
  const byKey = new Map<string, WaitGroup[]>();
  for (const g of days) {
    if (monthOf(g.day) !== month) continue;
    const key = `${g.categoryId}\u0000${g.windowId}`;
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(g);
  }
  return [...byKey.keys()].sort().map((key) => {
    const list = (byKey.get(key) as WaitGroup[]).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    const n = list.reduce((sum, g) => sum + g.waits.length, 0);
    const waits = new Float64Array(n);
    const hours = new Uint8Array(n);
    const dayNumbers = new Uint8Array(n);
    let at = 0;
    for (const g of list) {
      waits.set(g.waits, at);
      hours.set(g.hours, at);
      dayNumbers.fill(Number(g.day.slice(8, 10)), at, at + g.waits.length);
      at += g.waits.length;
    }
    const first = list[0] as WaitGroup;
    return { month, categoryId: first.categoryId, windowId: first.windowId, waits, hours, days: dayNumbers };
  });
}

/** One month's priority-wait day groups joined per category and priority (ascending, as the days' are). */
export function joinMonthPriority(month: string, days: readonly PriorityWaitDay[]): PriorityWaitMonth[] {
  const byKey = new Map<string, PriorityWaitDay[]>();
  for (const g of days) {
    if (monthOf(g.day) !== month) continue;
    const key = `${g.categoryId}\u0000${g.priority}`;
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(g);
  }
  return [...byKey.keys()].sort().map((key) => {
    const list = byKey.get(key) as PriorityWaitDay[];
    const waits = new Float64Array(list.reduce((sum, g) => sum + g.waits.length, 0));
    let at = 0;
    for (const g of list) {
      waits.set(g.waits, at);
      at += g.waits.length;
    }
    const first = list[0] as PriorityWaitDay;
    return { month, categoryId: first.categoryId, priority: first.priority, waits: waits.sort() };
  });
}
