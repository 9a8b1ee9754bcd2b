// Staffing, both heatmaps and the monthly report read day-level rollups (hourCellsOf: day-level hour
// cells plus the folded buckets of partial edge days; daysOf for whole months). Their figures equal those
// of the previous implementations over the 15-minute buckets alone — kept below as the reference — for
// every period shape, also across a DST change.
import { describe, expect, it } from "vitest";
import { localDayRange, localParts, resolvedTargets, type HallConfig, type HeatmapResponse, type MonthlyRankRow, type MonthlyReport, type StaffingRow } from "../../contract/index.js";
import { DEMO_HALL_ID, demoHall, demoSimParams } from "../../simulator/demo-hall.js";
import { generateHallDay } from "../../simulator/generate-day.js";
import { HallFacts } from "../domain/hall-facts.js";
import { aggregateHistory } from "../domain/history/aggregate-history.js";
import { foldDay, foldHourCells, type CategoryHourDay, type DayRollup, type HourCells, type WindowHourDay } from "../domain/history/day-rollup.js";
import { arrivalsHeatmap, utilizationHeatmap } from "../domain/history/heatmap.js";
import { monthlyReport } from "../domain/history/monthly-report.js";
import { computeRollup, type Rollup } from "../domain/history/rollup.js";
import { staffingRows } from "../domain/history/staffing.js";
import { serversNeeded } from "../domain/queueing/erlang-c.js";
import { daysOf, hourCellsOf, type RollupReader } from "./history-query.js";

// ---- The reference: the bucket-based implementations as they were before the day-level cells. ----

function weekdayHour(ms: number, tz: string) {
  const p = localParts(ms, tz);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  return { weekday: d === 0 ? 7 : d, hour: p.hour };
}

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

type Measure = MonthlyReport["lastTwoMonthsRunning"][number]["measure"];
const WORST: Record<Measure, (a: MonthlyRankRow, b: MonthlyRankRow) => number> = {
  served: (a, b) => a.served - b.served,
  withinTargetShare: (a, b) => (a.withinTargetShare ?? 1) - (b.withinTargetShare ?? 1),
  poorRatings: (a, b) => b.poorRatings - a.poorRatings,
  idleSeconds: (a, b) => b.idleSeconds - a.idleSeconds,
};

function refMonthly(rollup: Rollup, hall: HallConfig, month: { label: string; from: number; to: number }, previous: { label: string; from: number; to: number }): MonthlyReport {
  const rank = (from: number, to: number, level: "window" | "department"): MonthlyRankRow[] => {
    const history = aggregateHistory(rollup, hall, { from, to, groupBy: level });
    const open = new Map<string, number>();
    const busy = new Map<string, number>();
    const dept = new Map(hall.windows.map((w) => [w.id, w.department]));
    for (const w of rollup.windows) {
      if (w.bucket < from || w.bucket >= to) continue;
      const key = level === "window" ? w.windowId : (dept.get(w.windowId) ?? w.windowId);
      open.set(key, (open.get(key) ?? 0) + w.openMs);
      busy.set(key, (busy.get(key) ?? 0) + w.busyMs);
    }
    return history.rows.map((r) => ({
      key: String(r.key),
      served: r.served,
      withinTargetShare: r.withinTargetShare,
      poorRatings: r.poorRatings,
      idleSeconds: Math.max(0, (open.get(String(r.key)) ?? 0) - (busy.get(String(r.key)) ?? 0)) / 1000,
    }));
  };
  const bottom = (rows: readonly MonthlyRankRow[], m: Measure) => (rows.length === 0 ? null : ([...rows].sort((a, b) => WORST[m](a, b) || (a.key < b.key ? -1 : 1))[0] as MonthlyRankRow).key);
  const out: MonthlyReport = { month: month.label, previousMonth: previous.label, windows: [], departments: [], lastTwoMonthsRunning: [] };
  for (const level of ["window", "department"] as const) {
    const now = rank(month.from, month.to, level);
    const before = rank(previous.from, previous.to, level);
    if (level === "window") out.windows = now;
    else out.departments = now;
    for (const m of Object.keys(WORST) as Measure[]) {
      const a = bottom(now, m);
      if (a !== null && a === bottom(before, m)) out.lastTwoMonthsRunning.push({ measure: m, level, key: a });
    }
  }
  return out;
}

// ---- Data: simulated days, their buckets and their day level exactly as RollupStore.writeDay stores them. ----

/** Simulated days, each moved in time by its shift (to put a simulated weekday where a test needs activity). */
function dataset(hall: HallConfig, simDays: [string, number][], hallDays: string[]) {
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
    buckets.windows.push(...r.windows);
    buckets.categories.push(...r.categories);
    buckets.waits.push(...r.waits);
    const f = foldDay(r, tz);
    dayLevel.windows.push(...f.windows.filter((x) => x.day === day));
    dayLevel.categories.push(...f.categories.filter((x) => x.day === day));
    dayLevel.hours.push(...f.hours.filter((x) => x.day === day));
    dayLevel.waits.push(...f.waits.filter((x) => x.day === day));
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

const shanghai = { ...demoHall, targets: resolvedTargets(demoHall) };
// A hall in New York over the end of daylight saving time (Sunday 2026-11-01, a 25-hour day, 01:00–02:00
// twice); simulated Shanghai weekdays moved in time give it activity on Friday, Saturday, over the night
// into and through the repeated hour of the 25-hour day, and on Tuesday.
const newYork: HallConfig = { ...shanghai, timezone: "America/New_York" };

const cases: { name: string; hall: HallConfig; data: ReturnType<typeof dataset>; periods: [string, number, number][]; months: [string, string, string, string] }[] = [
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

describe("staffing, heatmaps and the monthly report from the day level", () => {
  for (const c of cases) {
    const { reader, bucketsIn } = c.data;
    for (const [name, from, to] of c.periods) {
      const buckets = bucketsIn(from, to);
      it(`${c.name}, ${name}: staffing equals the buckets'`, async () => {
        const cells = await hourCellsOf(reader, DEMO_HALL_ID, c.hall.timezone, from, to);
        for (const weeks of [1, 2]) for (const target of [0.8, 0.5]) expect(staffingRows(cells, c.hall, { weeks, target })).toEqual(refStaffing(buckets, c.hall, { weeks, target }));
        expect(staffingRows(cells, c.hall, { weeks: 1, target: 0.8 }).length).toBeGreaterThan(10);
      });
      it(`${c.name}, ${name}: both heatmaps equal the buckets'`, async () => {
        const cells = await hourCellsOf(reader, DEMO_HALL_ID, c.hall.timezone, from, to);
        expect(arrivalsHeatmap(cells, c.hall, from, to)).toEqual(refArrivals(buckets, c.hall, from, to));
        expect(utilizationHeatmap(cells, c.hall)).toEqual(refUtilization(buckets, c.hall, from, to));
      });
    }
    it(`${c.name}: the monthly report equals the buckets'`, async () => {
      const tz = c.hall.timezone;
      const [a, b, d, e] = c.months;
      const previous = { label: "P", from: localDayRange(a, tz).start, to: localDayRange(b, tz).end };
      const month = { label: "M", from: localDayRange(d, tz).start, to: localDayRange(e, tz).end };
      const got = monthlyReport({ month: await daysOf(reader, DEMO_HALL_ID, tz, month.from, month.to), previous: await daysOf(reader, DEMO_HALL_ID, tz, previous.from, previous.to) }, c.hall, month, previous);
      expect(got).toEqual(refMonthly(await reader.read(DEMO_HALL_ID, previous.from, month.to), c.hall, month, previous));
      expect(got.windows.length).toBeGreaterThan(5);
    });
  }

  it("counts the repeated hour of the 25-hour day twice (both 01:00s in hour 1)", async () => {
    const { start, end } = localDayRange("2026-11-01", newYork.timezone);
    const cells = await hourCellsOf((cases[1] as (typeof cases)[number]).data.reader, DEMO_HALL_ID, newYork.timezone, start, end);
    expect(cells.windows.some((w) => w.hour === 1 && w.openMs > 3_600_000)).toBe(true);
  });

  it("reads buckets only for the partial edge days of a long period", async () => {
    const { reader, reads } = (cases[0] as (typeof cases)[number]).data;
    reads.buckets = 0;
    reads.cells = 0;
    await hourCellsOf(reader, DEMO_HALL_ID, shanghai.timezone, Date.parse("2026-11-14T09:15:00+08:00"), Date.parse("2026-11-18T16:45:00+08:00"));
    expect(reads).toEqual({ buckets: 2, cells: 1 });
  });
});
