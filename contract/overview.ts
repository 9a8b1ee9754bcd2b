// The province overview: GET /api/overview — every hall's live figures, ranked worst first, for a role
// that spans halls (an `overseer` token, or an admin token without hall). Definitions: docs/metrics.md,
// "Province overview". Hall-level figures only: no ticket, window occupant or citizen appears here.

export interface OverviewHall {
  /** 1 = the hall that most needs attention (docs/metrics.md, "Province overview": the ordering). */
  rank: number;
  hallId: string;
  name: string;
  imbalance: { cv: number; imbalanced: boolean; hot: number; cold: number };
  /** Tickets waiting now, summed over the hall's categories. */
  waitingNow: number;
  /** The longest current wait in the hall, seconds; null when nobody waits. */
  oldestWaitSeconds: number | null;
  /** The hall's waiting-time target (minutes) behind `withinTargetShare`. */
  waitTargetMinutes: number;
  /** Tickets first called today (hall-local day) up to now. */
  calledToday: number;
  /** Share of those whose wait was at most the target; null when none was called yet. */
  withinTargetShare: number | null;
  /** Open online↔hall consistency findings, all rules summed (the live view's `consistency.counts`). */
  openFindings: number;
  windows: { open: number; total: number };
  /** Windows idle while tickets wait (the live view's `floor.idle`). */
  idleWindows: number;
  /** Consoles and terminals whose heartbeat is lost (the live view's `heartbeats`). */
  lostHeartbeats: number;
}

export interface Overview {
  /** When the figures were taken (ISO); they may be up to a few seconds old (a short server cache). */
  at: string;
  halls: OverviewHall[];
}
