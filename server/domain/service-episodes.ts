// Service episodes at one window: each service.started paired with the first service.completed of the
// same ticket after it. A completion with no start still counts as served (without a handling time);
// a second completion with no new start in between is a repeat and is ignored.
import type { ServiceFact } from "./facts.js";

export interface ServiceEpisode {
  ticketId: string;
  start: number | null;
  /** null while the ticket is still in service. */
  end: number | null;
  endEventId: string | null;
  outcome: ServiceFact["outcome"] | null;
}

export function serviceEpisodes(facts: readonly ServiceFact[]): ServiceEpisode[] {
  const out: ServiceEpisode[] = [];
  let open: ServiceEpisode | null = null;
  let lastClosed = false;
  for (const f of facts) {
    if (f.kind === "started") {
      if (open === null) open = { ticketId: f.ticketId, start: f.ts, end: null, endEventId: null, outcome: null };
      lastClosed = false;
    } else if (open !== null) {
      open.end = f.ts;
      open.endEventId = f.eventId;
      open.outcome = f.outcome ?? null;
      out.push(open);
      open = null;
      lastClosed = true;
    } else if (!lastClosed) {
      out.push({ ticketId: f.ticketId, start: null, end: f.ts, endEventId: f.eventId, outcome: f.outcome ?? null });
      lastClosed = true;
    }
  }
  if (open !== null) out.push(open);
  return out;
}
