// Whole months' waits joined from their days (issue #8) give the figures of the day groups they replace,
// by every grouping; and the month arithmetic the readers split a period with.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HISTORY_GROUPS, localDayRange } from "../../../contract/index.js";
import { demoHall } from "../../../simulator/demo-hall.js";
import { aggregateDays } from "./aggregate-days.js";
import { localSlot, type DayRollup, type WaitGroup } from "./day-rollup.js";
import { priorityComparison, type PriorityWaitDay } from "./floor-days.js";
import { joinMonthPriority, joinMonthWaits, monthDays, monthOf, weekdayOf, wholeMonths } from "./month-waits.js";

/** Every date of 2026-01-28 … 2026-03-03: the whole of February between two partial months. */
const DAYS = Array.from({ length: 35 }, (_, i) => new Date(Date.UTC(2026, 0, 28 + i)).toISOString().slice(0, 10));
const weekdayOfDate = (day: string) => localSlot(Date.parse(`${day}T12:00:00+08:00`), "Asia/Shanghai").weekday;

const waitGroups = fc.array(
  fc.record({
    day: fc.constantFrom(...DAYS),
    categoryId: fc.constantFrom(...demoHall.categories.map((c) => c.id).slice(0, 3)),
    windowId: fc.constantFrom(...demoHall.windows.map((w) => w.id).slice(0, 4)),
    waits: fc.array(fc.record({ ms: fc.integer({ min: 0, max: 7_200_000 }), hour: fc.integer({ min: 7, max: 18 }) }), { minLength: 1, maxLength: 12 }),
  }),
  { maxLength: 60 },
);

/** Day groups as foldDay makes them: one per day, category and window. */
function dayGroups(raw: { day: string; categoryId: string; windowId: string; waits: { ms: number; hour: number }[] }[]): WaitGroup[] {
  const byKey = new Map<string, WaitGroup & { waits: number[]; hours: number[] }>();
  for (const r of raw) {
    const key = `${r.day} ${r.categoryId} ${r.windowId}`;
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { day: r.day, categoryId: r.categoryId, windowId: r.windowId, weekday: weekdayOfDate(r.day), waits: [], hours: [] }));
    for (const w of r.waits) {
      g.waits.push(w.ms);
      g.hours.push(w.hour);
    }
  }
  return [...byKey.values()];
}

describe("month waits", () => {
  const from = localDayRange(DAYS[0] as string, demoHall.timezone).start;
  const to = localDayRange(DAYS.at(-1) as string, demoHall.timezone).end;

  for (const groupBy of HISTORY_GROUPS)
    it(`give the day groups' figures grouped by ${groupBy}`, () => {
      fc.assert(
        fc.property(waitGroups, (raw) => {
          const days = dayGroups(raw);
          const byDays: DayRollup = { windows: [], categories: [], hours: [], waits: days };
          const byMonth: DayRollup = { ...byDays, waits: days.filter((g) => monthOf(g.day) !== "2026-02"), monthWaits: joinMonthWaits("2026-02", days) };
          expect(aggregateDays(byMonth, demoHall, { from, to, groupBy })).toEqual(aggregateDays(byDays, demoHall, { from, to, groupBy }));
        }),
        { numRuns: 60 },
      );
    });

  it("keep every wait of the month with its hour and day, and none of another month", () => {
    const days = dayGroups([
      { day: "2026-02-03", categoryId: "c1", windowId: "w1", waits: [{ ms: 5, hour: 9 }, { ms: 7, hour: 10 }] },
      { day: "2026-02-27", categoryId: "c1", windowId: "w1", waits: [{ ms: 1, hour: 15 }] },
      { day: "2026-02-03", categoryId: "c0", windowId: "w1", waits: [{ ms: 2, hour: 8 }] },
      { day: "2026-03-01", categoryId: "c1", windowId: "w1", waits: [{ ms: 99, hour: 9 }] },
    ]);
    const joined = joinMonthWaits("2026-02", days);
    expect(joined.map((m) => [m.categoryId, m.windowId, Array.from(m.waits), Array.from(m.hours), Array.from(m.days)])).toEqual([
      ["c0", "w1", [2], [8], [3]],
      ["c1", "w1", [5, 7, 1], [9, 10, 15], [3, 3, 27]],
    ]);
  });

  it("join the priority waits per category and priority, sorted, with the same comparison", () => {
    const days: PriorityWaitDay[] = [
      { day: "2026-02-02", categoryId: "c1", priority: "normal", waits: [3, 8] },
      { day: "2026-02-09", categoryId: "c1", priority: "normal", waits: [1, 9] },
      { day: "2026-02-09", categoryId: "c1", priority: "green", waits: [4] },
      { day: "2026-03-01", categoryId: "c1", priority: "normal", waits: [100] },
    ];
    const joined = joinMonthPriority("2026-02", days);
    expect(joined.map((g) => [g.categoryId, g.priority, Array.from(g.waits)])).toEqual([
      ["c1", "green", [4]],
      ["c1", "normal", [1, 3, 8, 9]],
    ]);
    const february = days.filter((d) => monthOf(d.day) === "2026-02");
    expect(priorityComparison(joined)).toEqual(priorityComparison(february));
  });

  it("split a period into its whole months", () => {
    expect(wholeMonths("2025-11-26", "2026-11-25")).toEqual({ first: "2025-12", last: "2026-10" });
    expect(wholeMonths("2026-02-01", "2026-02-28")).toEqual({ first: "2026-02", last: "2026-02" });
    expect(wholeMonths("2024-02-01", "2024-02-28")).toBeNull(); // a leap year's February has 29 days
    expect(wholeMonths("2024-02-01", "2024-02-29")).toEqual({ first: "2024-02", last: "2024-02" });
    expect(wholeMonths("2026-03-05", "2026-03-20")).toBeNull();
    expect(wholeMonths("2025-12-01", "2026-01-30")).toEqual({ first: "2025-12", last: "2025-12" });
    expect(wholeMonths("2025-12-02", "2026-01-31")).toEqual({ first: "2026-01", last: "2026-01" });
    expect(monthDays("2026-12")).toEqual({ first: "2026-12-01", last: "2026-12-31" });
    expect(monthDays("2026-04")).toEqual({ first: "2026-04-01", last: "2026-04-30" });
  });

  it("number weekdays as the day rollups do", () => {
    for (const day of DAYS) expect(weekdayOf(monthOf(day), Number(day.slice(8)))).toBe(weekdayOfDate(day));
  });
});
