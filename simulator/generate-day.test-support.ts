// Shared by the day generator's tests (generate-day.*.test.ts): the demo hall's generator with a seed, a
// Tuesday, the weekdays of two weeks (for rates) and a local hour read from an event's own timestamp.
import type { HallEvent } from "../contract/index.js";
import { DEMO_HALL_ID, demoHall } from "./demo-hall.js";
import { generateHallDay } from "./generate-day.js";
import { addDays } from "./local-time.js";

export const TUESDAY = "2026-11-24";
export const gen = (date: string, seed = 1, extra: Partial<Parameters<typeof generateHallDay>[0]> = {}) =>
  generateHallDay({ hall: demoHall, hallId: DEMO_HALL_ID, date, seed, ...extra });

/** Ten weekdays from Monday 2026-11-23, for rates. */
export const WEEKDAYS = Array.from({ length: 14 }, (_, i) => addDays("2026-11-23", i)).filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));

/** The Tuesday (seed 1) and the ten weekdays (seeds 100…109); generated in each file's beforeAll. */
export function sampleDays(): { day: HallEvent[]; many: HallEvent[][] } {
  return { day: gen(TUESDAY), many: WEEKDAYS.map((d, i) => gen(d, 100 + i)) };
}

export function localHour(e: HallEvent): number {
  // ts carries +08:00, so the wall-clock time is in the string itself.
  return Number(e.ts.slice(11, 13)) + Number(e.ts.slice(14, 16)) / 60;
}
