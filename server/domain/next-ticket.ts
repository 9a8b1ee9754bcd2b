// Which waiting ticket a window calls next: green-channel (绿色通道) tickets first, then the one that has
// waited longest in its queue, among the window's categories. Ties go to the earlier event.
import type { Priority } from "../../contract/index.js";
import type { HallFacts } from "./hall-facts.js";
import { waitingAt } from "./ticket-queue.js";

export interface WaitingTicket {
  ticketId: string;
  ticketNo: string;
  categoryId: string;
  itemCode: string | null;
  priority: Priority;
  since: number;
}

/** Every ticket waiting at `at` in one of `categories`, in call order (the first is next). */
export function waitingTickets(facts: HallFacts, categories: readonly string[], at: number, exclude: ReadonlySet<string> = new Set()): WaitingTicket[] {
  const wanted = new Set(categories);
  const out: WaitingTicket[] = [];
  for (const [ticketId, t] of facts.tickets) {
    if (exclude.has(ticketId)) continue;
    const w = waitingAt(t, at);
    if (!w || !wanted.has(w.categoryId)) continue;
    const issue = t.issues[0];
    out.push({
      ticketId,
      ticketNo: issue?.ticketNo ?? "?",
      categoryId: w.categoryId,
      itemCode: issue?.itemCode ?? null,
      priority: issue?.priority ?? "normal",
      since: w.since,
    });
  }
  out.sort((a, b) => {
    const ga = a.priority === "green" ? 0 : 1;
    const gb = b.priority === "green" ? 0 : 1;
    if (ga !== gb) return ga - gb;
    if (a.since !== b.since) return a.since - b.since;
    return a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0;
  });
  return out;
}
