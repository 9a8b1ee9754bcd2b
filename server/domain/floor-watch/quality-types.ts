// Shared shapes of the device data-quality report (docs/metrics.md, "Device data quality").
import type { HallEvent } from "../../../contract/index.js";

/** An event as the log holds it: the payload and the server's receive time (Event.receivedMs). */
export interface ReceivedEvent {
  event: HallEvent;
  receivedMs: number;
}

export const IMPOSSIBLE_KINDS = ["completed_without_start", "call_before_issue", "service_on_closed_window"] as const;
export const ISSUE_KINDS = [...IMPOSSIBLE_KINDS, "clock_skew", "seq_gap", "late_event"] as const;
export type IssueKind = (typeof ISSUE_KINDS)[number];

export interface QualityIssue {
  kind: IssueKind;
  /** The event that shows the issue (the completion, the call, the service, the event after a gap…). */
  eventId: string;
  /** The other event of the pair, when there is one (the issue of a called ticket, the event before a gap). */
  relatedEventId?: string;
  windowId: string | null;
  deviceId: string | null;
  /** Event time of `eventId`. */
  ts: number;
  /** clock_skew: estimated offset (device − server), late_event: lateness, in ms; seq_gap: missing events. */
  amount?: number;
}

/** Where an event came from and when it arrived. */
export interface EventMeta {
  eventId: string;
  ts: number;
  receivedMs: number;
  deviceId: string | null;
  windowId: string | null;
  seq: number | null;
}

export function windowOf(e: HallEvent): string | null {
  if ("windowId" in e) return e.windowId;
  if ("fromWindowId" in e) return e.fromWindowId;
  return null;
}
