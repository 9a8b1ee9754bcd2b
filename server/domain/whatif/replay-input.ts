// What a replay needs from a real day: the tickets as they arrived (time, category, priority) with
// their real handling times, and each window's real open intervals and categories.
import type { HallConfig, Priority } from "../../../contract/index.js";
import type { HallFacts } from "../hall-facts.js";
import type { Interval } from "../intervals.js";
import { serviceEpisodes } from "../service-episodes.js";
import { openIntervals } from "../window-timeline.js";

export interface ReplayTicket {
  ticketId: string;
  arrival: number;
  categoryId: string;
  priority: Priority;
  /** Real call-to-start time (the citizen walking up); 0 when unknown. */
  walkUpMs: number;
  /** Real start-to-completion time of its service; null when never served. */
  serviceMs: number | null;
  /** Called in reality but did not show: the time the window spent on it before moving on. */
  noShowMs: number | null;
}

export interface ReplayWindow {
  id: string;
  categories: string[];
  open: Interval[];
  /**
   * The window's real turnaround: the median time from finishing a ticket to calling the next one while
   * someone was already waiting (staff paperwork, the next call). 0 when the day gives no such gap.
   */
  turnaroundMs: number;
}

export interface ReplayDay {
  from: number;
  to: number;
  tickets: ReplayTicket[];
  windows: ReplayWindow[];
}

/**
 * The day [from, to) as it happened: tickets issued in it that were called (a ticket nobody called left
 * or was never reached; it is not replayed), and the windows as configured with their real open time.
 */
export function replayDayOf(facts: HallFacts, hall: HallConfig, from: number, to: number): ReplayDay {
  const tickets: ReplayTicket[] = [];
  for (const [ticketId, t] of facts.tickets) {
    const issue = t.issues[0];
    const call = t.calls[0];
    if (!issue || !call || issue.ts < from || issue.ts >= to) continue;
    const window = facts.windows.get(call.windowId);
    let serviceMs: number | null = null;
    let walkUpMs = 0;
    for (const ep of serviceEpisodes(window?.services.get(ticketId) ?? []))
      if (ep.end !== null && ep.end >= call.ts) {
        const start = ep.start !== null && ep.start >= call.ts ? ep.start : call.ts;
        walkUpMs = start - call.ts;
        serviceMs = ep.end - start;
        break;
      }
    const noShow = window?.leaves.find((l) => l.ticketId === ticketId && l.kind === "no_show" && l.ts >= call.ts);
    tickets.push({
      ticketId,
      arrival: issue.ts,
      categoryId: issue.categoryId,
      priority: issue.priority,
      walkUpMs,
      serviceMs,
      noShowMs: serviceMs === null && noShow ? noShow.ts - call.ts : null,
    });
  }
  tickets.sort((a, b) => a.arrival - b.arrival || (a.ticketId < b.ticketId ? -1 : 1));
  const windows = hall.windows.map((w) => ({
    id: w.id,
    categories: [...w.categories],
    open: openIntervals(facts.windows.get(w.id)?.transitions ?? [])
      .map((iv) => ({ start: Math.max(iv.start, from), end: Math.min(iv.end, to) }))
      .filter((iv) => iv.end > iv.start),
    turnaroundMs: turnaround(facts, w.id, from, to),
  }));
  return { from, to, tickets, windows };
}

/** Median gap between a ticket's end at the window and the next call there, when that ticket was already waiting. */
function turnaround(facts: HallFacts, windowId: string, from: number, to: number): number {
  const w = facts.windows.get(windowId);
  if (!w) return 0;
  const ends: number[] = [];
  for (const list of w.services.values()) for (const ep of serviceEpisodes(list)) if (ep.end !== null && ep.end >= from && ep.end < to) ends.push(ep.end);
  for (const l of w.leaves) if (l.ts >= from && l.ts < to) ends.push(l.ts);
  ends.sort((a, b) => a - b);
  const gaps: number[] = [];
  for (const c of w.calls) {
    if (c.ts < from || c.ts >= to) continue;
    const issued = facts.tickets.get(c.ticketId)?.issues[0]?.ts;
    let prev: number | undefined;
    for (const e of ends) if (e <= c.ts) prev = e;
    // Only a call of a ticket that was already waiting when the previous one ended measures turnaround.
    if (prev !== undefined && issued !== undefined && issued <= prev && c.ts - prev < 15 * 60_000) gaps.push(c.ts - prev);
  }
  gaps.sort((a, b) => a - b);
  return gaps.length > 0 ? (gaps[Math.floor(gaps.length / 2)] as number) : 0;
}
