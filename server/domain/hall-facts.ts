// The fact store of one hall: every accepted event folds into sorted per-window and per-ticket lists.
// Folding is commutative (insertion into canonically sorted lists, a repeated event ignored), so
// the same set of events gives the same store — and the same figures — in any arrival order.
// It is a small mutable class rather than an immutable reducer because it is updated per event at
// ingest rates; `computeLoadView` reads it without changing it.
import { EVENT_TYPES, parseIsoTimestamp, type EventType, type HallEvent } from "../../contract/index.js";
import { countHeld, homeOf } from "./fact-homes.js";
import { noChanges, noteTouches, type FactChanges, type FactsBefore, type FactWatcher } from "./fact-changes.js";
import {
  emptyWindowFacts,
  type CallFact,
  type EvaluationFact,
  type IssueFact,
  type ServiceFact,
  type TicketFacts,
  type WindowFacts,
  type WindowTransition,
} from "./facts.js";
import { compareStamps, holdsStamp, insertSorted, type Stamp } from "./stamp.js";

/** A fact's rank is its event type's place in the contract's list of types. */
const RANKS = Object.fromEntries(EVENT_TYPES.map((type, i) => [type, i])) as Record<EventType, number>;
const rankOf = (type: EventType): number => RANKS[type];
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

/** Lists shorter than this are copied at each new fact; longer ones grow in place. */
const SHORT_LIST = 8;

/**
 * A ticket's list (issues, calls, transfers, one window's services) with one more fact. A short list is
 * copied to an array of exactly its new length: an array grown by push reserves room for 17 (184 bytes
 * for two facts, 64 exact), and a hall holds four such lists per ticket, mostly of one or two facts, for 48
 * hours (issue #8, memory). Nothing may keep a reference to these lists across folds.
 */
function withFact<T extends Stamp>(list: T[], fact: T): T[] {
  if (list.length >= SHORT_LIST) {
    insertSorted(list, fact);
    return list;
  }
  let i = list.length;
  while (i > 0 && compareStamps(list[i - 1] as T, fact) > 0) i--;
  return list.toSpliced(i, 0, fact);
}

/**
 * The one empty list every ticket's lists start as: withFact gives a list its first fact as a new array,
 * and most tickets never hold a transfer — an empty array of their own (~32 bytes, in both copies of the
 * live facts) held nothing (issue #8). Frozen: a push onto it would throw instead of reaching every ticket.
 */
const NO_FACTS: never[] = Object.freeze([]) as unknown as never[];

/** Names kept once per hall (window and category ids, channels, item codes, outcomes): at most this many. */
const MAX_NAMES = 10_000;

export class HallFacts {
  readonly windows = new Map<string, WindowFacts>();
  readonly tickets = new Map<string, TicketFacts>();
  /** Events whose facts are held: one each, counted as folded and again at each prune. */
  private held = 0;
  /**
   * One string per name: events parsed apart (or copied to the floor worker) each bring their own copy of
   * the same window, category or ticket id; the facts keep the first (~40 bytes an event, issue #8).
   */
  private readonly names = new Map<string, string>();

  /** Null unless someone keeps figures per fold (recordChanges). */
  private changes: FactChanges | null = null;
  private watcher: FactWatcher | null = null;
  /** Counts folds and prunes: a figure computed at one version holds until the next (a reader's cache key). */
  private changeCount = 0;

  get eventCount(): number {
    return this.held;
  }

  get version(): number {
    return this.changeCount;
  }

  /**
   * Whether this event's fact is held: looked up by its stamp (time, rank, id) in the one list its type
   * folds into. That is how a repeat is recognised — no set of every folded id beside the facts (~30 bytes
   * an event, and as much in the floor worker's copy: issue #8). The facts are built from the log, where an
   * id is unique per hall, so only a repeat of the same event can reach them with an id already folded.
   */
  holds(event: HallEvent): boolean {
    const ts = parseIsoTimestamp(event.ts);
    return ts !== null && this.holdsAt(event, ts);
  }

  /**
   * Folds one validated event. Returns false (and changes nothing) when its id was already folded.
   * Runs once per ingested event, so each fact is one object literal with its keys in a fixed order (no
   * spread of a shared stamp, no conditional spreads): fewer allocations and one object shape per kind.
   */
  add(event: HallEvent): boolean {
    const eventId = event.id;
    const ts = parseIsoTimestamp(event.ts);
    if (ts === null) throw new Error(`unvalidated timestamp in event ${eventId}`);
    if (this.holdsAt(event, ts)) return false;
    this.held += 1;
    this.changeCount += 1;
    // Before the facts change: the watcher reads the old ones.
    if (this.changes !== null) noteTouches(this.changes, this.watcher, this.before, event, ts);
    switch (event.type) {
      case "window.opened":
        insertSorted(this.window(event.windowId).transitions, { ts, rank: R_OPENED, eventId, kind: "opened", staffId: this.name(event.staffId) });
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
        const t = this.ticket(event.ticketId, ts);
        const issue: IssueFact = {
          ts,
          rank: R_ISSUED,
          eventId,
          ticketId: idOf(t, event.ticketId),
          ticketNo: event.ticketNo,
          categoryId: this.name(event.categoryId),
          channel: this.name(event.channel),
          priority: event.priority ?? "normal",
        };
        if (event.itemCode !== undefined) issue.itemCode = this.name(event.itemCode);
        if (event.caseRef !== undefined) issue.caseRef = event.caseRef;
        t.issues = withFact(t.issues, issue);
        break;
      }
      case "ticket.called": {
        const t = this.ticket(event.ticketId, ts);
        const windowId = this.name(event.windowId);
        const call: CallFact = { ts, rank: R_CALLED, eventId, ticketId: idOf(t, event.ticketId), windowId };
        t.calls = withFact(t.calls, call);
        insertSorted(this.window(windowId).calls, call);
        break;
      }
      case "ticket.no_show": {
        const t = this.ticket(event.ticketId, ts);
        const windowId = this.name(event.windowId);
        insertSorted(this.window(windowId).leaves, { ts, rank: R_NO_SHOW, eventId, ticketId: idOf(t, event.ticketId), windowId, kind: "no_show" });
        break;
      }
      case "ticket.transferred": {
        const t = this.ticket(event.ticketId, ts);
        const ticketId = idOf(t, event.ticketId);
        const fromWindowId = this.name(event.fromWindowId);
        t.transfers = withFact(t.transfers, { ts, rank: R_TRANSFERRED, eventId, ticketId, fromWindowId, categoryId: this.name(event.toCategoryId) });
        insertSorted(this.window(fromWindowId).leaves, { ts, rank: R_TRANSFERRED, eventId, ticketId, windowId: fromWindowId, kind: "transferred" });
        break;
      }
      case "service.started": {
        const ticketId = idOf(this.ticket(event.ticketId, ts), event.ticketId);
        const windowId = this.name(event.windowId);
        this.addService(windowId, ticketId, { ts, rank: R_STARTED, eventId, ticketId, windowId, kind: "started" });
        break;
      }
      case "service.completed": {
        const ticketId = idOf(this.ticket(event.ticketId, ts), event.ticketId);
        const windowId = this.name(event.windowId);
        const completed: ServiceFact = { ts, rank: R_COMPLETED, eventId, ticketId, windowId, kind: "completed", outcome: this.name(event.outcome) };
        if (event.requestedMaterials !== undefined) completed.requestedMaterials = event.requestedMaterials;
        this.addService(windowId, ticketId, completed);
        break;
      }
      case "evaluation.submitted": {
        const ticketId = idOf(this.ticket(event.ticketId, ts), event.ticketId);
        const windowId = this.name(event.windowId);
        const evaluation: EvaluationFact = { ts, rank: R_EVALUATED, eventId, ticketId, windowId, rating: event.rating };
        insertSorted(this.window(windowId).evaluations, evaluation);
        if (this.changes !== null) this.changes.evaluations.push(evaluation);
        break;
      }
      default: {
        const unreachable: never = event;
        throw new Error(`unhandled event type ${(unreachable as { type: string }).type}`);
      }
    }
    return true;
  }

  /** Starts recording what each fold touches; the first `takeChanges` asks for everything to be read. */
  recordChanges(watcher?: FactWatcher): void {
    this.changes ??= noChanges(true);
    if (watcher) this.watcher = watcher;
  }

  /** What changed since the last take (recording must have been started). */
  takeChanges(): FactChanges {
    const taken = this.changes ?? noChanges(true);
    this.changes = noChanges(false);
    return taken;
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
    this.held = countHeld(this);
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
      t = { issues: NO_FACTS, calls: NO_FACTS, transfers: NO_FACTS, lastTs: -Infinity };
      this.tickets.set(ticketId, t);
    }
    if (ts > t.lastTs) t.lastTs = ts;
    return t;
  }

  private addService(windowId: string, ticketId: string, fact: ServiceFact): void {
    const services = this.window(windowId).services;
    services.set(ticketId, withFact(services.get(ticketId) ?? [], fact));
  }

  private holdsAt(event: HallEvent, ts: number): boolean {
    const home = homeOf(this, event);
    return home !== undefined && holdsStamp(home, { ts, rank: rankOf(event.type), eventId: event.id });
  }

  /** The hall's one copy of a name (see `names`); past MAX_NAMES (a stream of made-up names) each keeps its own. */
  private name<T extends string>(s: T): T {
    const known = this.names.get(s);
    if (known !== undefined) return known as T;
    if (this.names.size < MAX_NAMES) this.names.set(s, s);
    return s;
  }

  private readonly before: FactsBefore = {
    ticket: (ticketId) => this.tickets.get(ticketId),
    services: (windowId, ticketId) => this.windows.get(windowId)?.services.get(ticketId) ?? [],
  };
}

/** The ticket's id as its facts already hold it (one string for all of them), else the event's. */
function idOf(t: TicketFacts, given: string): string {
  return t.issues[0]?.ticketId ?? t.calls[0]?.ticketId ?? t.transfers[0]?.ticketId ?? given;
}
