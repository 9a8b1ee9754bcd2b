// The follow-up case's life: open → contacted → rectified → reviewed, or an appeal (申诉) from any open
// step → upheld / withdrawn. Whether a case is overdue and whether it was closed on time.
import { CLOSED_STATES, type FollowUpReport, type FollowUpReportRow, type FollowUpState } from "../../../contract/index.js";

const NEXT: Record<FollowUpState, readonly FollowUpState[]> = {
  open: ["contacted", "appealed"],
  contacted: ["rectified", "appealed"],
  rectified: ["reviewed", "appealed"],
  appealed: ["upheld", "withdrawn"],
  reviewed: [],
  upheld: [],
  withdrawn: [],
};

export function allowedNext(state: FollowUpState): readonly FollowUpState[] {
  return NEXT[state];
}

export function canTransition(from: FollowUpState, to: FollowUpState): boolean {
  return NEXT[from].includes(to);
}

export const isClosed = (state: FollowUpState) => CLOSED_STATES.includes(state);

/** The highest rating that opens a case: 不满意 (2) and 非常不满意 (1) are poor. */
export const POOR_RATING_MAX = 2;

/** Poor evaluations open a case. */
export const isPoorRating = (rating: number) => rating <= POOR_RATING_MAX;

export interface CaseFacts {
  windowId: string;
  /** Hall-local date of the evaluation. */
  evaluatedOn: string;
  deadline: string;
  state: FollowUpState;
  /** Hall-local date the case reached a closed state, or null. */
  closedOn: string | null;
}

/** Past its deadline and still not closed, judged on hall-local `today`. */
export function isOverdue(c: Pick<CaseFacts, "deadline" | "state">, today: string): boolean {
  return !isClosed(c.state) && today > c.deadline;
}

function row(key: string, cases: readonly CaseFacts[]): FollowUpReportRow {
  const followedUp = cases.filter((c) => c.closedOn !== null).length;
  const onTime = cases.filter((c) => c.closedOn !== null && c.closedOn <= c.deadline).length;
  return {
    key,
    poor: cases.length,
    followedUp,
    onTime,
    followedUpShare: cases.length > 0 ? followedUp / cases.length : null,
    onTimeShare: cases.length > 0 ? onTime / cases.length : null,
  };
}

/** Shares per month of the evaluation and per window (target: 100% followed up, on time). */
export function followUpReport(cases: readonly CaseFacts[]): FollowUpReport {
  const group = (key: (c: CaseFacts) => string) => {
    const m = new Map<string, CaseFacts[]>();
    for (const c of cases) m.set(key(c), [...(m.get(key(c)) ?? []), c]);
    return [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, list]) => row(k, list));
  };
  return { byMonth: group((c) => c.evaluatedOn.slice(0, 7)), byWindow: group((c) => c.windowId) };
}
