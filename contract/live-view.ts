// The load view: GET /api/halls/:hallId/load and the `view` of /display snapshots and updates.
// Definitions of every figure: docs/metrics.md.
import type { Finding, RuleId } from "./consistency.js";
import type { LiveFloor } from "./floor.js";
import type { RebalanceAdvice } from "./history.js";

export type WindowState = "open" | "paused" | "closed";

export interface CurrentTicket {
  ticketNo: string;
  categoryId: string | null;
  /** `called`: called to the window, service not started yet; `serving`: in service. */
  phase: "called" | "serving";
  /** When the ticket was called (phase called) or its service started (phase serving). */
  since: string;
}

export interface WindowLoad {
  windowId: string;
  openSeconds: number;
  busySeconds: number;
  /** busy / open; 0 when open is 0. */
  utilization: number;
  /** Completions with time in [from, to). */
  served: number;
  /** Mean of (completed − started) over those completions; null when none had a start. */
  avgHandleSeconds: number | null;
  /** Mean rating of evaluations in [from, to); null when none. */
  ratingAvg: number | null;
  ratingCount: number;
  /** Open ≥ 10 minutes of the interval (or all of it when the interval is shorter). */
  eligible: boolean;
  hot: boolean;
  cold: boolean;
  /** State at `to`. */
  state: WindowState;
  stateSince: string | null;
  /** The ticket called to or served at this window at `to` (null when none or the window is closed). */
  currentTicket: CurrentTicket | null;
  /** Completions since the start of the hall's local day of `to`. */
  servedToday: number;
}

export interface CategoryLoad {
  categoryId: string;
  /** Tickets issued in [from, to). */
  arrivals: number;
  /** Tickets whose first call falls in [from, to). */
  calledCount: number;
  avgWaitSeconds: number | null;
  maxWaitSeconds: number | null;
  /** Tickets waiting at `to`: issued (or transferred in) and not yet called. */
  waitingNow: number;
  /** How long the longest-waiting of those has waited at `to`; null when none waits. */
  oldestWaitSeconds: number | null;
}

export interface Imbalance {
  /** Population standard deviation / mean of utilization over eligible windows (0 when mean is 0). */
  cv: number;
  hot: string[];
  cold: string[];
  /** True when a hot and a cold window coexist. */
  imbalanced: boolean;
}

/** A call for the ticker: ticket numbers only, never a person. */
export interface RecentCall {
  ticketNo: string;
  windowId: string;
  categoryId: string | null;
  ts: string;
  /** A second or later call of the same ticket. */
  recall: boolean;
}

/** One 15-minute slot of the hall's local day. */
export interface TodayBucket {
  start: string;
  /** Tickets issued in the slot. */
  arrivals: number;
  /** Service completions in the slot. */
  served: number;
  /** Mean wait of the tickets first called in the slot; null when none. */
  avgWaitSeconds: number | null;
}

/** The hall's local day so far, in 15-minute slots (live view only), for the wall's day charts. */
export interface TodaySeries {
  dayStart: string;
  bucketMinutes: number;
  buckets: TodayBucket[];
}

/**
 * The wall's consistency panel: whether checks are configured (an online list imported), the open
 * findings that matter on the floor (visit-limit, extra-materials, department-mismatch; newest first, at
 * most 12), and the count of open findings per rule.
 */
export interface LiveConsistency {
  configured: boolean;
  floor: Omit<Finding, "lastSeen">[];
  counts: Partial<Record<RuleId, number>>;
  /** Open 好差评 follow-up cases past their deadline. */
  overdueFollowUps: number;
}

/**
 * A staff console or counter terminal of an open window not heard from for the heartbeat timeout
 * (docs/metrics.md, "Idle while waiting"). Live view only.
 */
export interface LiveHeartbeat {
  windowId: string;
  /** The silent terminal's deviceId; null for the window's staff console (/staff). */
  deviceId: string | null;
  /** Its last sign of life, or the window's opening if later (ISO). */
  lastSeenAt: string;
  /** Whole minutes from lastSeenAt to the view's computation. */
  lostMinutes: number;
}

export interface LoadView {
  hallId: string;
  from: string;
  to: string;
  /** True for the live view (the last 60 minutes up to now). */
  live: boolean;
  windows: WindowLoad[];
  categories: CategoryLoad[];
  imbalance: Imbalance;
  /** The latest calls up to `to`, newest first (at most 12). */
  recentCalls: RecentCall[];
  /** Live view only: today's arrivals, completions and waits per 15 minutes. */
  today?: TodaySeries;
  /** Live view only: online↔hall consistency findings for the wall's panel. */
  consistency?: LiveConsistency;
  /** Live view only, while imbalanced: cold windows that could take hot categories (no predictions here). */
  rebalance?: RebalanceAdvice[];
  /** Live view only: idle-while-waiting windows and wait estimates per category (refreshed at most every 5 s). */
  floor?: LiveFloor;
  /** Live view only: consoles and terminals whose heartbeat is lost, in configuration order of their windows. */
  heartbeats?: LiveHeartbeat[];
}

/** The configured names a display needs next to the figures. */
export interface HallSummary {
  hallId: string;
  name: string;
  timezone: string;
  targets: { waitMinutes: number; hotUtilization: number; coldUtilization: number };
  windows: { id: string; name: string; department: string; categories: string[]; comprehensive: boolean }[];
  categories: { id: string; name: string }[];
  /** Issue #10: present (true) when the hall opted in to the public page; a wall then shows its QR code. */
  public?: true;
}

/**
 * A display's seq is `bootEpoch × SEQ_PER_BOOT + counter`: it increases within one server's run and across
 * its restarts. In a cluster (issue #11) each node counts its own seqs under its own boot epoch, so seqs of
 * two epochs say nothing about which is newer — a display compares seqs only within one epoch, and takes a
 * snapshot from another epoch (its server restarted, or it failed over to another node) as it comes.
 */
export const SEQ_PER_BOOT = 1_000_000_000;

/** The boot epoch a seq was counted under. */
export function seqEpoch(seq: number): number {
  return Math.floor(seq / SEQ_PER_BOOT);
}

/** Sent on connect to /display and whenever a client must start over. */
export interface DisplaySnapshot {
  seq: number;
  hall: HallSummary;
  view: LoadView;
}

/** The changed parts of the view, in the snapshot's shape; lists hold only the changed entries. */
/**
 * A compact update's change to today's series (displays that connect with `compact: true`): the
 * buckets from index `from` on replace those held from there (the series only grows and its past buckets
 * rarely change, so this is usually the current bucket alone instead of the whole day).
 */
export interface TodayTail {
  dayStart: string;
  from: number;
  buckets: TodayBucket[];
}

/**
 * A changed window with its id and only the fields that changed (displays that connect with
 * `fieldDeltas: true`): under a steady stream every open window's open and busy seconds move at every
 * update, and whole entries were most of an update's bytes.
 */
export type WindowFields = Partial<WindowLoad> & { windowId: string };
/** A changed category with its id and only the fields that changed (`fieldDeltas: true`). */
export type CategoryFields = Partial<CategoryLoad> & { categoryId: string };

export interface LoadViewPatch {
  from: string;
  to: string;
  windows?: WindowLoad[];
  categories?: CategoryLoad[];
  /** Field-delta updates only: changed fields of windows the display holds (merged into them). */
  windowFields?: WindowFields[];
  /** Field-delta updates only: changed fields of categories the display holds. */
  categoryFields?: CategoryFields[];
  imbalance?: Imbalance;
  recentCalls?: RecentCall[];
  today?: TodaySeries;
  /** Compact updates only, instead of `today` while the day is the same (see TodayTail). */
  todayTail?: TodayTail;
  consistency?: LiveConsistency;
  rebalance?: RebalanceAdvice[];
  /** The whole floor section whenever any of it changed. */
  floor?: LiveFloor;
  /** The whole list whenever it changed (an empty list: all heard again). */
  heartbeats?: LiveHeartbeat[];
}

/** Coalesced to at most one per 250 ms per hall. Apply only when `baseSeq` equals the seq you hold. */
export interface DisplayUpdate {
  seq: number;
  baseSeq: number;
  hall?: HallSummary;
  view: LoadViewPatch;
}

/** Live window length and update coalescing, shared by server and clients. */
export const LIVE_WINDOW_MINUTES = 60;
export const UPDATE_COALESCE_MS = 250;
