// Heatmaps from rollups: arrivals by ISO weekday × hour (average per such hour in the period), and
// utilization by window × hour (busy / open over the period's hours).
import { localParts, type HallConfig, type HeatmapResponse } from "../../../contract/index.js";
import type { Rollup } from "./rollup.js";

const HOURS = Array.from({ length: 24 }, (_, h) => h);

function weekdayHour(ms: number, tz: string) {
  const p = localParts(ms, tz);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  return { weekday: d === 0 ? 7 : d, hour: p.hour };
}

/** How many times each ISO weekday occurs in [from, to) (whole local days). */
function weekdayCounts(from: number, to: number, tz: string): Map<number, number> {
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

export function arrivalsHeatmap(rollup: Rollup, hall: HallConfig, from: number, to: number): HeatmapResponse {
  const tz = hall.timezone;
  const sums = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const c of rollup.categories) {
    if (c.bucket < from || c.bucket >= to) continue;
    const { weekday, hour } = weekdayHour(c.bucket, tz);
    (sums[weekday - 1] as number[])[hour] = ((sums[weekday - 1] as number[])[hour] as number) + c.arrivals;
  }
  const counts = weekdayCounts(from, to, tz);
  return {
    kind: "arrivals",
    rows: [1, 2, 3, 4, 5, 6, 7],
    hours: HOURS,
    cells: sums.map((row, i) => row.map((v) => v / Math.max(1, counts.get(i + 1) ?? 0))),
  };
}

export function utilizationHeatmap(rollup: Rollup, hall: HallConfig, from: number, to: number): HeatmapResponse {
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
  return {
    kind: "utilization",
    rows: ids,
    hours: HOURS,
    cells: ids.map((id) => HOURS.map((h) => {
      const o = (open.get(id) as number[])[h] as number;
      return o > 0 ? ((busy.get(id) as number[])[h] as number) / o : null;
    })),
  };
}
