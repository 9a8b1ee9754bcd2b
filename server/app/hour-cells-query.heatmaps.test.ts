// Both heatmaps (arrivals by weekday × hour, utilization by window × hour) read from the day level
// (hourCellsOf) equal the previous implementations over the 15-minute buckets alone — kept below as the
// reference — for every period shape, also across a DST change (hour-cells-query.test-support.ts).
import { describe, expect, it } from "vitest";
import { localParts, type HallConfig, type HeatmapResponse } from "../../contract/index.js";
import { DEMO_HALL_ID } from "../../simulator/demo-hall.js";
import { arrivalsHeatmap, utilizationHeatmap } from "../domain/history/heatmap.js";
import type { Rollup } from "../domain/history/rollup.js";
import { hourCellsOf } from "./history-query.js";
import { cases, weekdayHour } from "./hour-cells-query.test-support.js";

// ---- The reference: the bucket-based implementations as they were before the day-level cells. ----

function refWeekdayCounts(from: number, to: number, tz: string): Map<number, number> {
  const counts = new Map<number, number>();
  const seen = new Set<string>();
  for (let t = from; t < to; t += 3_600_000) {
    const p = localParts(t, tz);
    const key = `${p.year}-${p.month}-${p.day}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const wd = weekdayHour(t, tz).weekday;
    counts.set(wd, (counts.get(wd) ?? 0) + 1);
  }
  return counts;
}

function refArrivals(rollup: Rollup, hall: HallConfig, from: number, to: number): HeatmapResponse {
  const tz = hall.timezone;
  const sums = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const c of rollup.categories) {
    if (c.bucket < from || c.bucket >= to) continue;
    const { weekday, hour } = weekdayHour(c.bucket, tz);
    (sums[weekday - 1] as number[])[hour] = ((sums[weekday - 1] as number[])[hour] as number) + c.arrivals;
  }
  const counts = refWeekdayCounts(from, to, tz);
  return { kind: "arrivals", rows: [1, 2, 3, 4, 5, 6, 7], hours: Array.from({ length: 24 }, (_, h) => h), cells: sums.map((row, i) => row.map((v) => v / Math.max(1, counts.get(i + 1) ?? 0))) };
}

function refUtilization(rollup: Rollup, hall: HallConfig, from: number, to: number): HeatmapResponse {
  const tz = hall.timezone;
  const ids = hall.windows.map((w) => w.id);
  const open = new Map(ids.map((id) => [id, new Array<number>(24).fill(0)]));
  const busy = new Map(ids.map((id) => [id, new Array<number>(24).fill(0)]));
  for (const w of rollup.windows) {
    if (w.bucket < from || w.bucket >= to || !open.has(w.windowId)) continue;
    const { hour } = weekdayHour(w.bucket, tz);
    (open.get(w.windowId) as number[])[hour] = ((open.get(w.windowId) as number[])[hour] as number) + w.openMs;
    (busy.get(w.windowId) as number[])[hour] = ((busy.get(w.windowId) as number[])[hour] as number) + w.busyMs;
  }
  const hours = Array.from({ length: 24 }, (_, h) => h);
  return {
    kind: "utilization",
    rows: ids,
    hours,
    cells: ids.map((id) => hours.map((h) => {
      const o = (open.get(id) as number[])[h] as number;
      return o > 0 ? ((busy.get(id) as number[])[h] as number) / o : null;
    })),
  };
}

describe("heatmaps from the day level", () => {
  for (const c of cases) {
    const { reader, bucketsIn } = c.data;
    for (const [name, from, to] of c.periods) {
      const buckets = bucketsIn(from, to);
      it(`${c.name}, ${name}: both heatmaps equal the buckets'`, async () => {
        const cells = await hourCellsOf(reader, DEMO_HALL_ID, c.hall.timezone, from, to);
        expect(arrivalsHeatmap(cells, c.hall, from, to)).toEqual(refArrivals(buckets, c.hall, from, to));
        expect(utilizationHeatmap(cells, c.hall)).toEqual(refUtilization(buckets, c.hall, from, to));
      });
    }
  }
});
