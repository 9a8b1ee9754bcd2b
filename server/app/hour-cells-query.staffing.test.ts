// Staffing read from the day level (hourCellsOf: day-level hour cells plus the folded buckets of partial
// edge days) equals the previous implementation over the 15-minute buckets alone — kept below as the
// reference — for every period shape, also across a DST change (hour-cells-query.test-support.ts).
import { describe, expect, it } from "vitest";
import type { HallConfig, StaffingRow } from "../../contract/index.js";
import { DEMO_HALL_ID } from "../../simulator/demo-hall.js";
import type { Rollup } from "../domain/history/rollup.js";
import { staffingRows } from "../domain/history/staffing.js";
import { serversNeeded } from "../domain/queueing/erlang-c.js";
import { hourCellsOf } from "./history-query.js";
import { cases, weekdayHour } from "./hour-cells-query.test-support.js";

// ---- The reference: the bucket-based implementation as it was before the day-level cells. ----

function refStaffing(rollup: Rollup, hall: HallConfig, req: { weeks: number; target: number }): StaffingRow[] {
  const tz = hall.timezone;
  const waitSeconds = hall.targets.waitMinutes * 60;
  const cells = new Map<string, { weekday: number; hour: number; categoryId: string; arrivals: number; handleMsSum: number; handleCount: number; openMs: number }>();
  const cell = (weekday: number, hour: number, categoryId: string) => {
    const key = `${weekday}\u0000${hour}\u0000${categoryId}`;
    let c = cells.get(key);
    if (!c) {
      c = { weekday, hour, categoryId, arrivals: 0, handleMsSum: 0, handleCount: 0, openMs: 0 };
      cells.set(key, c);
    }
    return c;
  };
  for (const c of rollup.categories) {
    const { weekday, hour } = weekdayHour(c.bucket, tz);
    const x = cell(weekday, hour, c.categoryId);
    x.arrivals += c.arrivals;
    x.handleMsSum += c.handleMsSum;
    x.handleCount += c.handleCount;
  }
  const served = new Map(hall.windows.map((w) => [w.id, w.categories]));
  for (const w of rollup.windows) {
    if (w.openMs === 0) continue;
    const { weekday, hour } = weekdayHour(w.bucket, tz);
    for (const categoryId of served.get(w.windowId) ?? []) cell(weekday, hour, categoryId).openMs += w.openMs;
  }
  const weeks = Math.max(1, req.weeks);
  return [...cells.values()]
    .filter((c) => c.arrivals > 0 || c.openMs > 0)
    .map((c) => {
      const arrivalsPerHour = c.arrivals / weeks;
      const avgHandleSeconds = c.handleCount > 0 ? c.handleMsSum / c.handleCount / 1000 : null;
      const needed = avgHandleSeconds === null || arrivalsPerHour === 0 ? 0 : serversNeeded({ arrivalRate: arrivalsPerHour / 3600, meanServiceSeconds: avgHandleSeconds }, waitSeconds, req.target);
      return { weekday: c.weekday, hour: c.hour, categoryId: c.categoryId, arrivalsPerHour, avgHandleSeconds, needed, hadOpen: c.openMs / (weeks * 3_600_000) };
    })
    .sort((a, b) => a.weekday - b.weekday || a.hour - b.hour || (a.categoryId < b.categoryId ? -1 : a.categoryId > b.categoryId ? 1 : 0));
}

describe("staffing from the day level", () => {
  for (const c of cases) {
    const { reader, bucketsIn } = c.data;
    for (const [name, from, to] of c.periods) {
      const buckets = bucketsIn(from, to);
      it(`${c.name}, ${name}: staffing equals the buckets'`, async () => {
        const cells = await hourCellsOf(reader, DEMO_HALL_ID, c.hall.timezone, from, to);
        for (const weeks of [1, 2]) for (const target of [0.8, 0.5]) expect(staffingRows(cells, c.hall, { weeks, target })).toEqual(refStaffing(buckets, c.hall, { weeks, target }));
        expect(staffingRows(cells, c.hall, { weeks: 1, target: 0.8 }).length).toBeGreaterThan(10);
      });
    }
  }
});
