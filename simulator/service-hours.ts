// Window time of a day: when the windows serve (lunch excluded), used to predict a queue's wait at the kiosk.
import type { DaySchedule } from "./day-profile.js";

export const SEC = 1000;
export const MIN = 60 * SEC;

/** [from, to) in ms since local midnight; the windows stop taking tickets a little before the hard stop. */
export type ServicePeriods = [number, number][];

export function servicePeriodsOf(schedule: DaySchedule, hardStop: number): ServicePeriods {
  return schedule.lunch
    ? [[schedule.opens * MIN, schedule.lunch.start * MIN], [schedule.lunch.end * MIN, hardStop - 15 * MIN]]
    : [[schedule.opens * MIN, hardStop - 10 * MIN]];
}

/** When `serviceMs` of window time after `t` will have passed (lunch skipped); Infinity past the day. */
export function afterServiceTime(periods: ServicePeriods, t: number, serviceMs: number): number {
  let left = serviceMs;
  for (const [a, b] of periods) {
    const from = Math.max(a, t);
    if (from >= b) continue;
    if (from + left <= b) return from + left;
    left -= b - from;
  }
  return Infinity;
}
