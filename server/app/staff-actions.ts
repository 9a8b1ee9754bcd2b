// Staff console actions: each becomes the same canonical event, in the same log, as a terminal would send
// — hallId, ts and the window come from the server and the token. `call.next` picks the ticket (green
// channel first, then the longest wait) and reserves it until its call is committed, so that two
// windows pressing at once never call the same ticket. A retried action (same id) is never counted twice.
import {
  isStaffActionType,
  parseIsoTimestamp,
  staffActionSchemas,
  type Ack,
  type CalledTicket,
  type HallEvent,
  type StaffActionResult,
} from "../../contract/index.js";
import { waitingTickets, type WaitingTicket } from "../domain/next-ticket.js";
import { ticketWait } from "../domain/ticket-queue.js";
import type { HallDirectory } from "./hall-directory.js";
import type { IngestEvents } from "./ingest-events.js";
import type { LiveHalls } from "./live-halls.js";
import { describeIssue } from "./parse-event.js";
import type { Clock, EventLog } from "./ports.js";

export interface StaffSession {
  hallId: string;
  windowId: string;
}

const refuse = (code: "bad_request" | "forbidden" | "not_found", message: string, field?: string): Ack<never> => ({
  ok: false,
  error: { code, message: field ? `${field}: ${message}` : message, ...(field ? { field } : {}) },
});

export class StaffActions {
  private readonly reserved = new Map<string, Set<string>>();

  constructor(
    private readonly deps: { ingest: IngestEvents; live: LiveHalls; log: EventLog; clock: Clock; directory: HallDirectory },
  ) {}

  async act(session: StaffSession, raw: unknown): Promise<Ack<StaffActionResult>> {
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return refuse("bad_request", "expected an object", "action");
    const type = (raw as Record<string, unknown>).type;
    if (!isStaffActionType(type)) return refuse("bad_request", "unknown action type", "type");
    const parsed = staffActionSchemas[type].safeParse(raw);
    if (!parsed.success) {
      const { field, message } = describeIssue(parsed.error.issues[0], raw);
      return refuse("bad_request", message, field);
    }
    const action = parsed.data as Record<string, unknown> & { id: string; type: typeof type };
    const claimed = action.windowId ?? action.fromWindowId;
    if (claimed !== undefined && claimed !== session.windowId)
      return refuse("forbidden", "a staff token acts only on its own window", "windowId");
    if (action.type === "call.next") return this.callNext(session, action.id);

    const { windowId: _w, fromWindowId: _f, ...fields } = action;
    const windowField = action.type === "ticket.transferred" ? "fromWindowId" : "windowId";
    const event = { ...fields, hallId: session.hallId, ts: new Date(this.deps.clock.now()).toISOString(), [windowField]: session.windowId };
    return this.commit(session, event);
  }

  private async commit(session: StaffSession, event: Record<string, unknown>, ticket?: CalledTicket): Promise<Ack<StaffActionResult>> {
    const [result] = await this.deps.ingest.ingest(session.hallId, [event], "staff");
    if (!result) return refuse("bad_request", "nothing to record");
    if (result.status === "rejected") return refuse("bad_request", result.error?.replace(/^[^:]+: /, "") ?? "rejected", result.field);
    return { ok: true, data: { ...result, ...(ticket ? { ticket } : {}) } };
  }

  private async callNext(session: StaffSession, id: string): Promise<Ack<StaffActionResult>> {
    const hall = this.deps.directory.get(session.hallId);
    if (!hall) return refuse("not_found", "unknown hall");
    if (this.deps.log.hasEvent(session.hallId, id)) {
      const earlier = this.deps.log.getEvent(session.hallId, id);
      const ticketId = earlier && "ticketId" in earlier ? earlier.ticketId : null;
      return { ok: true, data: { id, status: "duplicate", ...(ticketId ? { ticket: this.describe(session.hallId, ticketId, earlier) } : {}) } };
    }
    const categories = hall.windows.find((w) => w.id === session.windowId)?.categories ?? [];
    const reserved = this.reservedOf(session.hallId);
    const now = this.deps.clock.now();
    const next = waitingTickets(this.deps.live.facts(session.hallId), categories, now, reserved)[0];
    if (!next) return refuse("not_found", "no ticket is waiting for this window's categories");
    reserved.add(next.ticketId);
    try {
      const event = { id, type: "ticket.called", hallId: session.hallId, ts: new Date(now).toISOString(), ticketId: next.ticketId, windowId: session.windowId };
      return await this.commit(session, event, this.called(next, now));
    } finally {
      reserved.delete(next.ticketId);
    }
  }

  private called(t: WaitingTicket, now: number): CalledTicket {
    return { ticketId: t.ticketId, ticketNo: t.ticketNo, categoryId: t.categoryId, itemCode: t.itemCode, priority: t.priority, waitedSeconds: (now - t.since) / 1000 };
  }

  private describe(hallId: string, ticketId: string, callEvent: HallEvent | null): CalledTicket {
    const t = this.deps.live.facts(hallId).tickets.get(ticketId);
    const issue = t?.issues[0];
    const wait = t ? ticketWait(t) : null;
    const calledAt = callEvent ? parseIsoTimestamp(callEvent.ts) : null;
    return {
      ticketId,
      ticketNo: issue?.ticketNo ?? "?",
      categoryId: issue?.categoryId ?? null,
      itemCode: issue?.itemCode ?? null,
      priority: issue?.priority ?? "normal",
      waitedSeconds: wait ? wait.waitMs / 1000 : issue && calledAt !== null ? (calledAt - issue.ts) / 1000 : null,
    };
  }

  private reservedOf(hallId: string): Set<string> {
    let s = this.reserved.get(hallId);
    if (!s) {
      s = new Set();
      this.reserved.set(hallId, s);
    }
    return s;
  }
}
