// A citizen's ticket lookup (issue #10): by the number printed on the ticket (ticket.issued's ticketNo,
// never the queue system's ticketId), among today's tickets of the hall. It says only where that ticket
// stands — how many tickets will be called before it in its category — and its own wait band (its
// category's band for a ticket issued now until the live floor has estimated it); nothing about any
// other ticket. Numbers restart every day, so only tickets issued since the hall's local
// midnight count; should a number be issued twice today, the later ticket is the one meant.
import type { FloorWait, HallConfig, ScreenBand } from "../../../contract/index.js";
import type { PublicTicket } from "../../../contract/public.js";
import type { TicketFacts } from "../facts.js";
import type { HallFacts } from "../hall-facts.js";
import { queueEntryBefore, waitingTickets } from "../next-ticket.js";
import { waitingAt } from "../ticket-queue.js";

export interface TicketIndexInput {
  hallId: string;
  hall: HallConfig;
  facts: HallFacts;
  /** The live view's floor waits (bands per category). */
  waits: readonly FloorWait[];
  /**
   * A waiting ticket's own band (its remaining wait, from the live floor's per-ticket estimate):
   * undefined when none is known yet (then its category's band for a ticket issued now stands in).
   */
  ticketBand?: (ticketId: string) => ScreenBand | null | undefined;
  /** Epoch ms of the hall's local midnight starting today, and now. */
  dayStart: number;
  now: number;
}

export interface TicketLookupInput extends TicketIndexInput {
  /** The number as typed; compared without regard to case. */
  ticketNo: string;
}

/** Today's tickets by upper-cased printed number: the later ticket of a number issued twice. */
function todaysTickets(facts: HallFacts, dayStart: number, now: number): Map<string, { ticketId: string; t: TicketFacts; ts: number }> {
  const out = new Map<string, { ticketId: string; t: TicketFacts; ts: number }>();
  for (const [ticketId, t] of facts.tickets) {
    const issue = t.issues[0];
    if (!issue || issue.ts < dayStart || issue.ts > now) continue;
    const key = issue.ticketNo.toUpperCase();
    const best = out.get(key);
    if (!best || issue.ts > best.ts || (issue.ts === best.ts && ticketId > best.ticketId)) out.set(key, { ticketId, t, ts: issue.ts });
  }
  return out;
}

/**
 * Every ticket of today with its public place, by upper-cased number — built once per live view so that
 * a crowd of lookups costs one pass over the queues, not one per request. A ticket that left its queue
 * uncalled (abandoned) has no entry.
 */
export function publicTicketIndex(input: TicketIndexInput): Map<string, PublicTicket> {
  const { hall, facts, now } = input;
  const asOf = new Date(now).toISOString();
  const nameOf = (categoryId: string) => hall.categories.find((c) => c.id === categoryId)?.name ?? categoryId;
  const positions = new Map<string, { categoryId: string; ahead: number }>();
  const byCategory = new Map<string, number>();
  for (const q of waitingTickets(facts, [...new Set([...hall.categories.map((c) => c.id), ...waitingCategories(facts, now)])], now)) {
    const ahead = byCategory.get(q.categoryId) ?? 0;
    positions.set(q.ticketId, { categoryId: q.categoryId, ahead });
    byCategory.set(q.categoryId, ahead + 1);
  }
  const out = new Map<string, PublicTicket>();
  for (const [key, { ticketId, t }] of todaysTickets(facts, input.dayStart, now)) {
    const issue = t.issues[0]!;
    const place = positions.get(ticketId);
    if (place) {
      const own = input.ticketBand?.(ticketId);
      const b = own !== undefined ? own : (input.waits.find((w) => w.categoryId === place.categoryId)?.band ?? null);
      out.set(key, {
        hallId: input.hallId,
        ticketNo: issue.ticketNo,
        categoryId: place.categoryId,
        categoryName: nameOf(place.categoryId),
        status: "waiting",
        ahead: place.ahead,
        band: b ? { lowMinutes: b.lowMinutes, highMinutes: b.highMinutes, text: b.text } : null,
        asOf,
      });
      continue;
    }
    const lastCall = t.calls.at(-1);
    if (!lastCall || waitingAt(t, now)) continue;
    const categoryId = queueEntryBefore(t, lastCall)?.categoryId ?? issue.categoryId;
    out.set(key, { hallId: input.hallId, ticketNo: issue.ticketNo, categoryId, categoryName: nameOf(categoryId), status: "called", ahead: null, band: null, asOf });
  }
  return out;
}

/** Categories some ticket waits in now, configured or not (a transfer may name an unknown one). */
function waitingCategories(facts: HallFacts, now: number): string[] {
  const out = new Set<string>();
  for (const t of facts.tickets.values()) {
    const w = waitingAt(t, now);
    if (w) out.add(w.categoryId);
  }
  return [...out];
}

/** The ticket's public place, or null when no ticket of that number was issued today (or it left the queue uncalled). */
export function publicTicket(input: TicketLookupInput): PublicTicket | null {
  return publicTicketIndex(input).get(input.ticketNo.toUpperCase()) ?? null;
}
