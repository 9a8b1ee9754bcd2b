// The staff console's namespace /staff: actions that become canonical events (hallId, ts and the
// window are set by the server), `call.next`, and the console's own pushed view.
import { z } from "zod";
import { eventFieldShapes, type Priority } from "./events.js";
import { idSchema } from "./ids.js";
import type { IngestResult } from "./ingest.js";
import type { WindowState } from "./live-view.js";

/** Event types a window makes, plus call.next (the server picks the ticket). */
export const STAFF_ACTION_TYPES = [
  "window.opened",
  "window.paused",
  "window.resumed",
  "window.closed",
  "ticket.called",
  "ticket.no_show",
  "ticket.transferred",
  "service.started",
  "service.completed",
  "evaluation.submitted",
  "call.next",
] as const;
export type StaffActionType = (typeof STAFF_ACTION_TYPES)[number];

const windowIdOptional = { windowId: idSchema.optional() };
const f = eventFieldShapes;

/** Actions: `{ id, type, ...fields }` with the event's own fields; `windowId` may be left out. */
export const staffActionSchemas = {
  "window.opened": z.strictObject({ id: idSchema, type: z.literal("window.opened"), ...windowIdOptional, staffId: f["window.opened"].staffId }),
  "window.paused": z.strictObject({ id: idSchema, type: z.literal("window.paused"), ...windowIdOptional, reason: f["window.paused"].reason }),
  "window.resumed": z.strictObject({ id: idSchema, type: z.literal("window.resumed"), ...windowIdOptional }),
  "window.closed": z.strictObject({ id: idSchema, type: z.literal("window.closed"), ...windowIdOptional }),
  "ticket.called": z.strictObject({ id: idSchema, type: z.literal("ticket.called"), ...windowIdOptional, ticketId: idSchema }),
  "ticket.no_show": z.strictObject({ id: idSchema, type: z.literal("ticket.no_show"), ...windowIdOptional, ticketId: idSchema }),
  "ticket.transferred": z.strictObject({
    id: idSchema,
    type: z.literal("ticket.transferred"),
    fromWindowId: idSchema.optional(),
    ticketId: idSchema,
    toCategoryId: idSchema,
  }),
  "service.started": z.strictObject({ id: idSchema, type: z.literal("service.started"), ...windowIdOptional, ticketId: idSchema }),
  "service.completed": z.strictObject({
    id: idSchema,
    type: z.literal("service.completed"),
    ...windowIdOptional,
    ticketId: idSchema,
    outcome: f["service.completed"].outcome,
    requestedMaterials: f["service.completed"].requestedMaterials,
  }),
  "evaluation.submitted": z.strictObject({
    id: idSchema,
    type: z.literal("evaluation.submitted"),
    ...windowIdOptional,
    ticketId: idSchema,
    rating: f["evaluation.submitted"].rating,
    comment: f["evaluation.submitted"].comment,
  }),
  "call.next": z.strictObject({ id: idSchema, type: z.literal("call.next"), ...windowIdOptional }),
} as const;

export type StaffAction = z.infer<(typeof staffActionSchemas)[StaffActionType]>;

export function isStaffActionType(value: unknown): value is StaffActionType {
  return typeof value === "string" && (STAFF_ACTION_TYPES as readonly string[]).includes(value);
}

/** The ticket `call.next` called (also in a retried call.next's ack). */
export interface CalledTicket {
  ticketId: string;
  ticketNo: string;
  categoryId: string | null;
  itemCode: string | null;
  priority: Priority;
  waitedSeconds: number | null;
}

/** The ack data of an action: the canonical event's result, plus the called ticket for call.next. */
export interface StaffActionResult extends IngestResult {
  ticket?: CalledTicket;
}

export interface StaffCurrentTicket extends CalledTicket {
  phase: "called" | "serving";
  /** When it was called (phase called) or its service started (phase serving). */
  since: string;
  /** How many times it has been called at this window (2+ = recalled). */
  calls: number;
}

export interface StaffQueueEntry {
  categoryId: string;
  waiting: number;
  greenWaiting: number;
  oldestWaitSeconds: number | null;
}

/** The ticket call.next would pick now, and why. */
export interface NextTicketHint {
  ticketNo: string;
  categoryId: string;
  priority: Priority;
  reason: "green" | "longest_wait";
  waitedSeconds: number;
}

/**
 * Why the next ticket is next (issue #9, docs/metrics.md "Priority fairness"): the first criterion of the
 * call order that puts it before the runner-up. Appointments (预约) have no precedence in that order.
 */
export interface StaffNextExplanation {
  ticketNo: string;
  categoryId: string;
  priority: Priority;
  /** only_waiting: nobody else waits; green_channel: 绿色通道 before a non-green runner-up; longest_wait: same class, in its queue longer; tie_by_ticket_id: same class and entry time, smaller ticket id. */
  rule: "only_waiting" | "green_channel" | "longest_wait" | "tie_by_ticket_id";
  /** Seconds since it entered the queue it waits in (at the view's `at`). */
  waitedSeconds: number;
  /** That entry: its issue, or a transfer into this category (it waits from the transfer). */
  queuedFrom: "issue" | "transfer";
  /** Other tickets waiting in the window's categories, all called after it. */
  aheadOf: number;
  /** Of those, how many entered their queue before it (what the green channel jumped). */
  overtook: number;
  runnerUp: { ticketNo: string; priority: Priority; waitedSeconds: number } | null;
}

/** Pushed on /staff as `staff.view` on connect and whenever it changes. */
export interface StaffView {
  hallId: string;
  windowId: string;
  at: string;
  window: {
    name: string;
    department: string;
    categories: string[];
    state: WindowState;
    stateSince: string | null;
  };
  currentTicket: StaffCurrentTicket | null;
  queue: StaffQueueEntry[];
  next: NextTicketHint | null;
  /** Issue #9: why `next` is next (null when nobody waits). Always set by the server; optional for older fixtures. */
  nextExplanation?: StaffNextExplanation | null;
  today: { served: number; avgHandleSeconds: number | null; ratingAvg: number | null; ratingCount: number };
  /**
   * The version of the hall's current online item list (the service guides), or null when none was
   * imported: read `GET /api/halls/:hallId/items/online` only when it changes.
   */
  onlineListVersion: number | null;
}
