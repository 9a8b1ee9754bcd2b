// Share of today's called tickets whose wait was within the hall's target: the overview's service figure.
// Same wait as everywhere else (first call − issue, server/domain/ticket-queue.ts: waitMsOf), counted over the
// tickets whose first call falls in [dayStart, now) — the same tickets as today's series' waits.
import type { HallFacts } from "../hall-facts.js";
import { waitMsOf } from "../ticket-queue.js";

export interface WithinTarget {
  called: number;
  within: number;
  /**
   * The earliest of today's first calls at or after `now` (a device's clock ahead), Infinity when none: with
   * the same facts, day and target the figures hold until the clock reaches it (a reader's cache bound).
   */
  changesAt: number;
}

export function todayWithinTarget(facts: HallFacts, dayStart: number, now: number, targetMs: number): WithinTarget {
  let called = 0;
  let within = 0;
  let changesAt = Number.POSITIVE_INFINITY;
  for (const t of facts.tickets.values()) {
    // Tickets whose facts all precede the day cannot have been first called today.
    if (t.lastTs < dayStart) continue;
    // ticketWait's figures read in place: this pass visits every ticket of a hall's 48 hours, and its
    // object per ticket was 6% of a province node's allocations at the peak (issue #11's profile).
    const issue = t.issues[0];
    const firstCall = t.calls[0];
    if (!issue || !firstCall || firstCall.ts < dayStart) continue;
    if (firstCall.ts >= now) {
      changesAt = Math.min(changesAt, firstCall.ts);
      continue;
    }
    called += 1;
    if (waitMsOf(issue, firstCall) <= targetMs) within += 1;
  }
  return { called, within, changesAt };
}
