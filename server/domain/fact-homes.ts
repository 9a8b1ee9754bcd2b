// Where each event's fact lives in a hall's facts: its home, the one list its type folds into first (a
// call's and a transfer's: the ticket's; a no-show's: the window's leaves). A repeat of a folded event is
// found there by its own stamp (HallFacts.holds), and the events held are counted there once each.
import type { HallEvent } from "../../contract/index.js";
import type { TicketFacts, WindowFacts } from "./facts.js";
import type { Stamp } from "./stamp.js";

export interface FactMaps {
  readonly windows: ReadonlyMap<string, WindowFacts>;
  readonly tickets: ReadonlyMap<string, TicketFacts>;
}

/** The event's home list, or undefined when its window or ticket holds nothing yet. */
export function homeOf(facts: FactMaps, event: HallEvent): readonly Stamp[] | undefined {
  switch (event.type) {
    case "window.opened":
    case "window.paused":
    case "window.resumed":
    case "window.closed":
      return facts.windows.get(event.windowId)?.transitions;
    case "ticket.issued":
      return facts.tickets.get(event.ticketId)?.issues;
    case "ticket.called":
      return facts.tickets.get(event.ticketId)?.calls;
    case "ticket.transferred":
      return facts.tickets.get(event.ticketId)?.transfers;
    case "ticket.no_show":
      return facts.windows.get(event.windowId)?.leaves;
    case "service.started":
    case "service.completed":
      return facts.windows.get(event.windowId)?.services.get(event.ticketId);
    case "evaluation.submitted":
      return facts.windows.get(event.windowId)?.evaluations;
  }
}

/**
 * The events whose facts are held, each counted in its home list. A prune never keeps a fact in a window's
 * list of calls or leaves whose home, the ticket's list, it removed: a ticket goes only when all its facts
 * are older than the cut.
 */
export function countHeld(facts: FactMaps): number {
  let n = 0;
  for (const t of facts.tickets.values()) n += t.issues.length + t.calls.length + t.transfers.length;
  for (const w of facts.windows.values()) {
    n += w.transitions.length + w.evaluations.length;
    for (const leave of w.leaves) if (leave.kind === "no_show") n += 1;
    for (const list of w.services.values()) n += list.length;
  }
  return n;
}
