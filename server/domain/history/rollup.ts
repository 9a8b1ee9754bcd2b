// 15-minute rollups: per window and per category, the additive parts of every history figure, computed
// from the fact store with the same functions as the live view, so that summing buckets gives exactly
// the figures over raw events (docs/metrics.md, "History").
import type { HallConfig } from "../../../contract/index.js";
import type { HallFacts } from "../hall-facts.js";
import { serviceEpisodes } from "../service-episodes.js";
import { ticketWait } from "../ticket-queue.js";
import { latestEvaluations, windowFigures } from "../window-figures.js";

export const BUCKET_MS = 15 * 60_000;

export interface WindowBucket {
  windowId: string;
  bucket: number;
  openMs: number;
  busyMs: number;
  served: number;
  handleMsSum: number;
  handleCount: number;
  ratingSum: number;
  ratingCount: number;
  poorRatings: number;
  noShows: number;
  /** Tickets whose first call was to this window in the bucket. */
  firstCalls: number;
}

export interface CategoryBucket {
  categoryId: string;
  bucket: number;
  arrivals: number;
  firstCalls: number;
  waitMsSum: number;
  waitMsMax: number;
  /** Completions of tickets issued in this category. */
  served: number;
  handleMsSum: number;
  handleCount: number;
  ratingSum: number;
  ratingCount: number;
  poorRatings: number;
  noShows: number;
}

/** One ticket's wait, in the bucket of its first call: the exact samples behind percentiles. */
export interface WaitSample {
  ticketId: string;
  bucket: number;
  categoryId: string;
  windowId: string;
  waitMs: number;
}

export interface Rollup {
  windows: WindowBucket[];
  categories: CategoryBucket[];
  waits: WaitSample[];
}

const emptyCategory = (categoryId: string, bucket: number): CategoryBucket => ({
  categoryId,
  bucket,
  arrivals: 0,
  firstCalls: 0,
  waitMsSum: 0,
  waitMsMax: 0,
  served: 0,
  handleMsSum: 0,
  handleCount: 0,
  ratingSum: 0,
  ratingCount: 0,
  poorRatings: 0,
  noShows: 0,
});

const isEmptyWindow = (w: WindowBucket) =>
  w.openMs === 0 && w.busyMs === 0 && w.served === 0 && w.ratingCount === 0 && w.noShows === 0 && w.firstCalls === 0;

/**
 * Rollup rows for the buckets of [from, to) (both on 15-minute boundaries). Rows with nothing in them are
 * left out. Windows are those of the configuration plus any the facts mention; categories are those the
 * facts mention (an event for a category since removed from the configuration still counts in history).
 */
export function computeRollup(facts: HallFacts, hall: HallConfig, from: number, to: number): Rollup {
  const bucketOf = (ts: number) => (ts >= from && ts < to ? from + Math.floor((ts - from) / BUCKET_MS) * BUCKET_MS : null);
  const categories = new Map<string, CategoryBucket>();
  const cat = (categoryId: string, bucket: number) => {
    const key = `${categoryId}\u0000${bucket}`;
    let c = categories.get(key);
    if (!c) {
      c = emptyCategory(categoryId, bucket);
      categories.set(key, c);
    }
    return c;
  };
  const categoryOfTicket = (ticketId: string) => facts.tickets.get(ticketId)?.issues[0]?.categoryId ?? null;

  const windowIds = new Set([...hall.windows.map((w) => w.id), ...facts.windows.keys()]);
  const windows: WindowBucket[] = [];
  const firstCallsAt = new Map<string, number>();
  const waits: WaitSample[] = [];

  for (const [ticketId, t] of facts.tickets) {
    const issue = t.issues[0];
    if (issue) {
      const b = bucketOf(issue.ts);
      if (b !== null) cat(issue.categoryId, b).arrivals += 1;
    }
    const wait = ticketWait(t);
    const firstCall = t.calls[0];
    if (wait && firstCall) {
      const b = bucketOf(wait.firstCallAt);
      if (b !== null) {
        const c = cat(wait.categoryId, b);
        c.firstCalls += 1;
        c.waitMsSum += wait.waitMs;
        c.waitMsMax = Math.max(c.waitMsMax, wait.waitMs);
        waits.push({ ticketId, bucket: b, categoryId: wait.categoryId, windowId: firstCall.windowId, waitMs: wait.waitMs });
        const key = `${firstCall.windowId}\u0000${b}`;
        firstCallsAt.set(key, (firstCallsAt.get(key) ?? 0) + 1);
      }
    }
  }

  for (const windowId of windowIds) {
    const w = facts.windows.get(windowId);
    if (w) {
      // Category-side figures of this window's services, evaluations and no-shows.
      for (const list of w.services.values())
        for (const ep of serviceEpisodes(list)) {
          const b = ep.end === null ? null : bucketOf(ep.end);
          const categoryId = categoryOfTicket(ep.ticketId);
          if (b === null || categoryId === null || ep.end === null) continue;
          const c = cat(categoryId, b);
          c.served += 1;
          if (ep.start !== null) {
            c.handleMsSum += Math.max(0, ep.end - ep.start);
            c.handleCount += 1;
          }
        }
      for (const e of latestEvaluations(w)) {
        const b = bucketOf(e.ts);
        const categoryId = categoryOfTicket(e.ticketId);
        if (b === null || categoryId === null) continue;
        const c = cat(categoryId, b);
        c.ratingSum += e.rating;
        c.ratingCount += 1;
        if (e.rating <= 2) c.poorRatings += 1;
      }
      for (const l of w.leaves) {
        const b = l.kind === "no_show" ? bucketOf(l.ts) : null;
        const categoryId = categoryOfTicket(l.ticketId);
        if (b !== null && categoryId !== null) cat(categoryId, b).noShows += 1;
      }
    }
    for (let b = from; b < to; b += BUCKET_MS) {
      const f = windowFigures(w, b, b + BUCKET_MS, b);
      const row: WindowBucket = {
        windowId,
        bucket: b,
        openMs: f.openMs,
        busyMs: f.busyMs,
        served: f.served,
        handleMsSum: f.handleMsTotal,
        handleCount: f.handleCount,
        ratingSum: f.ratingSum,
        ratingCount: f.ratingCount,
        poorRatings: f.poorRatings,
        noShows: (w?.leaves ?? []).filter((l) => l.kind === "no_show" && l.ts >= b && l.ts < b + BUCKET_MS).length,
        firstCalls: firstCallsAt.get(`${windowId}\u0000${b}`) ?? 0,
      };
      if (!isEmptyWindow(row)) windows.push(row);
    }
  }
  return { windows, categories: [...categories.values()], waits };
}
