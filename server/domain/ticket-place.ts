// Where a ticket stands: the window of its latest call (if any) and whether it went back to a queue
// since (transferred). Used to let a staff console act only on tickets at its own window.
import type { HallFacts } from "./hall-facts.js";
import { compareStamps } from "./stamp.js";

export interface TicketPlace {
  /** Window of the latest call, or null when the ticket was never called. */
  calledTo: string | null;
  /** Transferred to another category after that call: waiting again, callable anywhere. */
  requeued: boolean;
}

export function ticketPlace(facts: HallFacts, ticketId: string): TicketPlace {
  const t = facts.tickets.get(ticketId);
  const last = t?.calls.at(-1);
  if (!t || !last) return { calledTo: null, requeued: false };
  const requeued = t.transfers.some((tr) => compareStamps(tr, last) > 0);
  return { calledTo: last.windowId, requeued };
}
