// Test support only: a tiny deterministic hall day for hand-planted scenarios (a surge at 10:00). Windows
// open all day and call the oldest waiting ticket of their categories as soon as they are free; every
// ticket takes the same walk-up, service and turnaround. Events go through the fact store like real ones.
import type { HallConfig, HallEvent } from "../../../contract/index.js";
import { ev } from "../test-fixtures.js";

export interface FifoDay {
  hall: HallConfig;
  /** Epoch ms the windows open and close. */
  opens: number;
  closes: number;
  arrivals: { at: number; categoryId: string }[];
  serviceMs: number;
  walkUpMs?: number;
  turnaroundMs?: number;
  /** Prefix of ticket and event ids (one per day, so that days can be folded together). */
  prefix: string;
}

export function fifoDayEvents(day: FifoDay): HallEvent[] {
  const walkUp = day.walkUpMs ?? 30_000;
  const turnaround = day.turnaroundMs ?? 30_000;
  let n = 0;
  const id = () => `${day.prefix}:${String(++n).padStart(6, "0")}`;
  const events: HallEvent[] = [];
  const tickets = [...day.arrivals]
    .sort((a, b) => a.at - b.at)
    .map((a, i) => ({ ...a, ticketId: `${day.prefix}-t${i + 1}`, called: false }));
  for (const t of tickets) events.push(ev.issued(t.at, t.ticketId, t.categoryId, `A${String(tickets.indexOf(t) + 1).padStart(3, "0")}`, id()));
  const windows = day.hall.windows.map((w) => ({ id: w.id, categories: new Set(w.categories), freeAt: day.opens }));
  for (const w of windows) events.push(ev.opened(day.opens, w.id, id()));
  for (;;) {
    let w: (typeof windows)[number] | undefined;
    for (const x of windows) if (x.freeAt < day.closes && (w === undefined || x.freeAt < w.freeAt)) w = x;
    if (w === undefined) break;
    const free = w.freeAt;
    const next = tickets.find((t) => !t.called && w.categories.has(t.categoryId) && t.at <= free);
    if (!next) {
      const later = tickets.find((t) => !t.called && w.categories.has(t.categoryId) && t.at > free);
      w.freeAt = later ? later.at : Infinity;
      continue;
    }
    next.called = true;
    events.push(ev.called(free, next.ticketId, w.id, id()));
    events.push(ev.started(free + walkUp, next.ticketId, w.id, id()));
    events.push(ev.completed(free + walkUp + day.serviceMs, next.ticketId, w.id, id()));
    w.freeAt = free + walkUp + day.serviceMs + turnaround;
  }
  for (const w of windows) events.push(ev.closed(Math.max(day.closes, w.freeAt === Infinity ? day.closes : w.freeAt), w.id, id()));
  return events;
}

/** Arrivals every `everyMs` in [from, to). */
export function every(categoryId: string, from: number, to: number, everyMs: number): { at: number; categoryId: string }[] {
  const out: { at: number; categoryId: string }[] = [];
  for (let t = from; t < to; t += everyMs) out.push({ at: Math.round(t), categoryId });
  return out;
}
