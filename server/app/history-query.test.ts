// historyOf reads the day level for the whole days of any period and folds only the buckets of partial
// edge days: its figures equal those of the 15-minute buckets alone, for every grouping and period shape.
import { describe, expect, it } from "vitest";
import { localDate, localDayRange, type HistoryGroup } from "../../contract/index.js";
import { DEMO_HALL_ID, demoHall, demoSimParams } from "../../simulator/demo-hall.js";
import { generateHallDay } from "../../simulator/generate-day.js";
import { HallFacts } from "../domain/hall-facts.js";
import { aggregateHistory } from "../domain/history/aggregate-history.js";
import type { DayRollup } from "../domain/history/day-rollup.js";
import { computeRollup, type Rollup } from "../domain/history/rollup.js";
import { historyOf, type RollupReader } from "./history-query.js";
import { appendStoredDay } from "./stored-day.test-support.js";

const tz = demoHall.timezone;
const days = ["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19"];
const buckets: Rollup = { windows: [], categories: [], waits: [] };
const dayLevel: DayRollup = { windows: [], categories: [], hours: [], waits: [] };
for (const [i, day] of days.entries()) {
  const facts = new HallFacts();
  for (const e of generateHallDay({ hall: demoHall, hallId: DEMO_HALL_ID, date: day, seed: i + 1, params: demoSimParams })) facts.add(e);
  const { start, end } = localDayRange(day, tz);
  // As RollupStore.writeDay: the day level is the fold of that day's buckets.
  appendStoredDay(buckets, dayLevel, computeRollup(facts, demoHall, start, end), day, tz);
}

const reads = { buckets: 0, days: 0 };
const reader: RollupReader = {
  async read(_hallId, from, to) {
    reads.buckets++;
    const inside = (x: { bucket: number }) => x.bucket >= from && x.bucket < to;
    return { windows: buckets.windows.filter(inside), categories: buckets.categories.filter(inside), waits: buckets.waits.filter(inside) };
  },
  async readDays(_hallId, fromDay, toDay) {
    reads.days++;
    const inside = (x: { day: string }) => x.day >= fromDay && x.day <= toDay;
    return { windows: dayLevel.windows.filter(inside), categories: dayLevel.categories.filter(inside), hours: dayLevel.hours.filter(inside), waits: dayLevel.waits.filter(inside) };
  },
  readHourCells() {
    throw new Error("not used by historyOf");
  },
  pending: async () => 0,
};

const at = (day: string, time: string) => Date.parse(`${day}T${time}:00+08:00`);
const periods: [string, number, number][] = [
  ["partial days at both ends", at("2026-11-16", "09:15"), at("2026-11-19", "16:45")],
  ["a whole first day, a partial last day", localDayRange("2026-11-16", tz).start, at("2026-11-18", "12:00")],
  ["a partial first day, a whole last day", at("2026-11-16", "13:30"), localDayRange("2026-11-19", tz).end],
  ["two partial days, no whole day between", at("2026-11-17", "10:00"), at("2026-11-18", "11:00")],
  ["within one day", at("2026-11-17", "08:00"), at("2026-11-17", "15:00")],
  ["whole days", localDayRange("2026-11-17", tz).start, localDayRange("2026-11-18", tz).end],
];

describe("historyOf over any period", () => {
  for (const [name, from, to] of periods)
    for (const groupBy of ["window", "department", "category", "hour", "weekday", "day"] as HistoryGroup[])
      it(`${name}, by ${groupBy}: equals the 15-minute buckets`, async () => {
        expect(await historyOf(reader, DEMO_HALL_ID, demoHall, from, to, groupBy)).toEqual({ ...aggregateHistory(await reader.read(DEMO_HALL_ID, from, to), demoHall, { from, to, groupBy }), pendingDays: 0 });
      });

  it("reads buckets only for the partial edge days of a long period", async () => {
    reads.buckets = 0;
    reads.days = 0;
    await historyOf(reader, DEMO_HALL_ID, demoHall, at("2026-11-16", "09:15"), at("2026-11-19", "16:45"), "hour");
    expect(reads).toEqual({ buckets: 2, days: 1 });
    expect(localDate(at("2026-11-16", "09:15"), tz)).toBe("2026-11-16");
  });
});
