// A window's current ticket (window-figures.ts's currentTicketAt) without visiting every service of the
// window: the live state keeps the window's latest service start per fold, and whatever may end the
// current ticket — its completion here, a no-show or a transfer away from here — comes after it, so it is
// found walking back from the end of the sorted lists. A start stamped after `to` (a device clock ahead)
// falls back to the full definition.
import type { CallFact, LeaveFact, ServiceFact, WindowFacts } from "../facts.js";
import { compareStamps, type Stamp } from "../stamp.js";
import { currentTicketAt, type WindowFigures } from "../window-figures.js";

type Candidate = Stamp & { ticketId: string; phase: "called" | "serving" };

export function currentTicketAfter(w: WindowFacts, to: number, latestStart: ServiceFact | undefined): WindowFigures["currentTicket"] {
  if (latestStart !== undefined && latestStart.ts > to) return currentTicketAt(w, to);
  let cur: Candidate | null = latestStart ? { ts: latestStart.ts, rank: latestStart.rank, eventId: latestStart.eventId, ticketId: latestStart.ticketId, phase: "serving" } : null;
  for (let i = w.calls.length - 1; i >= 0; i--) {
    const c = w.calls[i] as CallFact;
    if (c.ts > to) continue;
    if (cur === null || compareStamps(c, cur) > 0) cur = { ts: c.ts, rank: c.rank, eventId: c.eventId, ticketId: c.ticketId, phase: "called" };
    break;
  }
  if (cur === null) return null;
  const after: Candidate = cur;
  const id = cur.ticketId;
  if (endedAfter(w.services.get(id) ?? [], after, to, (s) => (s as ServiceFact).kind === "completed")) return null;
  if (endedAfter(w.leaves, after, to, (s) => (s as LeaveFact).ticketId === id)) return null;
  return { ticketId: id, phase: cur.phase, since: cur.ts };
}

/** Whether a fact of the sorted `list` at or before `to` and after `cur` satisfies `ends`. */
function endedAfter(list: readonly Stamp[], cur: Stamp, to: number, ends: (s: Stamp) => boolean): boolean {
  for (let i = list.length - 1; i >= 0; i--) {
    const s = list[i] as Stamp;
    if (s.ts > to) continue;
    if (compareStamps(s, cur) <= 0) return false;
    if (ends(s)) return true;
  }
  return false;
}
