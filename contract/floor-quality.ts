// Floor quality (issue #9) for the admin page: can the hall's wait estimates be trusted (per-day
// calibration of the estimates given at issue), and whose figures rest on doubtful device data.
// GET /api/halls/:hallId/floor/calibration and …/floor/data-quality (docs/contract.md, docs/metrics.md).

/** One hall-local day and category (null: the whole hall) of the estimates given at issue. */
export interface CalibrationRow {
  /** Hall-local date of the issue, YYYY-MM-DD. */
  day: string;
  categoryId: string | null;
  /** Tickets with a band that were called: the base of every share. */
  tickets: number;
  /** Called at or before the P50 (≈ 0.5 when calibrated). */
  byP50Share: number | null;
  /** Called at or before the P80 (≈ 0.8 when calibrated): the screen's promise. */
  byP80Share: number | null;
  /** Called within the band as the screen showed it (rounded outward), ends included. */
  withinShownShare: number | null;
  /** Called later than the shown band's upper end. */
  laterThanShownShare: number | null;
  /** Issued without a band (basis "unknown"): not judged. */
  noEstimate: number;
  /** Had a band but were never called (left, or still waiting): not judged. */
  notCalled: number;
}

/**
 * The verdict over the whole period: `trusted` when the share called by the P80 is within the tolerance
 * of 0.8, `optimistic` when fewer were (people wait longer than shown), `cautious` when more were (the
 * screen overstates waits), `too_few` when fewer than `minTickets` tickets can be judged.
 */
export const CALIBRATION_VERDICTS = ["trusted", "optimistic", "cautious", "too_few"] as const;
export type CalibrationVerdict = (typeof CALIBRATION_VERDICTS)[number];

export interface CalibrationResponse {
  /** The period, hall-local dates, both included. */
  from: string;
  to: string;
  /** The rule of the verdict: |byP80Share − p80Target| ≤ tolerance over at least minTickets tickets. */
  rule: { p80Target: number; p50Target: number; tolerance: number; minTickets: number };
  /** The whole period, whole hall. */
  summary: { tickets: number; byP50Share: number | null; byP80Share: number | null; noEstimate: number; notCalled: number; verdict: CalibrationVerdict };
  /** Per day with estimates: the whole-hall row first, then one per category. */
  rows: CalibrationRow[];
}

export const DATA_QUALITY_ISSUE_KINDS = ["completed_without_start", "call_before_issue", "service_on_closed_window", "clock_skew", "seq_gap", "late_event"] as const;
export type DataQualityIssueKind = (typeof DATA_QUALITY_ISSUE_KINDS)[number];
export type DataQualityGrade = "trusted" | "check" | "distrust";

/** One device (by deviceId; events without one count per window) or one window. */
export interface DataQualitySubject {
  id: string;
  /** Its events with an event time in the day. */
  events: number;
  /** 0–100 (docs/metrics.md, "Device data quality"); ≥ 90 trusted, 70–89 check, < 70 distrust. */
  score: number;
  grade: DataQualityGrade;
  /** Issues per kind (seq_gap: gaps). */
  counts: Record<DataQualityIssueKind, number>;
  /** Events missing in its seq gaps. */
  missing: number;
  /** The worst clock offset (device − server, ms) when skewed, else null. */
  skewMs: number | null;
}

export interface DataQualityIssue {
  kind: DataQualityIssueKind;
  /** The event that shows the issue. */
  eventId: string;
  /** The other event of the pair, when there is one. */
  relatedEventId?: string;
  windowId: string | null;
  deviceId: string | null;
  /** Event time of `eventId`, ISO. */
  ts: string;
  /** clock_skew: offset, late_event: lateness (ms); seq_gap: missing events. */
  amount?: number;
}

export interface DataQualityResponse {
  /** The hall-local day judged, YYYY-MM-DD. */
  day: string;
  /** The server time of the judgement, ISO. */
  asOf: string;
  /** Issues held back: the event showing them arrived less than 10 minutes ago (a late event may clear them). */
  pending: number;
  /** Worst first: by score, then id. */
  devices: DataQualitySubject[];
  windows: DataQualitySubject[];
  /** The day's issues by event time, at most `issuesLimit` of them. */
  issues: DataQualityIssue[];
  totalIssues: number;
  issuesLimit: number;
}
