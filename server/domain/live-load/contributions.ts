// What one ticket and one service list add to the live view's sums, as pure functions of their facts and of
// the earliest time the sums keep. The live view does not remember what it added for each ticket (that
// memory was a third of the view's, ~80 bytes of every event held — issue #8): it computes a ticket's or a
// list's contribution just before their facts change (HallFacts' watcher) and again after, and swaps the
// difference. Both computations see the same `keepFrom`, which only changes when the sums are rebuilt.
import type { ServiceFact, TicketFacts } from "../facts.js";
import type { Interval } from "../intervals.js";
import { serviceEpisodes } from "../service-episodes.js";
import { ticketWait } from "../ticket-queue.js";
import type { BucketedSums, TimedEntry } from "./bucketed-sums.js";
import type { BusyUnion } from "./busy-union.js";

export interface TicketContribution {
  /** The ticket's first issue, by category. */
  arrival: TimedEntry | null;
  /** Its wait at its first call, by the category it was issued in. */
  wait: TimedEntry | null;
}

export interface ServicesContribution {
  windowId: string;
  /** Each episode's end, with its handling time when it has a start. */
  served: TimedEntry[];
  /** Each episode with a start, open ones to Infinity. */
  busy: Interval[];
}

const NO_TICKET: TicketContribution = { arrival: null, wait: null };

export function ticketContribution(t: TicketFacts | undefined, keepFrom: number): TicketContribution {
  if (!t) return NO_TICKET;
  const issue = t.issues[0];
  const arrival: TimedEntry | null = issue !== undefined && issue.ts >= keepFrom ? { ts: issue.ts, key: issue.categoryId, value: null } : null;
  const w = ticketWait(t);
  const wait: TimedEntry | null = w !== null && w.firstCallAt >= keepFrom ? { ts: w.firstCallAt, key: w.categoryId, value: w.waitMs } : null;
  return arrival === null && wait === null ? NO_TICKET : { arrival, wait };
}

/** Null when the list adds nothing (empty, or every episode before keepFrom). */
export function servicesContribution(list: readonly ServiceFact[], keepFrom: number): ServicesContribution | null {
  const first = list[0];
  if (first === undefined) return null;
  const windowId = first.windowId;
  const episodes = serviceEpisodes(list);
  const busy = episodes.filter((ep) => ep.start !== null && (ep.end ?? Infinity) > keepFrom).map((ep): Interval => ({ start: ep.start as number, end: ep.end ?? Infinity }));
  const served = episodes
    .filter((ep) => ep.end !== null && ep.end >= keepFrom)
    .map((ep): TimedEntry => ({ ts: ep.end as number, key: windowId, value: ep.start !== null ? Math.max(0, (ep.end as number) - ep.start) : null }));
  return served.length === 0 && busy.length === 0 ? null : { windowId, served, busy };
}

const sameEntry = (a: TimedEntry | null, b: TimedEntry | null): boolean =>
  a === b || (a !== null && b !== null && a.ts === b.ts && a.key === b.key && a.value === b.value);

/** Replaces the entry `was` by `now` in the sums (either may be none); nothing when they are equal. */
export function replaceEntry(sums: BucketedSums, was: TimedEntry | null, now: TimedEntry | null): void {
  if (sameEntry(was, now)) return;
  if (was) sums.remove(was);
  if (now) sums.add(now);
}

/** Takes a list's old contribution out of the served sums and the window's busy union, and puts the new one in. */
export function replaceServices(served: BucketedSums, busyOf: (windowId: string) => BusyUnion, was: ServicesContribution | null, now: ServicesContribution | null): void {
  if (was) {
    const busy = busyOf(was.windowId);
    for (const e of was.served) served.remove(e);
    for (const iv of was.busy) busy.remove(iv);
  }
  if (now) {
    const busy = busyOf(now.windowId);
    for (const iv of now.busy) busy.add(iv);
    for (const e of now.served) served.add(e);
  }
}
