// One day's rollups as RollupStore.writeDay keeps them, for the tests that compare reading the day level
// with reading the 15-minute buckets alone (history-query.test.ts, hour-cells-query.*.test.ts): the day's
// buckets, and its day-level fold restricted to that day (a bucket fold can spill into a neighbour day).
import { foldDay, type DayRollup } from "../domain/history/day-rollup.js";
import type { Rollup } from "../domain/history/rollup.js";

/** Appends the buckets `r` of local `day` to `buckets`, and their day-level fold for `day` to `dayLevel`. */
export function appendStoredDay(buckets: Rollup, dayLevel: DayRollup, r: Rollup, day: string, tz: string): void {
  buckets.windows.push(...r.windows);
  buckets.categories.push(...r.categories);
  buckets.waits.push(...r.waits);
  const f = foldDay(r, tz);
  dayLevel.windows.push(...f.windows.filter((x) => x.day === day));
  dayLevel.categories.push(...f.categories.filter((x) => x.day === day));
  dayLevel.hours.push(...f.hours.filter((x) => x.day === day));
  dayLevel.waits.push(...f.waits.filter((x) => x.day === day));
}
