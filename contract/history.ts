// Allocation review: GET /api/halls/:hallId/history and /staffing (docs/metrics.md, "History").
import type { Priority } from "./events.js";

export const HISTORY_GROUPS = ["window", "department", "category", "hour", "weekday", "day"] as const;
export type HistoryGroup = (typeof HISTORY_GROUPS)[number];

export interface HistoryRow {
  /** windowId, department name, categoryId, hour 0–23, ISO weekday 1–7 (Monday = 1), or YYYY-MM-DD. */
  key: string | number;
  arrivals: number;
  served: number;
  noShows: number;
  utilization: number;
  waitP50Seconds: number | null;
  waitP90Seconds: number | null;
  waitMaxSeconds: number | null;
  /** Share of the tickets first called in the period that waited at most the hall's waitMinutes. */
  withinTargetShare: number | null;
  avgHandleSeconds: number | null;
  ratingAvg: number | null;
  /** Evaluations with rating ≤ 2 (差评). */
  poorRatings: number;
  /**
   * Issue #9, by window and by department only: minutes idle while people waited (离岗 / 窗口空闲) and the
   * idle episodes that fired, over the whole hall-local days of the period (docs/metrics.md).
   */
  idleMinutes?: number;
  idleEpisodes?: number;
}

/**
 * Issue #9, priority fairness: the waits of one priority (绿色通道 green, 预约 appointment, normal) in one
 * category (null: the whole hall) beside the normal tickets' — over the whole hall-local days of the period.
 */
export interface PriorityWaitSummary {
  categoryId: string | null;
  priority: Priority;
  /** Tickets first called in the period. */
  count: number;
  p50Seconds: number;
  p90Seconds: number;
  /** This priority's p50 (p90) over the normal tickets'; null without normal tickets or when theirs is 0. */
  p50RatioToNormal: number | null;
  p90RatioToNormal: number | null;
}

export interface HistoryResponse {
  from: string;
  to: string;
  groupBy: HistoryGroup;
  rows: HistoryRow[];
  /** The imbalance index of each hall-local day in the period. */
  imbalance: { day: string; cv: number }[];
  /** Days whose rollups still wait for recomputation (0 when history is current). */
  pendingDays: number;
  /** Issue #9: priority tickets' waits beside ordinary ones, the hall first then each category (empty: no whole day in the period, or no call). */
  priorityWaits?: PriorityWaitSummary[];
}

/** GET /api/halls/:hallId/history/status and POST …/history/rebuild (202, plus markedDays). */
export interface HistoryStatus {
  pendingDays: number;
  /** The hall-local day the worker is recomputing now. */
  running: string | null;
  completed: number;
  failed: number;
  /** Of `completed`, today's recomputes made on the live facts instead of the event log (metrics.md, "History"). */
  fromLiveFacts: number;
}

export interface StaffingRow {
  weekday: number;
  hour: number;
  categoryId: string;
  arrivalsPerHour: number;
  avgHandleSeconds: number | null;
  /** Windows the Erlang C formula says the category needs for the target. */
  needed: number;
  /** Windows serving the category that were open, on average over that hour. */
  hadOpen: number;
}

export interface StaffingResponse {
  weeks: number;
  target: number;
  waitMinutes: number;
  rows: StaffingRow[];
}

/** POST /api/halls/:hallId/whatif: replay a past day under another allocation. */
export interface WhatIfRequest {
  /** Hall-local date YYYY-MM-DD of a day already in the log. */
  date: string;
  allocation: {
    /** Windows not listed keep their real categories and open times; `open: []` closes one all day. */
    windows: { id: string; categories: string[]; open?: [string, string][] }[];
  };
  seed?: number;
}

export interface WhatIfFigures {
  categories: { categoryId: string; avgWaitSeconds: number | null; maxWaitSeconds: number | null }[];
  windows: { windowId: string; utilization: number }[];
  cv: number;
}

export interface WhatIfResponse {
  date: string;
  actual: WhatIfFigures;
  predicted: WhatIfFigures;
}

/** A cold window that could take a hot category, with what a replay of today predicts. */
export interface RebalanceAdvice {
  windowId: string;
  categoryId: string;
  /** Why the category is hot: its oldest waiting ticket, or the utilization of the windows serving it. */
  reason: { oldestWaitSeconds: number | null; hotWindows: string[] };
  /** Average wait of the category today so far: replayed as it was, and with the window helping. */
  predicted: { currentAvgWaitSeconds: number | null; withChangeAvgWaitSeconds: number | null } | null;
}

export interface RebalanceResponse {
  at: string;
  advice: RebalanceAdvice[];
}

/** GET /api/halls/:hallId/heatmap?kind=arrivals|utilization&from=&to= */
export interface HeatmapResponse {
  kind: "arrivals" | "utilization";
  /** arrivals: ISO weekdays 1–7; utilization: window ids. */
  rows: (string | number)[];
  /** Hall-local hours 0–23. */
  hours: number[];
  /** cells[row][hour]: arrivals per such hour on average (arrivals), or busy / open (utilization; null when never open). */
  cells: (number | null)[][];
}

export interface MonthlyRankRow {
  key: string;
  served: number;
  withinTargetShare: number | null;
  poorRatings: number;
  /** Open but not serving: Σ open − Σ busy. */
  idleSeconds: number;
}

/** GET /api/halls/:hallId/report/monthly?month=YYYY-MM — 月度通报. */
export interface MonthlyReport {
  month: string;
  previousMonth: string;
  windows: MonthlyRankRow[];
  departments: MonthlyRankRow[];
  /** Windows and departments at the bottom of a ranking this month and the month before. */
  lastTwoMonthsRunning: { measure: "served" | "withinTargetShare" | "poorRatings" | "idleSeconds"; level: "window" | "department"; key: string }[];
}
