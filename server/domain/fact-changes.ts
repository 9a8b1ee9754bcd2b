// What the folds into a hall's facts touched since the live view last read them (the live view kept per
// fold, issue #8), and the watcher told just before a ticket or a service list first changes.
import type { HallEvent } from "../../contract/index.js";
import type { EvaluationFact, ServiceFact, TicketFacts } from "./facts.js";

/** What the folds since the last `takeChanges` touched. */
export interface FactChanges {
  /** Everything must be read again: the first take, or facts were pruned since. */
  all: boolean;
  /** Tickets whose facts changed. */
  tickets: Set<string>;
  /**
   * Service lists that changed, as window → tickets. By name, not by the array: a short list is replaced
   * by an exact-size copy as it grows (an array grown by push reserves 17 slots — issue #8's memory).
   */
  services: Map<string, Set<string>>;
  evaluations: EvaluationFact[];
  /** Windows with a new fact of any kind, with the latest time among the new facts. */
  windows: Map<string, number>;
}

/**
 * Told just before a ticket's facts or a service list change for the first time since the last
 * `takeChanges` (never while the next take will ask for everything anyway): the live view computes then
 * what the old facts contributed, instead of remembering it for every ticket (issue #8's memory).
 */
export interface FactWatcher {
  ticketChanging(ticketId: string, old: TicketFacts | undefined): void;
  servicesChanging(windowId: string, ticketId: string, old: readonly ServiceFact[]): void;
}

export const noChanges = (all: boolean): FactChanges => ({ all, tickets: new Set(), services: new Map(), evaluations: [], windows: new Map() });

/** How the changes read the facts before the event folds. */
export interface FactsBefore {
  ticket(ticketId: string): TicketFacts | undefined;
  services(windowId: string, ticketId: string): readonly ServiceFact[];
}

/** Notes what the event is about to touch, telling the watcher (if any) of a ticket or service list touched first. */
export function noteTouches(changes: FactChanges, watcher: FactWatcher | null, before: FactsBefore, event: HallEvent, ts: number): void {
  const told = changes.all ? null : watcher;
  const touchWindow = (windowId: string) => {
    const prev = changes.windows.get(windowId);
    if (prev === undefined || ts > prev) changes.windows.set(windowId, ts);
  };
  const touchTicket = (ticketId: string) => {
    if (changes.tickets.has(ticketId)) return;
    told?.ticketChanging(ticketId, before.ticket(ticketId));
    changes.tickets.add(ticketId);
  };
  switch (event.type) {
    case "window.opened":
    case "window.paused":
    case "window.resumed":
    case "window.closed":
      touchWindow(event.windowId);
      break;
    case "ticket.issued":
      touchTicket(event.ticketId);
      break;
    case "ticket.called":
    case "ticket.no_show":
      touchTicket(event.ticketId);
      touchWindow(event.windowId);
      break;
    case "ticket.transferred":
      touchTicket(event.ticketId);
      touchWindow(event.fromWindowId);
      break;
    case "service.started":
    case "service.completed": {
      touchTicket(event.ticketId);
      let tickets = changes.services.get(event.windowId);
      if (!tickets) {
        tickets = new Set();
        changes.services.set(event.windowId, tickets);
      }
      if (!tickets.has(event.ticketId)) {
        told?.servicesChanging(event.windowId, event.ticketId, before.services(event.windowId, event.ticketId));
        tickets.add(event.ticketId);
      }
      touchWindow(event.windowId);
      break;
    }
    case "evaluation.submitted":
      // The fact itself is noted where it is built.
      touchTicket(event.ticketId);
      touchWindow(event.windowId);
      break;
  }
}
