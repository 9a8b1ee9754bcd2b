// The shared data of the hour-cells-query.*.test.ts files, which check that staffing, both heatmaps and the
// monthly report read from day-level rollups (hourCellsOf, daysOf) give the figures of the previous
// bucket-based implementations (each file keeps its reference). Here: simulated days with their buckets,
// their day level and hour cells exactly as RollupStore.writeDay stores them behind a counting
// RollupReader, and the two cases — Asia/Shanghai, and New York across the end of daylight saving time.
import { localDayRange, localParts, resolvedTargets, type HallConfig } from "../../contract/index.js";
import { DEMO_HALL_ID, demoHall, demoSimParams } from "../../simulator/demo-hall.js";
import { generateHallDay } from "../../simulator/generate-day.js";
import { HallFacts } from "../domain/hall-facts.js";
import { foldHourCells, type CategoryHourDay, type DayRollup, type HourCells, type WindowHourDay } from "../domain/history/day-rollup.js";
import { computeRollup, type Rollup } from "../domain/history/rollup.js";
import type { RollupReader } from "./history-query.js";
import { appendStoredDay } from "./stored-day.test-support.js";

/** ISO weekday (1 = Monday) and hour of `ms` in `tz`: how the reference places a bucket. */
export function weekdayHour(ms: number, tz: string) {
  const p = localParts(ms, tz);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  return { weekday: d === 0 ? 7 : d, hour: p.hour };
}

/** Simulated days, each moved in time by its shift (to put a simulated weekday where a test needs activity). */
export function dataset(hall: HallConfig, simDays: [string, number][], hallDays: string[]) {
  const tz = hall.timezone;
  const facts = new HallFacts();
  for (const [i, [day, shiftMs]] of simDays.entries())
    for (const e of generateHallDay({ hall: demoHall, hallId: DEMO_HALL_ID, date: day, seed: i + 11, params: demoSimParams }))
      facts.add(shiftMs === 0 ? e : { ...e, ts: new Date(Date.parse(e.ts) + shiftMs).toISOString() });
  const buckets: Rollup = { windows: [], categories: [], waits: [] };
  const dayLevel: DayRollup = { windows: [], categories: [], hours: [], waits: [] };
  const cells: { windows: WindowHourDay[]; categories: CategoryHourDay[] } = { windows: [], categories: [] };
  for (const day of hallDays) {
    const { start, end } = localDayRange(day, tz);
    const r = computeRollup(facts, hall, start, end);
    appendStoredDay(buckets, dayLevel, r, day, tz);
    const c = foldHourCells(r, tz);
    cells.windows.push(...c.windows.filter((x) => x.day === day));
    cells.categories.push(...c.categories.filter((x) => x.day === day));
  }
  const reads = { buckets: 0, cells: 0 };
  /** The buckets of [from, to) (uncounted: the tests' reference figures). */
  const bucketsIn = (from: number, to: number): Rollup => {
    const inside = (x: { bucket: number }) => x.bucket >= from && x.bucket < to;
    return { windows: buckets.windows.filter(inside), categories: buckets.categories.filter(inside), waits: buckets.waits.filter(inside) };
  };
  const reader: RollupReader = {
    async read(_hallId, from, to) {
      reads.buckets++;
      return bucketsIn(from, to);
    },
    async readDays(_hallId, fromDay, toDay) {
      const inside = (x: { day: string }) => x.day >= fromDay && x.day <= toDay;
      return { windows: dayLevel.windows.filter(inside), categories: dayLevel.categories.filter(inside), hours: dayLevel.hours.filter(inside), waits: dayLevel.waits.filter(inside) };
    },
    // As the store's SQL: summed over the days per (window|category, weekday, hour).
    async readHourCells(_hallId, fromDay, toDay) {
      reads.cells++;
      const inside = (x: { day: string }) => x.day >= fromDay && x.day <= toDay;
      const w = new Map<string, HourCells["windows"][number]>();
      for (const x of cells.windows.filter(inside)) {
        const k = `${x.windowId} ${x.weekday} ${x.hour}`;
        const a = w.get(k) ?? { windowId: x.windowId, weekday: x.weekday, hour: x.hour, openMs: 0, busyMs: 0 };
        a.openMs += x.openMs;
        a.busyMs += x.busyMs;
        w.set(k, a);
      }
      const c = new Map<string, HourCells["categories"][number]>();
      for (const x of cells.categories.filter(inside)) {
        const k = `${x.categoryId} ${x.weekday} ${x.hour}`;
        const a = c.get(k) ?? { categoryId: x.categoryId, weekday: x.weekday, hour: x.hour, arrivals: 0, handleMsSum: 0, handleCount: 0 };
        a.arrivals += x.arrivals;
        a.handleMsSum += x.handleMsSum;
        a.handleCount += x.handleCount;
        c.set(k, a);
      }
      return { windows: [...w.values()], categories: [...c.values()] };
    },
    pending: async () => 0,
  };
  return { reader, reads, bucketsIn };
}

export const shanghai = { ...demoHall, targets: resolvedTargets(demoHall) };
// A hall in New York over the end of daylight saving time (Sunday 2026-11-01, a 25-hour day, 01:00–02:00
// twice); simulated Shanghai weekdays moved in time give it activity on Friday, Saturday, over the night
// into and through the repeated hour of the 25-hour day, and on Tuesday.
export const newYork: HallConfig = { ...shanghai, timezone: "America/New_York" };

/** A hall, its data set, the periods its staffing and heatmaps are compared over, and the months' days. */
export interface HourCellsCase {
  name: string;
  hall: HallConfig;
  data: ReturnType<typeof dataset>;
  periods: [string, number, number][];
  months: [string, string, string, string];
}

export const cases: HourCellsCase[] = [
  (() => {
    const tz = shanghai.timezone;
    const at = (day: string, time: string) => Date.parse(`${day}T${time}:00+08:00`);
    const days = ["2026-11-14", "2026-11-15", "2026-11-16", "2026-11-17", "2026-11-18"];
    return {
      name: "Asia/Shanghai",
      hall: shanghai,
      data: dataset(shanghai, days.map((d) => [d, 0]), days),
      periods: [
        ["partial days at both ends", at("2026-11-14", "09:15"), at("2026-11-18", "16:45")],
        ["a whole first day, a partial last day", localDayRange("2026-11-14", tz).start, at("2026-11-17", "12:00")],
        ["a partial first day, a whole last day", at("2026-11-15", "13:30"), localDayRange("2026-11-18", tz).end],
        ["two partial days, no whole day between", at("2026-11-16", "10:00"), at("2026-11-17", "11:00")],
        ["within one day", at("2026-11-16", "08:00"), at("2026-11-16", "15:00")],
        ["whole days", localDayRange("2026-11-14", tz).start, localDayRange("2026-11-18", tz).end],
        ["one whole day", localDayRange("2026-11-16", tz).start, localDayRange("2026-11-16", tz).end],
      ],
      months: ["2026-11-14", "2026-11-15", "2026-11-16", "2026-11-18"],
    };
  })(),
  (() => {
    const tz = newYork.timezone;
    const days = ["2026-10-30", "2026-10-31", "2026-11-01", "2026-11-02", "2026-11-03"];
    // As the staffing router: whole weeks of 24-hour days back from a local midnight, which across a DST
    // change starts an hour off midnight (Saturday 01:00, with that day's activity in the partial edge).
    const end = localDayRange("2026-11-03", tz).end;
    return {
      name: "America/New_York across DST",
      hall: newYork,
      data: dataset(newYork, [["2026-10-28", 98 * 3_600_000], ["2026-10-29", 36 * 3_600_000], ["2026-10-30", 36 * 3_600_000], ["2026-11-02", 36 * 3_600_000]], days),
      periods: [
        ["whole days over the 25-hour day", localDayRange("2026-10-31", tz).start, localDayRange("2026-11-02", tz).end],
        ["the 25-hour day alone", localDayRange("2026-11-01", tz).start, localDayRange("2026-11-01", tz).end],
        ["4 × 24 h back from a local midnight (off midnight at the start)", end - 4 * 86_400_000, end],
        ["partial days at both ends", Date.parse("2026-10-30T13:15:00-04:00"), Date.parse("2026-11-02T10:45:00-05:00")],
      ],
      months: ["2026-10-30", "2026-10-31", "2026-11-01", "2026-11-02"],
    };
  })(),
];
