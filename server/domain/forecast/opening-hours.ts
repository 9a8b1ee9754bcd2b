// The hall's opening hours for the forecast: no arrivals are forecast while the hall is closed.
// Given in hall-local time as ISO weekday (1 = Monday … 7 = Sunday) and "HH:MM" (to is exclusive,
// "24:00" allowed). A hall without opening hours (undefined or an empty list) is open around the clock —
// an empty list is read as "not configured", never as "always closed", so a config slip cannot silence
// every warning.

export interface OpeningHours {
  weekday: number;
  from: string;
  to: string;
}

/** Minutes in a week: minute-of-week = (weekday − 1) × 1440 + minute of the local day. */
export const WEEK_MINUTES = 7 * 1440;

/** "HH:MM" → minutes since local midnight (00:00–24:00); throws on anything else. */
export function minuteOfDay(text: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) throw new RangeError(`expected "HH:MM", got "${text}"`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) throw new RangeError(`expected "HH:MM", got "${text}"`);
  return h * 60 + min;
}

/** Open intervals as [start, end) in minutes of the week, checked once (the caller may cache it). */
export interface OpeningSchedule {
  /** null: open around the clock. */
  intervals: readonly { start: number; end: number }[] | null;
}

export function openingSchedule(hours: readonly OpeningHours[] | undefined): OpeningSchedule {
  if (!hours || hours.length === 0) return { intervals: null };
  const intervals = hours.map((h) => {
    if (!Number.isInteger(h.weekday) || h.weekday < 1 || h.weekday > 7) throw new RangeError(`weekday must be 1–7, got ${h.weekday}`);
    const from = minuteOfDay(h.from);
    const to = minuteOfDay(h.to);
    if (to <= from) throw new RangeError(`opening hours ${h.from}–${h.to} end before they start`);
    const base = (h.weekday - 1) * 1440;
    return { start: base + from, end: base + to };
  });
  return { intervals };
}

/** Whether the hall is open at `minuteOfWeek` (wrapped into the week). */
export function isOpenAt(schedule: OpeningSchedule, minuteOfWeek: number): boolean {
  if (schedule.intervals === null) return true;
  const m = ((minuteOfWeek % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES;
  return schedule.intervals.some((iv) => m >= iv.start && m < iv.end);
}

/** Share of the minute-of-week span [from, to) during which the hall is open (0–1), at minute resolution. */
export function openShare(schedule: OpeningSchedule, from: number, to: number): number {
  if (to <= from) return 0;
  if (schedule.intervals === null) return 1;
  let open = 0;
  for (let m = Math.floor(from); m < to; m++) {
    const part = Math.min(m + 1, to) - Math.max(m, from);
    if (part > 0 && isOpenAt(schedule, m)) open += part;
  }
  return open / (to - from);
}
