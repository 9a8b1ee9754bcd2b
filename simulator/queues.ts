// The per-category waiting queues: who a window calls next, and waking windows when a ticket joins.
import type { DaySim, Ticket, Win } from "./day-sim.js";
import { SEC } from "./service-hours.js";
import { poke } from "./window-flow.js";

export function hasWaiting(sim: DaySim, w: Win): boolean {
  return w.categories.some((c) => (sim.queues.get(c)?.length ?? 0) > 0);
}

/** Whether any window serving the category is still open (or yet to open). */
export function usable(sim: DaySim, categoryId: string): boolean {
  return (sim.winsByCategory.get(categoryId) ?? []).some((w) => w.state !== "closed");
}

/** Removes and returns the first ticket by tier, then issue time, then issue order, across the window's categories. */
export function takeNext(sim: DaySim, w: Win): Ticket | undefined {
  let best: Ticket | undefined;
  let bestQueue: Ticket[] | undefined;
  for (const c of w.categories) {
    const q = sim.queues.get(c);
    if (!q) continue;
    for (const t of q) {
      if (!best || t.tier < best.tier || (t.tier === best.tier && (t.since < best.since || (t.since === best.since && t.seq < best.seq)))) {
        best = t;
        bestQueue = q;
      }
    }
  }
  if (best && bestQueue) bestQueue.splice(bestQueue.indexOf(best), 1);
  return best;
}

export function enqueue(sim: DaySim, t: Ticket): void {
  sim.queues.get(t.categoryId)?.push(t);
  for (const w of sim.winsByCategory.get(t.categoryId) ?? []) if (w.state === "idle") poke(sim, w, sim.rng.uniform(2, 8) * SEC);
}
