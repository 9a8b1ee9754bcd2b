// GET /history: the rollups of a period aggregated by the pure history module (figures equal those
// over raw events, docs/metrics.md "History"), with how many days still wait for recomputation.
import { localDate, localDayRange, type HallConfig, type HistoryGroup, type HistoryResponse } from "../../contract/index.js";
import { aggregateDays } from "../domain/history/aggregate-days.js";
import { foldDay, foldHourCells, type DayRollup, type HourCells } from "../domain/history/day-rollup.js";
import { aggregateHistory } from "../domain/history/aggregate-history.js";
import { priorityComparison, withIdle, type FloorHistory } from "../domain/history/floor-days.js";
import type { Rollup } from "../domain/history/rollup.js";

/** The history rollups' reads; async because on PostgreSQL each is a network round trip. */
export interface RollupReader {
  read(hallId: string, from: number, to: number): Promise<Rollup>;
  /** `byMonth`: whole built months' waits as `monthWaits` (only aggregateDays reads those). */
  readDays(hallId: string, fromDay: string, toDay: string, byMonth?: boolean): Promise<DayRollup>;
  /** Window and category cells by local weekday and hour, summed over the days fromDay … toDay. */
  readHourCells(hallId: string, fromDay: string, toDay: string): Promise<HourCells>;
  /** Days marked for recomputation; with `throughDay`, only those up to it (a day not begun yet waits). */
  pending(hallId: string, throughDay?: string): Promise<number>;
  /** Issue #9: idle per window-day and waits by priority (absent in readers that hold none). */
  readFloorDays?(hallId: string, fromDay: string, toDay: string, byMonth?: boolean): Promise<FloorHistory>;
}

export type HistoryAnswer = HistoryResponse;

/**
 * A period of whole hall-local days reads the day-level rollups (a year in a few thousand rows). Any other
 * period reads the day level for the whole days inside it and folds only the 15-minute buckets of its two
 * partial edge days (foldDay, the same fold the day level is written with); a period within one day reads
 * its buckets. All give the same figures as the buckets alone (tested).
 */
/** `today`: the hall's local date now — `pendingDays` counts the marked days up to it. */
export async function historyOf(reader: RollupReader, hallId: string, hall: HallConfig, from: number, to: number, groupBy: HistoryGroup, today?: string): Promise<HistoryAnswer> {
  const tz = hall.timezone;
  const firstDay = localDate(from, tz);
  const lastDay = localDate(to - 1, tz);
  const firstRange = localDayRange(firstDay, tz);
  const lastRange = localDayRange(lastDay, tz);
  const wholeDays = firstRange.start === from && lastRange.end === to;
  let answer: Omit<HistoryAnswer, "pendingDays">;
  // A year's waits come by whole month (issue #8): reading ~9,000 day rows' blobs was most of the query.
  if (wholeDays) answer = aggregateDays(await reader.readDays(hallId, firstDay, lastDay, true), hall, { from, to, groupBy });
  else {
    // The whole days inside the period: from the first local midnight at or after `from` to the last at or before `to`.
    const innerStart = firstRange.start === from ? from : firstRange.end;
    const innerEnd = lastRange.end === to ? to : lastRange.start;
    if (innerEnd <= innerStart) answer = aggregateHistory(await reader.read(hallId, from, to), hall, { from, to, groupBy });
    else {
      // One round trip's wait for the three reads (PostgreSQL runs them side by side).
      const [inner, edgeBuckets] = await Promise.all([
        reader.readDays(hallId, localDate(innerStart, tz), localDate(innerEnd - 1, tz), true),
        Promise.all(edgeRanges(from, to, innerStart, innerEnd).map(([a, b]) => reader.read(hallId, a, b))),
      ]);
      const edges = edgeBuckets.map((b) => foldDay(b, tz));
      const merged: DayRollup = {
        windows: [...inner.windows, ...edges.flatMap((e) => e.windows)],
        categories: [...inner.categories, ...edges.flatMap((e) => e.categories)],
        hours: [...inner.hours, ...edges.flatMap((e) => e.hours)],
        waits: [...inner.waits, ...edges.flatMap((e) => e.waits)],
        ...(inner.monthWaits ? { monthWaits: inner.monthWaits } : {}),
      };
      answer = aggregateDays(merged, hall, { from, to, groupBy });
    }
  }
  const [withIdleRows, pendingDays] = await Promise.all([withFloor(reader, hallId, hall, from, to, groupBy, answer), reader.pending(hallId, today)]);
  return { ...withIdleRows, pendingDays };
}

/** The partial edge days of [from, to) around its whole days [innerStart, innerEnd), as [start, end) ranges. */
function edgeRanges(from: number, to: number, innerStart: number, innerEnd: number): [number, number][] {
  return [...(innerStart > from ? [[from, innerStart] as [number, number]] : []), ...(innerEnd < to ? [[innerEnd, to] as [number, number]] : [])];
}

/**
 * Issue #9: idle minutes and episodes (rows by window or department) and the priority waits, over the
 * whole hall-local days of the period — they are kept per day only, so a partial edge day adds nothing.
 */
async function withFloor(reader: RollupReader, hallId: string, hall: HallConfig, from: number, to: number, groupBy: HistoryGroup, answer: Omit<HistoryAnswer, "pendingDays">): Promise<Omit<HistoryAnswer, "pendingDays">> {
  if (!reader.readFloorDays) return answer;
  const { innerStart, innerEnd } = split(from, to, hall.timezone);
  const floor: FloorHistory = innerEnd > innerStart ? await reader.readFloorDays(hallId, localDate(innerStart, hall.timezone), localDate(innerEnd - 1, hall.timezone), true) : { idle: [], priority: [] };
  return { ...answer, rows: withIdle(answer.rows, floor.idle, hall, groupBy), priorityWaits: priorityComparison(floor.priority) };
}

/** The whole hall-local days inside [from, to), as epoch ms (innerEnd ≤ innerStart: none), and its partial edges. */
function split(from: number, to: number, tz: string) {
  const firstRange = localDayRange(localDate(from, tz), tz);
  const lastRange = localDayRange(localDate(to - 1, tz), tz);
  const innerStart = firstRange.start === from ? from : firstRange.end;
  const innerEnd = lastRange.end === to ? to : lastRange.start;
  return { innerStart, innerEnd };
}

/**
 * Staffing's and the heatmaps' input for any period [from, to) on 15-minute boundaries: the day-level hour
 * cells of its whole local days (summed in SQL) plus the buckets of partial edge days folded the same way
 * (foldHourCells, as the rollup worker writes them). Every figure is an integer sum, so this equals
 * folding all the period's buckets (tested).
 */
export async function hourCellsOf(reader: RollupReader, hallId: string, tz: string, from: number, to: number): Promise<HourCells> {
  const { innerStart, innerEnd } = split(from, to, tz);
  if (innerEnd <= innerStart) return foldHourCells(await reader.read(hallId, from, to), tz);
  const [inner, edgeBuckets] = await Promise.all([
    reader.readHourCells(hallId, localDate(innerStart, tz), localDate(innerEnd - 1, tz)),
    Promise.all(edgeRanges(from, to, innerStart, innerEnd).map(([a, b]) => reader.read(hallId, a, b))),
  ]);
  const edges = edgeBuckets.map((b) => foldHourCells(b, tz));
  return { windows: [...inner.windows, ...edges.flatMap((e) => e.windows)], categories: [...inner.categories, ...edges.flatMap((e) => e.categories)] };
}

/** The day-level rollups of the whole local days [from, to) (both local midnights), e.g. a month. */
export function daysOf(reader: RollupReader, hallId: string, tz: string, from: number, to: number): Promise<DayRollup> {
  return reader.readDays(hallId, localDate(from, tz), localDate(to - 1, tz));
}
