// Working days on the official PRC calendar: public holidays and make-up working days (调休) for the
// years the State Council has announced, plus years an administrator entered. A date in a year without
// official data falls back to Monday–Friday and is marked provisional, so that every result that
// depends on it can say so honestly.

export interface CalendarYearData {
  year: number;
  /** Days off that would otherwise be working days (YYYY-MM-DD). */
  holidays: readonly string[];
  /** Weekend days that are working days (调休上班). */
  workdays: readonly string[];
  /** Where the year's data comes from: the package of official data, or an administrator. */
  source: "official" | "admin";
}

export interface DayVerdict {
  working: boolean;
  /** True when the date's year has no official or administrator data (weekday fallback). */
  provisional: boolean;
}

export interface WorkingDayResult {
  date: string;
  provisional: boolean;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcDays(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new Error(`expected YYYY-MM-DD, got "${date}"`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

function dateOf(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

export class WorkingCalendar {
  private readonly holidays = new Set<string>();
  private readonly workdays = new Set<string>();
  private readonly years = new Map<number, CalendarYearData["source"]>();

  /** Later entries win for the same year (administrator data replaces the package's). */
  constructor(data: readonly CalendarYearData[]) {
    const byYear = new Map<number, CalendarYearData>();
    for (const y of data) byYear.set(y.year, y);
    for (const y of byYear.values()) {
      this.years.set(y.year, y.source);
      for (const d of y.holidays) if (d.startsWith(`${y.year}-`)) this.holidays.add(d);
      for (const d of y.workdays) if (d.startsWith(`${y.year}-`)) this.workdays.add(d);
    }
  }

  coveredYears(): { year: number; source: CalendarYearData["source"] }[] {
    return [...this.years].sort((a, b) => a[0] - b[0]).map(([year, source]) => ({ year, source }));
  }

  isCovered(year: number): boolean {
    return this.years.has(year);
  }

  day(date: string): DayVerdict {
    const days = utcDays(date);
    const year = Number(date.slice(0, 4));
    const weekday = new Date(days * 86_400_000).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    if (!this.years.has(year)) return { working: !weekend, provisional: true };
    if (this.holidays.has(date)) return { working: false, provisional: false };
    if (this.workdays.has(date)) return { working: true, provisional: false };
    return { working: !weekend, provisional: false };
  }

  /**
   * The date `n` working days after `date` (n ≥ 1): the deadline of "within n working days of `date`".
   * Provisional when any day walked over lies in a year without data.
   */
  addWorkingDays(date: string, n: number): WorkingDayResult {
    let days = utcDays(date);
    let left = n;
    let provisional = false;
    while (left > 0) {
      days += 1;
      const v = this.day(dateOf(days));
      provisional ||= v.provisional;
      if (v.working) left -= 1;
    }
    return { date: dateOf(days), provisional };
  }

  /** Working days in (from, to]: 0 when `to` ≤ `from`. */
  workingDaysBetween(from: string, to: string): { count: number; provisional: boolean } {
    let count = 0;
    let provisional = false;
    for (let d = utcDays(from) + 1; d <= utcDays(to); d++) {
      const v = this.day(dateOf(d));
      provisional ||= v.provisional;
      if (v.working) count += 1;
    }
    return { count, provisional };
  }
}
