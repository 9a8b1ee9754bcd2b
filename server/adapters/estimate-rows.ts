// A stored wait estimate with its ticket's first call, as both storages read it back (TicketEstimate,
// issue #9), and the calibration input it becomes.
import type { CalibrationInput, IssueEstimate } from "../domain/wait-estimate/calibration.js";
import type { EstimateBasis } from "../domain/wait-estimate/estimate-waits.js";

/** An estimate waiting in a repository's write queue. */
export interface QueuedEstimate {
  hallId: string;
  e: IssueEstimate;
}

export interface EstimateRow {
  ticketId: string;
  categoryId: string;
  issuedMs: number | bigint;
  estimatedMs: number | bigint;
  p50Minutes: number | null;
  p80Minutes: number | null;
  basis: string;
  modelP50Minutes: number | null;
  modelP80Minutes: number | null;
  firstCalledMs: number | bigint | null;
}

export function calibrationInputOf(r: EstimateRow): CalibrationInput {
  return {
    estimate: {
      ticketId: r.ticketId,
      categoryId: r.categoryId,
      issuedAt: Number(r.issuedMs),
      estimatedAt: Number(r.estimatedMs),
      p50Minutes: r.p50Minutes,
      p80Minutes: r.p80Minutes,
      basis: r.basis as EstimateBasis,
      modelP50Minutes: r.modelP50Minutes,
      modelP80Minutes: r.modelP80Minutes,
    },
    firstCalledAt: r.firstCalledMs === null ? null : Number(r.firstCalledMs),
  };
}
