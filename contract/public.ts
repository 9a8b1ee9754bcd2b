// The public side of a hall (issue #10): the live page for citizens' phones and the hall's open data.
// Anonymous and read-only, served only for halls whose configuration says `public.enabled`. Nothing here
// names a ticket id, a case reference, a staff id or which staff sits at a window: categories are
// described by counts and bands, a ticket only by its own public number and its own position.
import type { ScreenBand } from "./floor.js";

/**
 * open: inside today's opening hours; closed: outside them (or no hours today); holiday: a public
 * holiday of the official calendar; calendar_unknown: today's year is past the calendar's known years, so
 * whether today is a working day is not guessed.
 */
export const PUBLIC_OPEN_STATUSES = ["open", "closed", "holiday", "calendar_unknown"] as const;
export type PublicOpenStatus = (typeof PUBLIC_OPEN_STATUSES)[number];

export interface PublicOpenNow {
  status: PublicOpenStatus;
  /** true / false; null with status calendar_unknown. */
  open: boolean | null;
  /** The hall-local date of `asOf` (YYYY-MM-DD). */
  date: string;
  /** Today's opening intervals (hall-local "HH:MM", `to` exclusive); null: no hours configured, open around the clock. */
  todayHours: { from: string; to: string }[] | null;
  /** Today is a weekend day worked by the official calendar (调休上班). */
  makeUpDay: boolean;
}

export interface PublicCategory {
  categoryId: string;
  name: string;
  /** Windows serving the category that are open now (not paused, not closed). */
  openWindows: number;
  /** Tickets waiting now. */
  waiting: number;
  /** The expected wait of a ticket issued now (the live view's floor band); null when unknown. */
  band: ScreenBand | null;
}

/** GET /api/public/halls/:hallId */
export interface PublicHallView {
  hallId: string;
  name: string;
  timezone: string;
  /** When the figures were computed (ISO). */
  asOf: string;
  open: PublicOpenNow;
  /** In configuration order. */
  categories: PublicCategory[];
  /** The licence of the hall's open data; null when the hall named none. */
  licence: string | null;
}

/** waiting: in its queue; called: called to a window (or served since) — no position any more. */
export type PublicTicketStatus = "waiting" | "called";

/** GET /api/public/halls/:hallId/tickets/:number — one ticket of today, by its printed number. */
export interface PublicTicket {
  hallId: string;
  ticketNo: string;
  categoryId: string;
  categoryName: string;
  status: PublicTicketStatus;
  /** Tickets called before it in its category (green channel first, then queue order); null once called. */
  ahead: number | null;
  /**
   * Its own wait band (its remaining wait, from the live floor's per-ticket estimate, at most ~5 s old);
   * its category's band for a ticket issued now until the floor has estimated it; null once called or unknown.
   */
  band: ScreenBand | null;
  asOf: string;
}

export const OPEN_DATA_LEVELS = ["hall", "category", "window"] as const;
export type OpenDataLevel = (typeof OPEN_DATA_LEVELS)[number];

/**
 * One day of one cell (the hall, a category or a window). A cell describing fewer than `minCellCount`
 * tickets — or one suppressed so that it cannot be worked out from the others — has every figure null
 * and `suppressed: true`.
 */
export interface OpenDataRow {
  date: string;
  level: OpenDataLevel;
  /** categoryId or windowId; null for the hall. */
  key: string | null;
  name: string;
  suppressed: boolean;
  arrivals: number | null;
  served: number | null;
  waitP50Seconds: number | null;
  waitP90Seconds: number | null;
  withinTargetShare: number | null;
  noShows: number | null;
  evaluations: number | null;
  poorEvaluations: number | null;
}

/** Consistency findings (online↔hall) of one rule open on a day: counts of service items, never people. */
export interface OpenDataFindings {
  date: string;
  rule: string;
  open: number;
}

/** GET /api/open-data/halls/:hallId/daily.json?from=&to= */
export interface OpenDataDaily {
  hallId: string;
  name: string;
  from: string;
  to: string;
  licence: string | null;
  minCellCount: number;
  /** The hall's waiting-time target behind withinTargetShare. */
  waitTargetMinutes: number;
  /** Days whose rollups still wait for recomputation: figures of recent days may still change (0 when current). */
  pendingDays: number;
  rows: OpenDataRow[];
  findings: OpenDataFindings[];
}
