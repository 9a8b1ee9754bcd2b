// The shape of a hall day: opening hours, the lunch break, and the relative arrival intensity by
// minute of the local day (morning peak 09:30–10:30, lunch dip, afternoon peak 14:30–15:30).

export type DayKind = "weekday" | "saturday" | "closed";

/** Times in minutes since local midnight. */
export interface DaySchedule {
  /** The ticket kiosks switch on (people queue at the door before the windows open). */
  ticketsFrom: number;
  /** 取号截止: no ticket is issued from this minute on. */
  ticketsUntil: number;
  /** Windows open. */
  opens: number;
  /** Lunch break (windows pause, a few stay on duty); null when there is none. */
  lunch: { start: number; end: number } | null;
  /** Regular closing; windows still serving waiting tickets stay open past it (延时服务)… */
  closes: number;
  /** …but never past this. */
  hardStop: number;
}

/** "HH:MM" → minutes since midnight. */
export function hhmm(text: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) throw new Error(`expected a time like "09:30", got "${text}"`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) throw new Error(`expected a time like "09:30", got "${text}"`);
  return h * 60 + min;
}

export const WEEKDAY_SCHEDULE: DaySchedule = {
  ticketsFrom: hhmm("08:15"),
  ticketsUntil: hhmm("17:00"),
  opens: hhmm("08:30"),
  lunch: { start: hhmm("12:00"), end: hhmm("13:30") },
  closes: hhmm("17:30"),
  hardStop: hhmm("18:30"),
};

/** 周末不打烊: a few windows on Saturday mornings. */
export const SATURDAY_SCHEDULE: DaySchedule = {
  ticketsFrom: hhmm("09:00"),
  ticketsUntil: hhmm("11:30"),
  opens: hhmm("09:00"),
  lunch: null,
  closes: hhmm("12:00"),
  hardStop: hhmm("12:30"),
};

/** Weekday of a "YYYY-MM-DD" date: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`expected a date like "2026-11-24", got "${date}"`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.getUTCDate() !== Number(m[3])) throw new Error(`no such date "${date}"`);
  return d.getUTCDay();
}

export function dayKindOf(date: string): DayKind {
  const wd = weekdayOf(date);
  return wd === 0 ? "closed" : wd === 6 ? "saturday" : "weekday";
}

export function scheduleFor(kind: DayKind): DaySchedule | null {
  return kind === "weekday" ? WEEKDAY_SCHEDULE : kind === "saturday" ? SATURDAY_SCHEDULE : null;
}

/** Mondays are the busiest day of a hall's week, Friday afternoons the quietest. */
const WEEKDAY_DEMAND = [0, 1.15, 1.05, 1.0, 0.95, 0.85, 0.08];

/** Demand of the date relative to an average weekday (Saturday ≈ 8 %, Sunday 0). */
export function dayDemandFactor(date: string): number {
  return WEEKDAY_DEMAND[weekdayOf(date)] ?? 0;
}

// Knots of the piecewise-linear intensity: [minute, relative arrivals per minute].
const WEEKDAY_KNOTS: [number, number][] = [
  [hhmm("08:15"), 1.3], // people waiting at the door when the kiosks switch on
  [hhmm("08:30"), 1.1],
  [hhmm("09:00"), 1.3],
  [hhmm("09:30"), 1.8],
  [hhmm("10:30"), 1.8],
  [hhmm("11:00"), 1.3],
  [hhmm("11:30"), 0.8],
  [hhmm("12:00"), 0.25],
  [hhmm("12:15"), 0.12],
  [hhmm("13:15"), 0.15],
  [hhmm("13:30"), 0.7],
  [hhmm("14:00"), 1.0],
  [hhmm("14:30"), 1.5],
  [hhmm("15:30"), 1.5],
  [hhmm("16:00"), 1.1],
  [hhmm("16:30"), 0.75],
  [hhmm("17:00"), 0.4],
];

const SATURDAY_KNOTS: [number, number][] = [
  [hhmm("09:00"), 0.6],
  [hhmm("09:30"), 1.0],
  [hhmm("10:30"), 1.0],
  [hhmm("11:30"), 0.4],
];

function interpolate(knots: readonly [number, number][], minute: number): number {
  const first = knots[0];
  if (!first || minute < first[0]) return 0;
  for (let i = 1; i < knots.length; i++) {
    const [x1, y1] = knots[i] as [number, number];
    if (minute < x1) {
      const [x0, y0] = knots[i - 1] as [number, number];
      return y0 + ((y1 - y0) * (minute - x0)) / (x1 - x0);
    }
  }
  return 0;
}

/**
 * Relative arrival intensity at `minute` (minutes since local midnight, fractions allowed): 0 outside
 * ticket hours, about 1 on an ordinary weekday minute, 1.8 at the morning peak.
 */
export function arrivalIntensity(minute: number, kind: DayKind = "weekday"): number {
  const schedule = scheduleFor(kind);
  if (!schedule || minute < schedule.ticketsFrom || minute >= schedule.ticketsUntil) return 0;
  return interpolate(kind === "weekday" ? WEEKDAY_KNOTS : SATURDAY_KNOTS, minute);
}

/** The intensity per whole minute of the day (1440 entries), normalised to sum to 1 (all 0 when closed). */
export function minuteShares(kind: DayKind): number[] {
  const out: number[] = new Array<number>(1440).fill(0);
  let total = 0;
  for (let m = 0; m < 1440; m++) {
    const v = arrivalIntensity(m + 0.5, kind);
    out[m] = v;
    total += v;
  }
  if (total > 0) for (let m = 0; m < 1440; m++) out[m] = (out[m] as number) / total;
  return out;
}
