// When a window is attending a ticket: the interval form of the documented `currentTicket` (a ticket
// called to or started at the window, until it is completed, marked no-show or transferred away there,
// or another ticket is called or started). Idle is measured only outside these intervals, because queue
// systems that send only call → completion (no start) are serving all that time: counting "not in a
// service episode" would accuse them of idling during every service.
// One deliberate difference from currentTicket: a close ends the attending. The documented currentTicket
// hides the ticket while the window is closed but shows it again after the next opening; here a ticket
// left dangling at yesterday's close must not shield the window from idle all of today.
import type { WindowFacts } from "../facts.js";
import type { Interval } from "../intervals.js";
import { compareStamps, type Stamp } from "../stamp.js";

interface Hold extends Stamp {
  ticketId: string;
}

/**
 * `notBefore` only saves work (the live list needs the current opening only): intervals that ended
 * before it may be left out; the hold in force at `notBefore` is kept.
 */
export function attendingIntervals(w: WindowFacts | undefined, notBefore = -Infinity): Interval[] {
  if (!w) return [];
  const holds: Hold[] = [...w.calls];
  const resolutions = new Map<string, Stamp[]>();
  const addResolution = (ticketId: string, s: Stamp) => {
    const list = resolutions.get(ticketId);
    if (list) list.push(s);
    else resolutions.set(ticketId, [s]);
  };
  for (const [ticketId, list] of w.services)
    for (const f of list) {
      if (f.kind === "started") holds.push(f);
      else addResolution(ticketId, f);
    }
  for (const l of w.leaves) addResolution(l.ticketId, l);
  holds.sort(compareStamps);
  for (const list of resolutions.values()) list.sort(compareStamps);
  const closes = w.transitions.filter((t) => t.kind === "closed");

  let first = 0;
  while (first + 1 < holds.length && (holds[first + 1] as Hold).ts <= notBefore) first += 1;
  const out: Interval[] = [];
  for (let i = first; i < holds.length; i += 1) {
    const h = holds[i] as Hold;
    let end = holds[i + 1]?.ts ?? Infinity;
    const resolved = resolutions.get(h.ticketId)?.find((r) => compareStamps(r, h) > 0);
    if (resolved) end = Math.min(end, resolved.ts);
    const closed = closes.find((c) => compareStamps(c, h) > 0);
    if (closed) end = Math.min(end, closed.ts);
    if (end > h.ts) out.push({ start: h.ts, end });
  }
  return out;
}
