// Staff console actions: each becomes the same canonical event, in the same log, as a terminal would send
// — hallId, ts and the window come from the server and the token. `call.next` picks the ticket (green
// channel first, then the longest wait) and reserves it until its call is committed, so that two
// windows pressing at once never call the same ticket. A retried action (same id) is never counted twice,
// and a retried call.next — even one sent while the first is still being committed — answers the ticket
// the first one called.
import {
  isStaffActionType,
  staffActionSchemas,
  type Ack,
  type CalledTicket,
  type StaffActionResult,
} from "../../contract/index.js";
import { ticketPlace } from "../domain/ticket-place.js";
import { stateAt } from "../domain/window-timeline.js";
import { queueEntryBefore, waitBeforeCall, waitingTickets, type WaitingTicket } from "../domain/next-ticket.js";
import { maskPersonalData, maskPersonalDataInText } from "../domain/personal-data.js";
import type { HallDirectory } from "./hall-directory.js";
import type { IngestEvents } from "./ingest-events.js";
import type { LiveHalls } from "./live-halls.js";
import { describeIssue, personalDataFailure, rawEventId } from "./parse-event.js";
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
  /** call.next actions being committed, by hall and action id, so that a concurrent retry waits for it. */
  private readonly callsInFlight = new Map<string, Promise<Ack<StaffActionResult>>>();

  constructor(
    private readonly deps: { ingest: IngestEvents; live: LiveHalls; log: EventLog; clock: Clock; directory: HallDirectory },
  ) {}

  async act(session: StaffSession, raw: unknown): Promise<Ack<StaffActionResult>> {
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return this.invalid(session, raw, "action", "expected an object");
    // Personal identifiers first, anywhere (also in unknown keys), so that no refusal names one.
    const pii = personalDataFailure(raw, "action");
    if (pii) return this.invalid(session, raw, pii.field, pii.message);
    const type = (raw as Record<string, unknown>).type;
    if (!isStaffActionType(type)) return this.invalid(session, raw, "type", type === undefined ? "required" : "unknown action type");
    const parsed = staffActionSchemas[type].safeParse(raw);
    if (!parsed.success) {
      const { field, message } = describeIssue(parsed.error.issues[0], raw);
      return this.invalid(session, raw, field, message);
    }
    const action = parsed.data as Record<string, unknown> & { id: string; type: typeof type };
    const claimed = action.windowId ?? action.fromWindowId;
    if (claimed !== undefined && claimed !== session.windowId)
      return refuse("forbidden", "a staff token acts only on its own window", "windowId");
    if (action.type === "call.next") return this.callNext(session, action.id);
    // A retry of an action already recorded is answered as a duplicate, whatever happened since.
    if (!(await this.deps.log.hasEvent(session.hallId, action.id)) && typeof action.ticketId === "string") {
      const refusal = this.ticketRefusal(session, action.type, action.ticketId);
      if (refusal) return refusal;
    }

    const { windowId: _w, fromWindowId: _f, ...fields } = action;
    const windowField = action.type === "ticket.transferred" ? "fromWindowId" : "windowId";
    const event = { ...fields, hallId: session.hallId, ts: new Date(this.deps.clock.now()).toISOString(), [windowField]: session.windowId };
    return this.commit(session, event);
  }

  /** A staff console acts only on tickets at its own window (a recall or manual call also on waiting ones). */
  private ticketRefusal(session: StaffSession, type: string, ticketId: string): Ack<never> | null {
    const place = ticketPlace(this.deps.live.facts(session.hallId), ticketId);
    const elsewhere = place.calledTo !== null && place.calledTo !== session.windowId && !place.requeued;
    if (type === "ticket.called") return elsewhere ? refuse("forbidden", "the ticket is at another window", "ticketId") : null;
    if (place.calledTo === null || place.requeued) return refuse("bad_request", "call the ticket to this window first", "ticketId");
    return elsewhere ? refuse("forbidden", "the ticket is at another window", "ticketId") : null;
  }

  private async commit(session: StaffSession, event: Record<string, unknown>, ticket?: CalledTicket): Promise<Ack<StaffActionResult>> {
    const [result] = await this.deps.ingest.ingest(session.hallId, [event], "staff");
    if (!result) return refuse("bad_request", "nothing to record");
    if (result.status === "rejected") return refuse("bad_request", result.error?.replace(/^[^:]+: /, "") ?? "rejected", result.field);
    return { ok: true, data: { ...result, ...(ticket ? { ticket } : {}) } };
  }

  private callNext(session: StaffSession, id: string): Promise<Ack<StaffActionResult>> {
    const key = `${session.hallId}\u0000${id}`;
    const running = this.callsInFlight.get(key);
    if (running) return running.then((r) => (r.ok ? { ok: true, data: { ...r.data, status: "duplicate" } } : r));
    const attempt = this.callNextOnce(session, id).finally(() => this.callsInFlight.delete(key));
    this.callsInFlight.set(key, attempt);
    return attempt;
  }

  private async callNextOnce(session: StaffSession, id: string): Promise<Ack<StaffActionResult>> {
    const hall = this.deps.directory.get(session.hallId);
    if (!hall) return refuse("not_found", "unknown hall");
    if (await this.deps.log.hasEvent(session.hallId, id)) return this.earlierCall(session, id);
    const now = this.deps.clock.now();
    const facts = this.deps.live.facts(session.hallId);
    const windowFacts = facts.windows.get(session.windowId);
    if (stateAt(windowFacts?.transitions ?? [], now).state !== "open")
      return refuse("bad_request", "the window is not open; open or resume it first", "windowId");
    const categories = hall.windows.find((w) => w.id === session.windowId)?.categories ?? [];
    const reserved = this.reservedOf(session.hallId);
    const next = waitingTickets(facts, categories, now, reserved)[0];
    if (!next) return refuse("not_found", "no ticket is waiting for this window's categories");
    reserved.add(next.ticketId);
    try {
      const event = { id, type: "ticket.called", hallId: session.hallId, ts: new Date(now).toISOString(), ticketId: next.ticketId, windowId: session.windowId };
      const ack = await this.commit(session, event, this.called(next, now));
      // Stored by someone else meanwhile (same id): answer what that one called, not what we picked.
      return ack.ok && ack.data.status === "duplicate" ? this.earlierCall(session, id) : ack;
    } finally {
      reserved.delete(next.ticketId);
    }
  }

  private called(t: WaitingTicket, now: number): CalledTicket {
    return { ticketId: t.ticketId, ticketNo: t.ticketNo, categoryId: t.categoryId, itemCode: t.itemCode, priority: t.priority, waitedSeconds: (now - t.since) / 1000 };
  }

  /** The answer to a retried call.next: duplicate, with the ticket the stored call called at this window. */
  private async earlierCall(session: StaffSession, id: string): Promise<Ack<StaffActionResult>> {
    const earlier = await this.deps.log.getEvent(session.hallId, id);
    const mine = earlier?.type === "ticket.called" && earlier.windowId === session.windowId ? earlier : null;
    return { ok: true, data: { id, status: "duplicate", ...(mine ? { ticket: this.describe(session.hallId, mine.ticketId, id) } : {}) } };
  }

  private describe(hallId: string, ticketId: string, callEventId: string): CalledTicket {
    const t = this.deps.live.facts(hallId).tickets.get(ticketId);
    const issue = t?.issues[0];
    const call = t?.calls.find((c) => c.eventId === callEventId);
    const entry = t && call ? queueEntryBefore(t, call) : null;
    return {
      ticketId,
      ticketNo: issue?.ticketNo ?? "?",
      categoryId: entry?.categoryId ?? issue?.categoryId ?? null,
      itemCode: issue?.itemCode ?? null,
      priority: issue?.priority ?? "normal",
      waitedSeconds: t && call ? waitBeforeCall(t, call) : null,
    };
  }

  /** An invalid action: refused naming the field, and kept in the quarantine like any rejected input. */
  private async invalid(session: StaffSession, raw: unknown, field: string, message: string): Promise<Ack<never>> {
    const now = this.deps.clock.now();
    let payload: string;
    try {
      payload = (JSON.stringify(maskPersonalData(raw)) ?? String(raw)).slice(0, 16_384);
    } catch {
      payload = "[unserializable input]";
    }
    const id = rawEventId(raw);
    const eventId = id === null ? null : maskPersonalDataInText(id);
    try {
      await this.deps.log.append([{ kind: "quarantine", hallId: session.hallId, source: "staff", eventId, field, error: `${field}: ${message}`, payload, receivedMs: now }]);
    } catch {
      // The refusal is what the console needs; a full disk must not turn it into a storage error.
    }
    return refuse("bad_request", message, field);
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
