// A province's offered load (issue #11's example), estimated from the simulator's busy hall and set against
// what one PostgreSQL node took in the scale-out run (bench/scale-out.ts); bench/province*.ts reuses the
// province and the busy hall's rates.
import { demoSimParams } from "../simulator/demo-hall.js";
import { simulateHallDay } from "../simulator/generate-day.js";
import { utcMidnight, zoneOffsetMinutes } from "../simulator/local-time.js";
import { BENCH_HALL, BENCH_HALL_ID, BUSY_SCALE } from "./datasets.js";
import type { Row } from "./report.js";
import type { ConfigRun } from "./scale-out-measure.js";
import { hallDayRates, provinceLoad, type HallDayRates, type ProvinceShape } from "./scale-out-plan.js";
import { ratio, round } from "./stats.js";

/** The province of the estimate (issue #11's example): 60 county halls × 30 windows, ~20 displays each. */
export const PROVINCE = { halls: 60, windowsPerHall: 30, displaysPerHall: 20 } as const;

/** Event rates of the simulator's busy hall (demo county hall, scale 2) over the weekdays of one week; the busiest day. */
export function busyHallRates(): HallDayRates & { date: string; days: number } {
  let best: (HallDayRates & { date: string }) | null = null;
  const dates = ["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"];
  for (const date of dates) {
    const offset = zoneOffsetMinutes(BENCH_HALL.timezone, utcMidnight(date) + 12 * 3_600_000);
    const events = simulateHallDay({ hall: BENCH_HALL, hallId: BENCH_HALL_ID, date, seed: 7, scale: BUSY_SCALE, utcOffsetMinutes: offset, params: demoSimParams }).events;
    const r = { ...hallDayRates(events.map((e) => Date.parse(e.ts)), BENCH_HALL.windows.length), date };
    if (!best || r.perWindowHourPeak > best.perWindowHourPeak) best = r;
  }
  if (!best) throw new Error("no simulated day");
  return { ...best, days: dates.length };
}

/** The province's offered load against what one PostgreSQL node (`pg1`) took in this run: its row and its details. */
export function provinceEstimate(pg1: ConfigRun) {
  const hall = busyHallRates();
  const shape: ProvinceShape = { ...PROVINCE, eventsPerWindowHour: hall.perWindowHourPeak };
  const province = provinceLoad(shape);
  const peakMinutePerSecond = (hall.peakMinuteEvents / hall.windows) * PROVINCE.windowsPerHall * PROVINCE.halls / 60;
  const row: Row = {
    bench: "scale-out",
    figure: `province estimate: ${PROVINCE.halls} halls × ${PROVINCE.windowsPerHall} windows × ${round(hall.perWindowHourPeak)} events/window/h (busy hall's peak hour)`,
    value: province.eventsPerSecond,
    unit: "ev/s",
    baseline: { name: `measured ${pg1.label}`, value: pg1.ingest.eventsPerSecond },
    ratio: ratio(province.eventsPerSecond, pg1.ingest.eventsPerSecond),
    note: `busiest minute ≈ ${round(peakMinutePerSecond)} ev/s; ${province.displays} displays (${PROVINCE.displaysPerHall} a hall) ≤ ${Math.round(province.displayUpdatesPerSecond)} display updates/s; the simulator's busy hall: ${hall.events} events on ${hall.date} over ${round(hall.spanHours)} h, ${hall.windows} windows`,
  };
  return { row, details: { shape, load: province, busyHall: hall, peakMinutePerSecond } };
}
