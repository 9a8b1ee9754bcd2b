// Replays a log of events as the live state folds them and records each ticket's estimate at the moment
// it was issued — the calibration of days whose estimates were never recorded (history, backfilled demo
// days), and the calibration test on simulated days.
import { parseIsoTimestamp, type HallConfig, type HallEvent } from "../../../contract/index.js";
import { HallFacts } from "../hall-facts.js";
import { issueEstimates, type CalibrationInput, type IssueEstimate } from "./calibration.js";
import { estimateWaits, type WaitEstimateOptions } from "./estimate-waits.js";
import { recalibrate } from "./recalibrate.js";

export interface ReplayOptions extends WaitEstimateOptions {
  /** Record only tickets issued at or after this (earlier events still fold in: yesterday's pace). */
  recordFrom?: number;
  /**
   * Correct each estimate as the live hall would (recalibrate.ts), from the estimates of the tickets
   * issued before it in the replay and the calls known at that moment; earlier tickets are then
   * estimated too (yesterday's history), though only those from `recordFrom` are returned.
   */
  recalibrate?: boolean;
}

/**
 * Every ticket's issue-time estimate and first call. Events are folded in time order; at each moment
 * a ticket is issued (after folding everything up to and including that millisecond) the hall is
 * estimated, and the new tickets' bands are recorded.
 */
export function replayIssueEstimates(events: readonly HallEvent[], hall: HallConfig, opts: ReplayOptions = {}): CalibrationInput[] {
  const timed = events.map((e) => ({ e, ts: parseIsoTimestamp(e.ts) as number })).sort((a, b) => a.ts - b.ts);
  const facts = new HallFacts();
  const recorded = new Map<string, IssueEstimate>();
  const recordFrom = opts.recordFrom ?? -Infinity;
  const issuedAt = (ticketId: string) => facts.tickets.get(ticketId)?.issues[0]?.ts ?? null;
  for (let i = 0; i < timed.length; ) {
    const ts = (timed[i] as { ts: number }).ts;
    let issued = false;
    for (; i < timed.length && (timed[i] as { ts: number }).ts === ts; i++) {
      const { e } = timed[i] as { e: HallEvent };
      facts.add(e);
      if (e.type === "ticket.issued" && (ts >= recordFrom || opts.recalibrate) && !recorded.has(e.ticketId)) issued = true;
    }
    if (!issued) continue;
    const correction = opts.recalibrate ? recalibrate(known(recorded, facts), ts) : undefined;
    const est = estimateWaits(facts, hall, ts, correction ? { ...opts, correction } : opts);
    // Only the tickets issued at this very moment: the estimate they were given at issue.
    const skip = (id: string) => recorded.has(id) || issuedAt(id) !== ts;
    for (const r of issueEstimates(est, skip, issuedAt)) recorded.set(r.ticketId, r);
  }
  return known(recorded, facts).filter((x) => x.estimate.issuedAt >= recordFrom);
}

/** The recorded estimates with the first calls folded so far (the replay folds in time order). */
function known(recorded: ReadonlyMap<string, IssueEstimate>, facts: HallFacts): CalibrationInput[] {
  return [...recorded.values()].map((estimate) => ({ estimate, firstCalledAt: facts.tickets.get(estimate.ticketId)?.calls[0]?.ts ?? null }));
}
