// 好差评 follow-up: every poor evaluation (rating ≤ 2) opens a case with a deadline in working days.
// GET /api/halls/:hallId/followups, POST …/followups/:id/transition, GET …/followups/report.
import { z } from "zod";

export const FOLLOW_UP_STATES = ["open", "contacted", "rectified", "reviewed", "appealed", "upheld", "withdrawn"] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];

/** A case is closed in one of these states: reviewed after rectification, or an appeal decided. */
export const CLOSED_STATES: readonly FollowUpState[] = ["reviewed", "upheld", "withdrawn"];

export interface FollowUpStep {
  state: FollowUpState;
  at: string;
  note: string | null;
  by: string | null;
}

export interface FollowUpCase {
  id: number;
  hallId: string;
  ticketId: string;
  ticketNo: string | null;
  windowId: string;
  itemCode: string | null;
  rating: number;
  evaluatedAt: string;
  /** Hall-local date by which the case must be closed. */
  deadline: string;
  /** The deadline depends on a year without official holiday data. */
  provisional: boolean;
  state: FollowUpState;
  history: FollowUpStep[];
  overdue: boolean;
}

export const followUpTransitionSchema = z.strictObject({
  to: z.enum(FOLLOW_UP_STATES, { error: `expected one of ${FOLLOW_UP_STATES.join(", ")}` }),
  note: z.string({ error: "expected text" }).max(500, { error: "must be at most 500 characters" }).optional(),
});
export type FollowUpTransition = z.infer<typeof followUpTransitionSchema>;

export interface FollowUpReportRow {
  /** "2026-11" for byMonth, a window id for byWindow. */
  key: string;
  poor: number;
  /** Cases closed (reviewed, upheld or withdrawn). */
  followedUp: number;
  /** Cases closed on or before their deadline. */
  onTime: number;
  followedUpShare: number | null;
  onTimeShare: number | null;
}

export interface FollowUpReport {
  byMonth: FollowUpReportRow[];
  byWindow: FollowUpReportRow[];
}
