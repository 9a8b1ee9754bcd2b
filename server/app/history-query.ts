// GET /history: the rollups of a period aggregated by the pure history module (figures equal those
// over raw events, docs/metrics.md "History"), with how many days still wait for recomputation.
import { localDate, localDayRange, type HallConfig, type HistoryGroup, type HistoryResponse } from "../../contract/index.js";
import { aggregateDays } from "../domain/history/aggregate-days.js";
import { foldDay, foldHourCells, type DayRollup, type HourCells } from "../domain/history/day-rollup.js";
import { aggregateHistory } from "../domain/history/aggregate-history.js";
import { priorityComparison, withIdle, type FloorDays } from "../domain/history/floor-days.js";
import type { Rollup } from "../domain/history/rollup.js";

export interface RollupReader {
  read(hallId: string, from: number, to: number): Rollup;
  readDays(hallId: string, fromDay: string, toDay: string): DayRollup;
  /** Window and category cells by local weekday and hour, summed over the days fromDay … toDay. */
  readHourCells(hallId: string, fromDay: string, toDay: string): HourCells;
  pending(hallId: string): number;
  /** Issue #9: idle per window-day and waits by priority (absent in readers that hold none). */
  readFloorDays?(hallId: string, fromDay: string, toDay: string): FloorDays;
}

export type HistoryAnswer = HistoryResponse;

/**
 * A period of whole hall-local days reads the day-level rollups (a year in a few thousand rows). Any other
 * period reads the day level for the whole days inside it and folds only the 15-minute buckets of its two
 * partial edge days (foldDay, the same fold the day level is written with); a period within one day reads
 * its buckets. All give the same figures as the buckets alone (tested).
 */
export function historyOf(reader: RollupReader, hallId: string, hall: HallConfig, from: number, to: number, groupBy: HistoryGroup): HistoryAnswer {
  const tz = hall.timezone;
  const firstDay = localDate(from, tz);
  const lastDay = localDate(to - 1, tz);
  const firstRange = localDayRange(firstDay, tz);
  const lastRange = localDayRange(lastDay, tz);
  const wholeDays = firstRange.start === from && lastRange.end === to;
  let answer: Omit<HistoryAnswer, "pendingDays">;
  if (wholeDays) answer = aggregateDays(reader.readDays(hallId, firstDay, lastDay), hall, { from, to, groupBy });
  else {
    // The whole days inside the period: from the first local midnight at or after `from` to the last at or before `to`.
    const innerStart = firstRange.start === from ? from : firstRange.end;
    const innerEnd = lastRange.end === to ? to : lastRange.start;
    if (innerEnd <= innerStart) answer = aggregateHistory(reader.read(hallId, from, to), hall, { from, to, groupBy });
    else {
      const inner = reader.readDays(hallId, localDate(innerStart, tz), localDate(innerEnd - 1, tz));
      const edges = [
        ...(innerStart > from ? [foldDay(reader.read(hallId, from, innerStart), tz)] : []),
        ...(innerEnd < to ? [foldDay(reader.read(hallId, innerEnd, to), tz)] : []),
      ];
      const merged: DayRollup = {
        windows: [...inner.windows, ...edges.flatMap((e) => e.windows)],
        categories: [...inner.categories, ...edges.flatMap((e) => e.categories)],
        hours: [...inner.hours, ...edges.flatMap((e) => e.hours)],
        waits: [...inner.waits, ...edges.flatMap((e) => e.waits)],
      };
      answer = aggregateDays(merged, hall, { from, to, groupBy });
    }
  }
  return { ...withFloor(reader, hallId, hall, from, to, groupBy, answer), pendingDays: reader.pending(hallId) };
}

/**
 * Issue #9: idle minutes and episodes (rows by window or department) and the priority waits, over the
 * whole hall-local days of the period — they are kept per day only, so a partial edge day adds nothing.
 */
function withFloor(reader: RollupReader, hallId: string, hall: HallConfig, from: number, to: number, groupBy: HistoryGroup, answer: Omit<HistoryAnswer, "pendingDays">): Omit<HistoryAnswer, "pendingDays"> {
  if (!reader.readFloorDays) return answer;
  const { innerStart, innerEnd } = split(from, to, hall.timezone);
  const floor: FloorDays = innerEnd > innerStart ? reader.readFloorDays(hallId, localDate(innerStart, hall.timezone), localDate(innerEnd - 1, hall.timezone)) : { idle: [], priority: [] };
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
export function hourCellsOf(reader: RollupReader, hallId: string, tz: string, from: number, to: number): HourCells {
  const { innerStart, innerEnd } = split(from, to, tz);
  if (innerEnd <= innerStart) return foldHourCells(reader.read(hallId, from, to), tz);
  const inner = reader.readHourCells(hallId, localDate(innerStart, tz), localDate(innerEnd - 1, tz));
  const edges = [...(innerStart > from ? [foldHourCells(reader.read(hallId, from, innerStart), tz)] : []), ...(innerEnd < to ? [foldHourCells(reader.read(hallId, innerEnd, to), tz)] : [])];
  return { windows: [...inner.windows, ...edges.flatMap((e) => e.windows)], categories: [...inner.categories, ...edges.flatMap((e) => e.categories)] };
}

/** The day-level rollups of the whole local days [from, to) (both local midnights), e.g. a month. */
export function daysOf(reader: RollupReader, hallId: string, tz: string, from: number, to: number): DayRollup {
  return reader.readDays(hallId, localDate(from, tz), localDate(to - 1, tz));
}
