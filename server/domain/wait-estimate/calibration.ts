// Can the hall's screen be trusted? Each ticket's estimate as given when it was issued, against when it
// was actually first called, per hall-local day and category. Calibrated bands call about half the
// tickets by their P50 and about four in five by their P80 (docs/metrics.md, "Wait estimates").
import { localDate } from "../../../contract/index.js";
import type { EstimateBasis, WaitEstimates } from "./estimate-waits.js";
import { screenBand } from "./screen-band.js";

/** The estimate a ticket was given when it was issued — what the caller records once per ticket. */
export interface IssueEstimate {
  ticketId: string;
  categoryId: string;
  issuedAt: number;
  /** When the estimate was made (the first estimate that saw the ticket waiting): ≥ issuedAt. */
  estimatedAt: number;
  /** Remaining wait from `estimatedAt`, in minutes, as estimated; null when unknown. */
  p50Minutes: number | null;
  p80Minutes: number | null;
  basis: EstimateBasis;
  /** The model's band before the online correction, when one was applied (recalibrate.ts learns from it). */
  modelP50Minutes?: number | null;
  modelP80Minutes?: number | null;
}

/**
 * The records to keep from one estimate: tickets not recorded yet that still wait in the queue they were
 * issued into (`issuedAt` is their queue entry; a ticket first seen after a transfer has no issue-time
 * estimate to record).
 */
export function issueEstimates(est: WaitEstimates, isRecorded: (ticketId: string) => boolean, issuedAt: (ticketId: string) => number | null): IssueEstimate[] {
  const out: IssueEstimate[] = [];
  for (const t of est.tickets) {
    if (isRecorded(t.ticketId) || issuedAt(t.ticketId) !== t.since) continue;
    const rec: IssueEstimate = { ticketId: t.ticketId, categoryId: t.categoryId, issuedAt: t.since, estimatedAt: est.at, p50Minutes: t.p50Minutes, p80Minutes: t.p80Minutes, basis: t.basis };
    if (t.modelP50Minutes !== undefined) rec.modelP50Minutes = t.modelP50Minutes;
    if (t.modelP80Minutes !== undefined) rec.modelP80Minutes = t.modelP80Minutes;
    out.push(rec);
  }
  return out;
}

export interface CalibrationInput {
  estimate: IssueEstimate;
  /** The ticket's first ticket.called (epoch ms), or null when it never was (abandoned, still waiting). */
  firstCalledAt: number | null;
}

export interface CalibrationRow {
  /** Hall-local date of the issue, YYYY-MM-DD. */
  day: string;
  /** null: the whole hall. */
  categoryId: string | null;
  /** Tickets with a band that were called: the base of every share. */
  tickets: number;
  /** Called at or before P50 (≈ 0.5 when calibrated). */
  byP50Share: number | null;
  /** Called at or before P80 (≈ 0.8 when calibrated) — the screen's promise. */
  byP80Share: number | null;
  /** Called within the band as shown on the screen (rounded outward), ends included. */
  withinShownShare: number | null;
  /** Called later than the shown band's upper end. */
  laterThanShownShare: number | null;
  /** Excluded: issued with basis "unknown" (no band was shown). */
  noEstimate: number;
  /** Excluded: had a band but were never called (left, or still waiting). */
  notCalled: number;
}

interface Tally {
  tickets: number;
  byP50: number;
  byP80: number;
  withinShown: number;
  laterShown: number;
  noEstimate: number;
  notCalled: number;
}

const emptyTally = (): Tally => ({ tickets: 0, byP50: 0, byP80: 0, withinShown: 0, laterShown: 0, noEstimate: 0, notCalled: 0 });

/** Calibration per hall-local day: a whole-hall row, then one per category (sorted). */
export function calibrate(inputs: readonly CalibrationInput[], timeZone: string): CalibrationRow[] {
  const tallies = new Map<string, Map<string | null, Tally>>();
  for (const { estimate: e, firstCalledAt } of inputs) {
    const day = localDate(e.issuedAt, timeZone);
    let byCat = tallies.get(day);
    if (!byCat) tallies.set(day, (byCat = new Map()));
    for (const key of [null, e.categoryId]) {
      let t = byCat.get(key);
      if (!t) byCat.set(key, (t = emptyTally()));
      count(t, e, firstCalledAt);
    }
  }
  const rows: CalibrationRow[] = [];
  for (const day of [...tallies.keys()].sort()) {
    const byCat = tallies.get(day) as Map<string | null, Tally>;
    const keys = [...byCat.keys()].sort((a, b) => (a === null ? -1 : b === null ? 1 : a < b ? -1 : a > b ? 1 : 0));
    for (const categoryId of keys) rows.push(row(day, categoryId, byCat.get(categoryId) as Tally));
  }
  return rows;
}

/** Waits are compared from the moment of the estimate (a ticket first estimated late is judged fairly). */
function count(t: Tally, e: IssueEstimate, firstCalledAt: number | null): void {
  if (e.p50Minutes === null || e.p80Minutes === null) {
    t.noEstimate += 1;
    return;
  }
  if (firstCalledAt === null) {
    t.notCalled += 1;
    return;
  }
  const waited = Math.max(0, firstCalledAt - e.estimatedAt) / 60_000;
  t.tickets += 1;
  if (waited <= e.p50Minutes) t.byP50 += 1;
  if (waited <= e.p80Minutes) t.byP80 += 1;
  const shown = screenBand(e.p50Minutes, e.p80Minutes);
  if (shown && waited >= shown.lowMinutes && waited <= shown.highMinutes) t.withinShown += 1;
  if (shown && waited > shown.highMinutes) t.laterShown += 1;
}

function row(day: string, categoryId: string | null, t: Tally): CalibrationRow {
  const share = (n: number) => (t.tickets > 0 ? n / t.tickets : null);
  return {
    day,
    categoryId,
    tickets: t.tickets,
    byP50Share: share(t.byP50),
    byP80Share: share(t.byP80),
    withinShownShare: share(t.withinShown),
    laterThanShownShare: share(t.laterShown),
    noEstimate: t.noEstimate,
    notCalled: t.notCalled,
  };
}
