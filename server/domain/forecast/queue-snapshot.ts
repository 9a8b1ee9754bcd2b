// The projection's starting point, from what the live state already has: the tickets waiting now (in
// call order, from the fact store), the windows from the live view (state, current ticket), and the
// forecast arrivals laid out as tickets.
import type { HallConfig, LoadView } from "../../../contract/index.js";
import type { HallFacts } from "../hall-facts.js";
import { waitingTickets } from "../next-ticket.js";
import type { ProjectedTicket, ProjectedWindow } from "./queue-projection.js";

/** Tickets waiting at `now` in any configured category. */
export function waitingNow(facts: HallFacts, hall: HallConfig, now: number): ProjectedTicket[] {
  return waitingTickets(facts, hall.categories.map((c) => c.id), now).map((t) => ({ categoryId: t.categoryId, since: t.since, green: t.priority === "green", forecast: false }));
}

/**
 * Windows that will call tickets within the horizon: open ones (free now, or when the current ticket's
 * cycle is over), and paused ones from `pausedReturnMs` after their pause began (a break ends; nobody
 * knows when, so the assumption is explicit). Closed windows — and ones not opened yet today — are left
 * out: the projection does not guess who will come in.
 */
export function projectedWindows(view: LoadView, hall: HallConfig, now: number, cycleMs: ReadonlyMap<string, number>, pausedReturnMs: number): ProjectedWindow[] {
  const byId = new Map(view.windows.map((w) => [w.windowId, w]));
  const out: ProjectedWindow[] = [];
  for (const cfg of hall.windows) {
    const w = byId.get(cfg.id);
    if (!w || w.state === "closed") continue;
    let freeAt = now;
    if (w.state === "paused") freeAt = Math.max(now, (w.stateSince === null ? now : Date.parse(w.stateSince)) + pausedReturnMs);
    else if (w.currentTicket) {
      const cycle = (w.currentTicket.categoryId !== null ? cycleMs.get(w.currentTicket.categoryId) : undefined) ?? 0;
      freeAt = Math.max(now, Date.parse(w.currentTicket.since) + cycle);
    }
    out.push({ windowId: cfg.id, categories: cfg.categories, freeAt });
  }
  return out;
}

/**
 * Forecast arrivals as tickets: the k-th one arrives when the expected cumulative count reaches k − ½
 * (rounding, so 0.4 expected arrivals make none and 0.6 make one). `perMinute[i]` is minute i after now.
 */
export function forecastTickets(categoryId: string, perMinute: readonly number[], now: number): ProjectedTicket[] {
  const out: ProjectedTicket[] = [];
  let cumulative = 0;
  let next = 0.5;
  perMinute.forEach((rate, i) => {
    if (!(rate > 0)) return;
    const start = cumulative;
    cumulative += rate;
    while (cumulative >= next) {
      out.push({ categoryId, since: now + (i + (next - start) / rate) * 60_000, green: false, forecast: true });
      next += 1;
    }
  });
  return out;
}
