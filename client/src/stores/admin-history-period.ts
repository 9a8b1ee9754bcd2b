// Periods of the allocation review pages, as hall-local calendar dates (YYYY-MM-DD, both ends included):
// the presets 日/周/月/年 end yesterday in the hall's time zone (today is not over yet), the custom period
// is checked before it is asked for, and the monthly report defaults to the last full month. Pure.
import { isCalendarDate, localDate } from "../../../contract/index.js";

export const PERIOD_PRESETS = ["day", "week", "month", "year", "custom"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** Days of each preset, ending yesterday. */
export const PRESET_DAYS: Record<Exclude<PeriodPreset, "custom">, number> = { day: 1, week: 7, month: 30, year: 365 };

/** The longest period the server answers (a year with both ends included, leap years too). */
export const MAX_PERIOD_DAYS = 367;

export interface Period {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const utcOf = (day: string) => {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
};
const dayOf = (utc: number) => new Date(utc).toISOString().slice(0, 10);

/** `day` moved by `n` calendar days (negative: back). */
export const addDays = (day: string, n: number): string => dayOf(utcOf(day) + n * DAY_MS);

/** Days from `from` to `to`, both included (0 when `to` is before `from`). */
export const daysIn = (p: Period): number => Math.max(0, Math.round((utcOf(p.to) - utcOf(p.from)) / DAY_MS) + 1);

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function isoWeekday(day: string): number {
  const d = new Date(utcOf(day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Today's date in the hall's time zone. */
export const hallToday = (timeZone: string, now = Date.now()): string => localDate(now, timeZone);

/** The period of a preset: its number of days ending the day before `today` (hall-local). */
export function presetPeriod(preset: Exclude<PeriodPreset, "custom">, today: string): Period {
  const to = addDays(today, -1);
  return { from: addDays(to, -(PRESET_DAYS[preset] - 1)), to };
}

export type PeriodProblem = "missing" | "order" | "tooLong" | "future";

/** Why a custom period cannot be asked for, or null when it can. */
export function periodProblem(p: Period, today: string): PeriodProblem | null {
  if (!isCalendarDate(p.from) || !isCalendarDate(p.to)) return "missing";
  if (p.from > p.to) return "order";
  if (p.to > today) return "future";
  if (daysIn(p) > MAX_PERIOD_DAYS) return "tooLong";
  return null;
}

/** The month before `YYYY-MM`. */
export function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** The month after `YYYY-MM`. */
export function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/** The last full month before the hall-local `today` (2026-11-26 → 2026-10). */
export const lastFullMonth = (today: string): string => previousMonth(today.slice(0, 7));

export const isMonth = (s: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
