// Waits and queues from ticket facts (docs/metrics.md, "Per category").
import type { QueueEntry, TicketFacts } from "./facts.js";
import { compareStamps, type Stamp } from "./stamp.js";

/** A ticket still uncalled this long after entering its queue counts as abandoned, not waiting. */
export const ABANDONED_AFTER_MS = 12 * 60 * 60 * 1000;

export interface TicketWait {
  categoryId: string;
  issuedAt: number;
  firstCallAt: number;
  /** First call minus issue; 0 when a device clock put the call before the issue. */
  waitMs: number;
}

/** The ticket's wait: its first call minus its issue, in the category it was issued in. */
export function ticketWait(t: TicketFacts): TicketWait | null {
  const issue = t.issues[0];
  const call = t.calls[0];
  if (!issue || !call) return null;
  return {
    categoryId: issue.categoryId,
    issuedAt: issue.ts,
    firstCallAt: call.ts,
    waitMs: waitMsOf(issue, call),
  };
}

/** A first call's wait after its issue; 0 when a device clock put the call before the issue. */
export function waitMsOf(issue: Stamp, firstCall: Stamp): number {
  return Math.max(0, firstCall.ts - issue.ts);
}

export interface Waiting {
  categoryId: string;
  /** When the ticket entered this queue (issued, or transferred in). */
  since: number;
}

/** Where the ticket waits at `at`, or null when it is not waiting (called, not issued yet, abandoned). */
export function waitingAt(t: TicketFacts, at: number): Waiting | null {
  let entry: QueueEntry | undefined;
  const issue = t.issues[0];
  if (issue && issue.ts <= at) entry = issue;
  for (const tr of t.transfers) {
    if (tr.ts > at) break;
    if (!entry || compareStamps(tr, entry) > 0) entry = tr;
  }
  if (!entry) return null;
  if (at - entry.ts > ABANDONED_AFTER_MS) return null;
  for (const c of t.calls) {
    if (c.ts > at) break;
    if (compareStamps(c, entry) > 0) return null;
  }
  return { categoryId: entry.categoryId, since: entry.ts };
}
