// Whether a hall is open now, for the public page: the hall's opening hours (hall-local ISO weekday and
// "HH:MM") on the official working-day calendar. A public holiday closes the hall all day; a weekend day
// worked by the calendar (调休上班) keeps the hall's working-day hours (those of the first of Monday–Friday
// that has any); a date whose year the calendar does not know is stated as calendar_unknown — whether it
// is a holiday is never guessed. A hall without opening hours is open around the clock, whatever the day.
import { localDate, type HallConfig } from "../../../contract/index.js";
import type { PublicOpenNow, PublicOpenStatus } from "../../../contract/public.js";
import type { WorkingCalendar } from "../calendar/working-calendar.js";
import { localClock } from "../forecast/local-clock.js";
import { minuteOfDay } from "../forecast/opening-hours.js";

type Hours = NonNullable<HallConfig["openingHours"]>;

const hoursOf = (hours: Hours, weekday: number) => hours.filter((h) => h.weekday === weekday).map((h) => ({ from: h.from, to: h.to })).sort((a, b) => (a.from < b.from ? -1 : 1));

/** The hours a make-up working day keeps: those of the first weekday (Monday–Friday) that has any. */
function workingDayHours(hours: Hours) {
  for (let d = 1; d <= 5; d++) {
    const h = hoursOf(hours, d);
    if (h.length > 0) return h;
  }
  return [];
}

export function openNow(hall: Pick<HallConfig, "timezone" | "openingHours">, calendar: WorkingCalendar, now: number): PublicOpenNow {
  const date = localDate(now, hall.timezone);
  const clock = localClock(now, hall.timezone);
  const verdict = calendar.day(date);
  const weekend = clock.weekday >= 6;
  const makeUpDay = !verdict.provisional && verdict.working && weekend;
  const hours = hall.openingHours;
  if (!hours || hours.length === 0) return { status: "open", open: true, date, todayHours: null, makeUpDay };
  if (verdict.provisional) return { status: "calendar_unknown", open: null, date, todayHours: hoursOf(hours, clock.weekday), makeUpDay: false };
  if (!verdict.working && !weekend) return { status: "holiday", open: false, date, todayHours: [], makeUpDay: false };
  const todayHours = makeUpDay ? workingDayHours(hours) : hoursOf(hours, clock.weekday);
  const minute = clock.minute;
  const inside = todayHours.some((h) => minute >= minuteOfDay(h.from) && minute < minuteOfDay(h.to));
  const status: PublicOpenStatus = inside ? "open" : "closed";
  return { status, open: inside, date, todayHours, makeUpDay };
}
