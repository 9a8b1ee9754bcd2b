// Heatmaps from the period's hour cells (hourCellsOf): arrivals by ISO weekday × hour (average per such
// hour in the period), and utilization by window × hour (busy / open over the period's hours).
import { localParts, type HallConfig, type HeatmapResponse } from "../../../contract/index.js";
import type { HourCells } from "./day-rollup.js";

const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** How many times each ISO weekday occurs in [from, to) (whole local days): one time-zone lookup per hour of the period. */
function weekdayCounts(from: number, to: number, tz: string): Map<number, number> {
  const counts = new Map<number, number>();
  const seen = new Set<string>();
  for (let t = from; t < to; t += 3_600_000) {
    const p = localParts(t, tz);
    const key = `${p.year}-${p.month}-${p.day}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const d = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
    const wd = d === 0 ? 7 : d;
    counts.set(wd, (counts.get(wd) ?? 0) + 1);
  }
  return counts;
}

/** `cells` holds the hour cells of [from, to) only. */
export function arrivalsHeatmap(cells: HourCells, hall: HallConfig, from: number, to: number): HeatmapResponse {
  const sums = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const c of cells.categories) {
    const row = sums[c.weekday - 1] as number[];
    row[c.hour] = (row[c.hour] as number) + c.arrivals;
  }
  const counts = weekdayCounts(from, to, hall.timezone);
  return {
    kind: "arrivals",
    rows: [1, 2, 3, 4, 5, 6, 7],
    hours: HOURS,
    cells: sums.map((row, i) => row.map((v) => v / Math.max(1, counts.get(i + 1) ?? 0))),
  };
}

export function utilizationHeatmap(cells: HourCells, hall: HallConfig): HeatmapResponse {
  const ids = hall.windows.map((w) => w.id);
  const open = new Map(ids.map((id) => [id, new Array<number>(24).fill(0)]));
  const busy = new Map(ids.map((id) => [id, new Array<number>(24).fill(0)]));
  for (const w of cells.windows) {
    const o = open.get(w.windowId);
    const b = busy.get(w.windowId);
    if (!o || !b) continue;
    o[w.hour] = (o[w.hour] as number) + w.openMs;
    b[w.hour] = (b[w.hour] as number) + w.busyMs;
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
