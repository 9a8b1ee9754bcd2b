// Day-level rollups give exactly the figures of the 15-minute rollups over the same whole days.
import { describe, expect, it } from "vitest";
import { localDayRange } from "../../../contract/index.js";
import { DEMO_HALL_ID, demoHall, demoSimParams } from "../../../simulator/demo-hall.js";
import { generateHallDay } from "../../../simulator/generate-day.js";
import { HallFacts } from "../hall-facts.js";
import { aggregateDays } from "./aggregate-days.js";
import { aggregateHistory } from "./aggregate-history.js";
import { foldDay } from "./day-rollup.js";
import { computeRollup, type Rollup } from "./rollup.js";

describe("day-level rollups", () => {
  const days = ["2026-11-16", "2026-11-17", "2026-11-21", "2026-11-23"];
  const buckets: Rollup = { windows: [], categories: [], waits: [] };
  for (const [i, day] of days.entries()) {
    const facts = new HallFacts();
    for (const e of generateHallDay({ hall: demoHall, hallId: DEMO_HALL_ID, date: day, seed: i + 1, params: demoSimParams })) facts.add(e);
    const { start, end } = localDayRange(day, demoHall.timezone);
    const r = computeRollup(facts, demoHall, start, end);
    buckets.windows.push(...r.windows);
    buckets.categories.push(...r.categories);
    buckets.waits.push(...r.waits);
  }
  const from = localDayRange(days[0] as string, demoHall.timezone).start;
  const to = localDayRange(days.at(-1) as string, demoHall.timezone).end;
  const folded = foldDay(buckets, demoHall.timezone);

  for (const groupBy of ["window", "department", "category", "hour", "weekday", "day"] as const)
    it(`equal the 15-minute rollups grouped by ${groupBy}`, () => {
      expect(aggregateDays(folded, demoHall, { from, to, groupBy })).toEqual(aggregateHistory(buckets, demoHall, { from, to, groupBy }));
    });

  it("fold many days into few rows", () => {
    expect(folded.windows.length).toBeLessThan(buckets.windows.length / 10);
    expect(folded.hours.every((h) => h.hour >= 0 && h.hour < 24 && h.weekday >= 1 && h.weekday <= 7)).toBe(true);
    expect(folded.waits.reduce((n, g) => n + g.waits.length, 0)).toBe(buckets.waits.length);
  });
});
