// GET /history: the rollups of a period aggregated by the pure history module (figures equal those
// over raw events, docs/metrics.md "History"), with how many days still wait for recomputation.
import type { HallConfig, HistoryGroup, HistoryResponse } from "../../contract/index.js";
import { aggregateHistory } from "../domain/history/aggregate-history.js";
import type { Rollup } from "../domain/history/rollup.js";

export interface RollupReader {
  read(hallId: string, from: number, to: number): Rollup;
  pending(hallId: string): number;
}

export type HistoryAnswer = HistoryResponse & { pendingDays: number };

export function historyOf(reader: RollupReader, hallId: string, hall: HallConfig, from: number, to: number, groupBy: HistoryGroup): HistoryAnswer {
  return { ...aggregateHistory(reader.read(hallId, from, to), hall, { from, to, groupBy }), pendingDays: reader.pending(hallId) };
}
