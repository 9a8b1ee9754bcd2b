// GET /history: the rollups of a period aggregated by the pure history module (figures equal those
// over raw events, docs/metrics.md "History"), with how many days still wait for recomputation.
import { localDate, localDayRange, type HallConfig, type HistoryGroup, type HistoryResponse } from "../../contract/index.js";
import { aggregateDays } from "../domain/history/aggregate-days.js";
import type { DayRollup } from "../domain/history/day-rollup.js";
import { aggregateHistory } from "../domain/history/aggregate-history.js";
import type { Rollup } from "../domain/history/rollup.js";

export interface RollupReader {
  read(hallId: string, from: number, to: number): Rollup;
  readDays(hallId: string, fromDay: string, toDay: string): DayRollup;
  pending(hallId: string): number;
}

export type HistoryAnswer = HistoryResponse;

/**
 * A period of whole hall-local days reads the day-level rollups (a year in a few thousand rows); any other
 * period the 15-minute buckets. Both give the same figures (tested).
 */
export function historyOf(reader: RollupReader, hallId: string, hall: HallConfig, from: number, to: number, groupBy: HistoryGroup): HistoryAnswer {
  const tz = hall.timezone;
  const firstDay = localDate(from, tz);
  const lastDay = localDate(to - 1, tz);
  const wholeDays = localDayRange(firstDay, tz).start === from && localDayRange(lastDay, tz).end === to;
  const answer = wholeDays
    ? aggregateDays(reader.readDays(hallId, firstDay, lastDay), hall, { from, to, groupBy })
    : aggregateHistory(reader.read(hallId, from, to), hall, { from, to, groupBy });
  return { ...answer, pendingDays: reader.pending(hallId) };
}
