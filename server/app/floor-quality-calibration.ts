// GET …/floor/calibration: can the hall's wait estimates be trusted? The estimates given at issue (as
// persisted, so a restart loses nothing) against each ticket's first call, per hall-local day and
// category (domain calibrate), plus one verdict over the period by a documented rule.
import { localDayRange, type CalibrationResponse, type CalibrationVerdict, type HallConfig } from "../../contract/index.js";
import { calibrate } from "../domain/wait-estimate/calibration.js";
import type { EstimateStore } from "./ports.js";

/**
 * The screen is trusted when the share of tickets called by their P80 is within ±0.08 of 0.8 (the
 * per-day tolerance the model is tested to, docs/metrics.md) over at least 20 judged tickets.
 */
export const CALIBRATION_RULE = { p80Target: 0.8, p50Target: 0.5, tolerance: 0.08, minTickets: 20 } as const;

export function calibrationVerdict(tickets: number, byP80Share: number | null): CalibrationVerdict {
  if (tickets < CALIBRATION_RULE.minTickets || byP80Share === null) return "too_few";
  // Rounded to 1e-9 so that 0.72 is within 0.8 − 0.08 despite floating point.
  const diff = Math.round((byP80Share - CALIBRATION_RULE.p80Target) * 1e9) / 1e9;
  if (Math.abs(diff) <= CALIBRATION_RULE.tolerance) return "trusted";
  return diff < 0 ? "optimistic" : "cautious";
}

/** `from` and `to` are hall-local dates (both included), already validated. */
export async function calibrationOf(store: EstimateStore, hallId: string, hall: HallConfig, from: string, to: string): Promise<CalibrationResponse> {
  const start = localDayRange(from, hall.timezone).start;
  const end = localDayRange(to, hall.timezone).end;
  const rows = calibrate(await store.calibrationInputs(hallId, start, end), hall.timezone);
  let tickets = 0;
  let byP50 = 0;
  let byP80 = 0;
  let noEstimate = 0;
  let notCalled = 0;
  for (const r of rows) {
    if (r.categoryId !== null) continue;
    tickets += r.tickets;
    // Shares of whole counts: back to the counts (exact after rounding).
    byP50 += Math.round((r.byP50Share ?? 0) * r.tickets);
    byP80 += Math.round((r.byP80Share ?? 0) * r.tickets);
    noEstimate += r.noEstimate;
    notCalled += r.notCalled;
  }
  const byP80Share = tickets > 0 ? byP80 / tickets : null;
  return {
    from,
    to,
    rule: { ...CALIBRATION_RULE },
    summary: { tickets, byP50Share: tickets > 0 ? byP50 / tickets : null, byP80Share, noEstimate, notCalled, verdict: calibrationVerdict(tickets, byP80Share) },
    rows,
  };
}
