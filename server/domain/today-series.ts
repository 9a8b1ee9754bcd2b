// Today's arrivals, completions and waits per 15 minutes, from the hall's local midnight up to `to`.
import type { TodayBucket, TodaySeries } from "../../contract/index.js";
import type { HallFacts } from "./hall-facts.js";
import { serviceEpisodes } from "./service-episodes.js";
import { ticketWait } from "./ticket-queue.js";

export const BUCKET_MINUTES = 15;
export const SERIES_BUCKET_MS = BUCKET_MINUTES * 60_000;

/** Number of 15-minute buckets from `dayStart` up to `to` (at least one). */
export function seriesBucketCount(dayStart: number, to: number): number {
  return Math.max(1, Math.ceil((to - dayStart) / SERIES_BUCKET_MS));
}

export function computeTodaySeries(facts: HallFacts, dayStart: number, to: number): TodaySeries {
  const count = seriesBucketCount(dayStart, to);
  const arrivals = new Array<number>(count).fill(0);
  const served = new Array<number>(count).fill(0);
  const waitSum = new Array<number>(count).fill(0);
  const waitN = new Array<number>(count).fill(0);
  const slot = (ts: number) => (ts >= dayStart && ts < to ? Math.floor((ts - dayStart) / SERIES_BUCKET_MS) : -1);

  // Tickets and services whose facts all precede the day add nothing to it: skipped, so that the cost is
  // today's tickets rather than the 48 hours the live facts hold.
  for (const t of facts.tickets.values()) {
    if (t.lastTs < dayStart) continue;
    const issue = t.issues[0];
    if (issue) {
      const i = slot(issue.ts);
      if (i >= 0) arrivals[i] = (arrivals[i] as number) + 1;
    }
    const wait = ticketWait(t);
    if (wait) {
      const i = slot(wait.firstCallAt);
      if (i >= 0) {
        waitSum[i] = (waitSum[i] as number) + wait.waitMs;
        waitN[i] = (waitN[i] as number) + 1;
      }
    }
  }
  for (const w of facts.windows.values())
    for (const list of w.services.values()) {
      const last = list[list.length - 1];
      if (last === undefined || last.ts < dayStart) continue;
      for (const ep of serviceEpisodes(list)) {
        const i = ep.end === null ? -1 : slot(ep.end);
        if (i >= 0) served[i] = (served[i] as number) + 1;
      }
    }

  return assembleTodaySeries(dayStart, arrivals, served, waitSum, waitN);
}

/** The series from per-bucket counts and wait sums (one entry per 15 minutes from the day's start). */
export function assembleTodaySeries(dayStart: number, arrivals: readonly number[], served: readonly number[], waitSum: readonly number[], waitN: readonly number[]): TodaySeries {
  return {
    dayStart: new Date(dayStart).toISOString(),
    bucketMinutes: BUCKET_MINUTES,
    buckets: arrivals.map((a, i) => seriesBucket(dayStart, i, a, served[i] as number, waitSum[i] as number, waitN[i] as number)),
  };
}

/** The `i`-th 15-minute entry of the day starting at `dayStart`. */
export function seriesBucket(dayStart: number, i: number, arrivals: number, served: number, waitSum: number, waitN: number): TodayBucket {
  return {
    start: new Date(dayStart + i * SERIES_BUCKET_MS).toISOString(),
    arrivals,
    served,
    avgWaitSeconds: waitN > 0 ? waitSum / waitN / 1000 : null,
  };
}
