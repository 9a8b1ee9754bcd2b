// When each ticket waited, as intervals: the interval form of `waitingAt` (ticket-queue.ts), so that
// "someone of my categories is waiting" can be intersected with a window's open time. It must agree
// with waitingAt at every millisecond (property-tested), or idle figures would contradict the queue
// the wall shows.
import type { QueueEntry, TicketFacts } from "../facts.js";
import type { HallFacts } from "../hall-facts.js";
import type { Interval } from "../intervals.js";
import { compareStamps } from "../stamp.js";
import { ABANDONED_AFTER_MS } from "../ticket-queue.js";

export interface QueueStay extends Interval {
  ticketId: string;
  categoryId: string;
}

/**
 * One stay per queue entry (the canonical issue, each transfer in), in entry order. A stay runs from the
 * entry until the first call after it, the next entry, or the 12-hour abandonment (waitingAt still counts
 * the ticket at exactly entry + 12 h, hence the +1 ms), whichever comes first.
 */
export function queueStays(ticketId: string, t: TicketFacts): QueueStay[] {
  const entries: QueueEntry[] = [...t.issues.slice(0, 1), ...t.transfers].sort(compareStamps);
  const out: QueueStay[] = [];
  entries.forEach((entry, i) => {
    let end = entry.ts + ABANDONED_AFTER_MS + 1;
    const next = entries[i + 1];
    if (next) end = Math.min(end, next.ts);
    const call = t.calls.find((c) => compareStamps(c, entry) > 0);
    if (call) end = Math.min(end, call.ts);
    if (end > entry.ts) out.push({ ticketId, categoryId: entry.categoryId, start: entry.ts, end });
  });
  return out;
}

/** Every stay of every ticket, grouped by category (computed once per hall, shared by all windows). */
export function staysByCategory(facts: HallFacts): Map<string, QueueStay[]> {
  const out = new Map<string, QueueStay[]>();
  for (const [ticketId, t] of facts.tickets) {
    for (const stay of queueStays(ticketId, t)) {
      const list = out.get(stay.categoryId);
      if (list) list.push(stay);
      else out.set(stay.categoryId, [stay]);
    }
  }
  return out;
}
