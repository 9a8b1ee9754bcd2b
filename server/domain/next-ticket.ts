// Which waiting ticket a window calls next: green-channel (绿色通道) tickets first, then the one that has
// waited longest in its queue, among the window's categories. Ties go to the ticket id.
// Also how long a called ticket had waited in the queue it was called from (its latest queue entry
// before the call), so that call.next's ack and the console's current ticket say the same thing.
import type { Priority } from "../../contract/index.js";
import type { QueueEntry, TicketFacts } from "./facts.js";
import type { HallFacts } from "./hall-facts.js";
import { compareStamps, type Stamp } from "./stamp.js";
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
  out.sort(callOrder);
  return out;
}

/**
 * `waitingTickets(facts, categories, at)` read from the hall's whole list at the same `at` (every category):
 * the same tickets in the same order, since callOrder is total. One scan of the hall's tickets then serves
 * every console of the hall (issue #8: a console view scanned them all, at every publication).
 */
export function waitingIn(hallWaiting: readonly WaitingTicket[], categories: readonly string[]): WaitingTicket[] {
  const wanted = new Set(categories);
  return hallWaiting.filter((w) => wanted.has(w.categoryId));
}

/** Green channel first, then the earliest queue entry, then the ticket id. */
export function callOrder(a: WaitingTicket, b: WaitingTicket): number {
  const ga = a.priority === "green" ? 0 : 1;
  const gb = b.priority === "green" ? 0 : 1;
  if (ga !== gb) return ga - gb;
  if (a.since !== b.since) return a.since - b.since;
  return a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0;
}

/**
 * The queue entry (issue or transfer in) the ticket was called from by `call`: the latest one before
 * it. Null when the ticket has no issue or transfer before the call (seen only through calls).
 */
export function queueEntryBefore(t: TicketFacts, call: Stamp): QueueEntry | null {
  let entry: QueueEntry | null = null;
  for (const e of [...t.issues.slice(0, 1), ...t.transfers]) {
    if (compareStamps(e, call) >= 0) continue;
    if (entry === null || compareStamps(e, entry) > 0) entry = e;
  }
  return entry;
}

/**
 * Seconds the ticket waited in the queue it was called from by `call`: from that queue entry to its
 * first call after it (so a recall does not add to the wait); 0 if a device clock put the call first.
 */
export function waitBeforeCall(t: TicketFacts, call: Stamp): number | null {
  const entry = queueEntryBefore(t, call) ?? t.issues[0] ?? null;
  if (entry === null) return null;
  const first = t.calls.find((c) => compareStamps(c, entry) > 0 && compareStamps(c, call) <= 0) ?? call;
  return Math.max(0, first.ts - entry.ts) / 1000;
}
