// The fact store of one hall: every accepted event folds into sorted per-window and per-ticket lists.
// Folding is commutative (insertion into canonically sorted lists, duplicates by event id ignored), so
// the same set of events gives the same store — and the same figures — in any arrival order.
// It is a small mutable class rather than an immutable reducer because it is updated per event at
// ingest rates; `computeLoadView` reads it without changing it.
import { EVENT_TYPES, parseIsoTimestamp, type EventType, type HallEvent } from "../../contract/index.js";
import {
  emptyTicketFacts,
  emptyWindowFacts,
  type CallFact,
  type EvaluationFact,
  type IssueFact,
  type ServiceFact,
  type TicketFacts,
  type WindowFacts,
  type WindowTransition,
} from "./facts.js";
import { insertSorted, type Stamp } from "./stamp.js";

/** A fact's rank is its event type's place in the contract's list of types. */
const rankOf = (type: EventType): number => EVENT_TYPES.indexOf(type);
const R_OPENED = rankOf("window.opened");
const R_PAUSED = rankOf("window.paused");
const R_RESUMED = rankOf("window.resumed");
const R_CLOSED = rankOf("window.closed");
const R_ISSUED = rankOf("ticket.issued");
const R_CALLED = rankOf("ticket.called");
const R_NO_SHOW = rankOf("ticket.no_show");
const R_TRANSFERRED = rankOf("ticket.transferred");
const R_STARTED = rankOf("service.started");
const R_COMPLETED = rankOf("service.completed");
const R_EVALUATED = rankOf("evaluation.submitted");

/** What the folds since the last `takeChanges` touched (for the live view kept per fold). */
export interface FactChanges {
  /** Everything must be read again: the first take, or facts were pruned since. */
  all: boolean;
  /** Tickets whose issues, calls or transfers changed. */
  tickets: Set<string>;
  /** Service lists (one window, one ticket) that changed. */
  services: Set<ServiceFact[]>;
  evaluations: EvaluationFact[];
  /** Windows with a new fact of any kind, with the latest time among the new facts. */
  windows: Map<string, number>;
}

/**
 * A ticket's list with one more fact. Its first fact starts an array of exactly one: an array grown by
 * push reserves room for 17, and a hall holds three lists per ticket (mostly of one fact) for 48 hours
 * (issue #8, memory). Only for lists nothing keeps a reference to — not the service lists, which are keys
 * of the live view's entries.
 */
function withFact<T extends Stamp>(list: T[], fact: T): T[] {
  if (list.length === 0) return [fact];
  insertSorted(list, fact);
  return list;
}

const noChanges = (all: boolean): FactChanges => ({ all, tickets: new Set(), services: new Set(), evaluations: [], windows: new Map() });

export class HallFacts {
  readonly windows = new Map<string, WindowFacts>();
  readonly tickets = new Map<string, TicketFacts>();
  /** Event ids folded so far, with their time, so that a repeated event is never counted twice. */
  private readonly seen = new Map<string, number>();

  /** Null unless someone keeps figures per fold (recordChanges). */
  private changes: FactChanges | null = null;
  /** Counts folds and prunes: a figure computed at one version holds until the next (a reader's cache key). */
  private changeCount = 0;

  get eventCount(): number {
    return this.seen.size;
  }

  get version(): number {
    return this.changeCount;
  }

  has(eventId: string): boolean {
    return this.seen.has(eventId);
  }

  /**
   * Folds one validated event. Returns false (and changes nothing) when its id was already folded.
   * Runs once per ingested event, so each fact is one object literal with its keys in a fixed order (no
   * spread of a shared stamp, no conditional spreads): fewer allocations and one object shape per kind.
   */
  add(event: HallEvent): boolean {
    const eventId = event.id;
    if (this.seen.has(eventId)) return false;
    const ts = parseIsoTimestamp(event.ts);
    if (ts === null) throw new Error(`unvalidated timestamp in event ${eventId}`);
    this.seen.set(eventId, ts);
    this.changeCount += 1;
    switch (event.type) {
      case "window.opened":
        insertSorted(this.window(event.windowId).transitions, { ts, rank: R_OPENED, eventId, kind: "opened", staffId: event.staffId });
        break;
      case "window.paused": {
        const paused: WindowTransition = { ts, rank: R_PAUSED, eventId, kind: "paused" };
        if (event.reason !== undefined) paused.reason = event.reason;
        insertSorted(this.window(event.windowId).transitions, paused);
        break;
      }
      case "window.resumed":
        insertSorted(this.window(event.windowId).transitions, { ts, rank: R_RESUMED, eventId, kind: "resumed" });
        break;
      case "window.closed":
        insertSorted(this.window(event.windowId).transitions, { ts, rank: R_CLOSED, eventId, kind: "closed" });
        break;
      case "ticket.issued": {
        const issue: IssueFact = {
          ts,
          rank: R_ISSUED,
          eventId,
          ticketId: event.ticketId,
          ticketNo: event.ticketNo,
          categoryId: event.categoryId,
          channel: event.channel,
          priority: event.priority ?? "normal",
        };
        if (event.itemCode !== undefined) issue.itemCode = event.itemCode;
        if (event.caseRef !== undefined) issue.caseRef = event.caseRef;
        const t = this.ticket(event.ticketId, ts);
        t.issues = withFact(t.issues, issue);
        break;
      }
      case "ticket.called": {
        const call: CallFact = { ts, rank: R_CALLED, eventId, ticketId: event.ticketId, windowId: event.windowId };
        const t = this.ticket(event.ticketId, ts);
        t.calls = withFact(t.calls, call);
        insertSorted(this.window(event.windowId).calls, call);
        break;
      }
      case "ticket.no_show":
        this.ticket(event.ticketId, ts);
        insertSorted(this.window(event.windowId).leaves, { ts, rank: R_NO_SHOW, eventId, ticketId: event.ticketId, windowId: event.windowId, kind: "no_show" });
        break;
      case "ticket.transferred": {
        const t = this.ticket(event.ticketId, ts);
        t.transfers = withFact(t.transfers, {
          ts,
          rank: R_TRANSFERRED,
          eventId,
          ticketId: event.ticketId,
          fromWindowId: event.fromWindowId,
          categoryId: event.toCategoryId,
        });
        insertSorted(this.window(event.fromWindowId).leaves, {
          ts,
          rank: R_TRANSFERRED,
          eventId,
          ticketId: event.ticketId,
          windowId: event.fromWindowId,
          kind: "transferred",
        });
        break;
      }
      case "service.started":
        this.ticket(event.ticketId, ts);
        insertSorted(this.serviceList(event.windowId, event.ticketId), { ts, rank: R_STARTED, eventId, ticketId: event.ticketId, windowId: event.windowId, kind: "started" });
        break;
      case "service.completed": {
        this.ticket(event.ticketId, ts);
        const completed: ServiceFact = {
          ts,
          rank: R_COMPLETED,
          eventId,
          ticketId: event.ticketId,
          windowId: event.windowId,
          kind: "completed",
          outcome: event.outcome,
        };
        if (event.requestedMaterials !== undefined) completed.requestedMaterials = event.requestedMaterials;
        insertSorted(this.serviceList(event.windowId, event.ticketId), completed);
        break;
      }
      case "evaluation.submitted": {
        this.ticket(event.ticketId, ts);
        const evaluation: EvaluationFact = { ts, rank: R_EVALUATED, eventId, ticketId: event.ticketId, windowId: event.windowId, rating: event.rating };
        insertSorted(this.window(event.windowId).evaluations, evaluation);
        if (this.changes !== null) this.changes.evaluations.push(evaluation);
        break;
      }
      default: {
        const unreachable: never = event;
        throw new Error(`unhandled event type ${(unreachable as { type: string }).type}`);
      }
    }
    if (this.changes !== null) this.record(this.changes, event, ts);
    return true;
  }

  /** Starts recording what each fold touches; the first `takeChanges` asks for everything to be read. */
  recordChanges(): void {
    this.changes ??= noChanges(true);
  }

  /** What changed since the last take (recording must have been started). */
  takeChanges(): FactChanges {
    const taken = this.changes ?? noChanges(true);
    this.changes = noChanges(false);
    return taken;
  }

  private record(changes: FactChanges, event: HallEvent, ts: number): void {
    const touchWindow = (windowId: string) => {
      const prev = changes.windows.get(windowId);
      if (prev === undefined || ts > prev) changes.windows.set(windowId, ts);
    };
    switch (event.type) {
      case "window.opened":
      case "window.paused":
      case "window.resumed":
      case "window.closed":
        touchWindow(event.windowId);
        break;
      case "ticket.issued":
        changes.tickets.add(event.ticketId);
        break;
      case "ticket.called":
        changes.tickets.add(event.ticketId);
        touchWindow(event.windowId);
        break;
      case "ticket.no_show":
        changes.tickets.add(event.ticketId);
        touchWindow(event.windowId);
        break;
      case "ticket.transferred":
        changes.tickets.add(event.ticketId);
        touchWindow(event.fromWindowId);
        break;
      case "service.started":
      case "service.completed":
        changes.tickets.add(event.ticketId);
        changes.services.add(this.serviceList(event.windowId, event.ticketId));
        touchWindow(event.windowId);
        break;
      case "evaluation.submitted":
        // The fact itself was noted where it was built.
        changes.tickets.add(event.ticketId);
        touchWindow(event.windowId);
        break;
    }
  }

  /**
   * Forgets facts older than `beforeMs`, keeping what later figures still depend on: each window's
   * last transition before the cut (its state), and every ticket with a fact at or after the cut.
   */
  pruneBefore(beforeMs: number): void {
    this.changeCount += 1;
    if (this.changes !== null) this.changes = noChanges(true);
    for (const [ticketId, t] of this.tickets) if (t.lastTs < beforeMs) this.tickets.delete(ticketId);
    for (const w of this.windows.values()) {
      const firstKept = w.transitions.findIndex((x) => x.ts >= beforeMs);
      const cut = firstKept === -1 ? w.transitions.length - 1 : firstKept - 1;
      if (cut > 0) w.transitions.splice(0, cut);
      w.calls = w.calls.filter((c) => c.ts >= beforeMs);
      w.leaves = w.leaves.filter((c) => c.ts >= beforeMs);
      w.evaluations = w.evaluations.filter((c) => c.ts >= beforeMs);
      for (const [ticketId, list] of w.services) {
        if (!this.tickets.has(ticketId)) w.services.delete(ticketId);
        else if (list.length === 0) w.services.delete(ticketId);
      }
    }
    for (const [eventId, ts] of this.seen) if (ts < beforeMs) this.seen.delete(eventId);
  }

  private window(windowId: string): WindowFacts {
    let w = this.windows.get(windowId);
    if (!w) {
      w = emptyWindowFacts();
      this.windows.set(windowId, w);
    }
    return w;
  }

  private ticket(ticketId: string, ts: number): TicketFacts {
    let t = this.tickets.get(ticketId);
    if (!t) {
      t = emptyTicketFacts();
      this.tickets.set(ticketId, t);
    }
    if (ts > t.lastTs) t.lastTs = ts;
    return t;
  }

  private serviceList(windowId: string, ticketId: string) {
    const services = this.window(windowId).services;
    let list = services.get(ticketId);
    if (!list) {
      list = [];
      services.set(ticketId, list);
    }
    return list;
  }
}
