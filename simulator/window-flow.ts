// A window's day in the discrete-event loop: opening, lunch, short breaks, closing, and taking the next ticket.
import type { DaySchedule } from "./day-profile.js";
import type { DaySim, Win } from "./day-sim.js";
import { hasWaiting, takeNext } from "./queues.js";
import { call } from "./service-flow.js";
import { MIN } from "./service-hours.js";

/** Schedules each staffed window's opening (some staff are a few minutes late) and its wake-ups. */
export function planWindowDay(sim: DaySim, schedule: DaySchedule): void {
  const { agenda, rng } = sim;
  for (const w of sim.wins) {
    const late = rng.chance(0.12);
    const openAt = schedule.opens * MIN + (late ? rng.uniform(1, 8) : -rng.uniform(0, 5)) * MIN;
    agenda.at(openAt, () => {
      sim.emit({ type: "window.opened", windowId: w.id, staffId: w.staffId });
      w.state = "idle";
      next(sim, w);
    });
    // An idle window has nothing scheduled, so it needs a wake-up to notice lunch, a break or closing time.
    for (const at of [w.lunchAt, ...w.breaks.map((b) => b.at), w.closeAt]) {
      if (at !== null) agenda.at(at, () => {
        if (w.state === "idle") next(sim, w);
      });
    }
  }
}

/** What an idle window does now: go to lunch, take a due break, close, or call the next ticket. */
export function next(sim: DaySim, w: Win): void {
  if (w.state !== "idle") return;
  const now = sim.agenda.now;
  if (w.lunchAt !== null && !w.lunchTaken && now >= w.lunchAt) {
    w.lunchTaken = true;
    // Staff kept past lunchtime by a long service skip lunch rather than start it after the hall reopens.
    if (now < sim.lunchEnd) {
      pause(sim, w, "午休", Math.max(w.lunchBackAt, now + 30 * MIN));
      return;
    }
  }
  const due = w.breaks[0];
  if (due && now >= due.at) {
    w.breaks.shift();
    if (now + due.ms < w.closeAt) {
      pause(sim, w, due.reason, now + due.ms);
      return;
    }
  }
  // 延时服务: past closing time a window keeps serving whoever is still waiting, up to the hard stop.
  if (now >= w.closeAt && (now >= sim.hardStop || !hasWaiting(sim, w))) {
    sim.emit({ type: "window.closed", windowId: w.id });
    w.state = "closed";
    return;
  }
  const ticket = takeNext(sim, w);
  if (ticket) call(sim, w, ticket);
}

export function becomeIdleAfter(sim: DaySim, w: Win, ms: number): void {
  sim.agenda.at(sim.agenda.now + ms, () => {
    w.state = "idle";
    next(sim, w);
  });
}

/** Wakes an idle window a little later (staff notice a new ticket with a delay); at most one wake-up pending. */
export function poke(sim: DaySim, w: Win, delayMs: number): void {
  if (w.pokePending) return;
  w.pokePending = true;
  sim.agenda.at(sim.agenda.now + delayMs, () => {
    w.pokePending = false;
    if (w.state === "idle") next(sim, w);
  });
}

function pause(sim: DaySim, w: Win, reason: string, until: number): void {
  sim.emit({ type: "window.paused", windowId: w.id, reason });
  w.state = "paused";
  sim.agenda.at(until, () => {
    sim.emit({ type: "window.resumed", windowId: w.id });
    w.state = "idle";
    next(sim, w);
  });
}

/** Closes every window still open when the agenda ran dry, at the hard stop at the earliest. */
export function closeRemainingWindows(sim: DaySim): void {
  for (const w of sim.wins) {
    if (w.state !== "closed") {
      sim.agenda.now = Math.max(sim.agenda.now, sim.hardStop);
      sim.emit({ type: "window.closed", windowId: w.id });
      w.state = "closed";
    }
  }
}
