// Where an instant falls in the hall's local week: the forecast works in 15-minute slots of the local
// day (as today's series and the rollups do) and checks opening hours by minute of the local week.
import { localParts, startOfLocalDay } from "../../../contract/index.js";

export const SLOT_MINUTES = 15;
export const SLOT_MS = SLOT_MINUTES * 60_000;
export const SLOTS_PER_DAY = 1440 / SLOT_MINUTES;

export interface LocalClock {
  /** Epoch ms of the local midnight that starts the day. */
  dayStart: number;
  /** ISO weekday of the local day: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes since local midnight (fractional), measured as elapsed time like today's series. */
  minute: number;
}

export function localClock(ms: number, timeZone: string): LocalClock {
  const dayStart = startOfLocalDay(ms, timeZone);
  const p = localParts(ms, timeZone);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  return { dayStart, weekday: d === 0 ? 7 : d, minute: (ms - dayStart) / 60_000 };
}

/** The slot of a minute of the day; minutes past midnight wrap onto the same day profile. */
export function slotOf(minuteOfDay: number): number {
  const m = ((minuteOfDay % 1440) + 1440) % 1440;
  return Math.min(SLOTS_PER_DAY - 1, Math.floor(m / SLOT_MINUTES));
}
