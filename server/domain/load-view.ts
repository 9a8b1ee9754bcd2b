// The load view of a hall over [from, to): per-window load, per-category waits and the imbalance.
// Pure: the caller passes the facts, the configuration, the interval and the local day start.
import {
  resolvedTargets,
  type CategoryLoad,
  type HallConfig,
  type LoadView,
  type RecentCall,
  type WindowLoad,
} from "../../contract/index.js";
import type { CallFact } from "./facts.js";
import type { HallFacts } from "./hall-facts.js";
import { imbalanceOf, isEligible, judgeWindow, type WindowJudgement } from "./imbalance.js";
import { isoTime } from "./iso-time.js";
import { compareStamps } from "./stamp.js";
import { ticketWait, waitingAt, type Waiting } from "./ticket-queue.js";
import { ticketNumber, windowFigures, type WindowFigures } from "./window-figures.js";

export interface LoadViewRequest {
  hallId: string;
  from: number;
  to: number;
  live: boolean;
  /** Start of the hall's local day containing `to` (for servedToday). */
  dayStart: number;
}

export const RECENT_CALLS = 12;

export interface CategoryAccumulator {
  arrivals: number;
  called: number;
  waitSum: number;
  waitMax: number;
  waiting: number;
  oldestSince: number;
}

const iso = (ms: number) => new Date(ms).toISOString();
const seconds = (ms: number) => ms / 1000;

export function computeLoadView(facts: HallFacts, hall: HallConfig, req: LoadViewRequest): LoadView {
  const { from, to } = req;
  const cats = newCategoryAccumulators(hall);
  for (const t of facts.tickets.values()) {
    const issue = t.issues[0];
    if (issue && issue.ts >= from && issue.ts < to) {
      const acc = cats.get(issue.categoryId);
      if (acc) acc.arrivals += 1;
    }
    const wait = ticketWait(t);
    if (wait && wait.firstCallAt >= from && wait.firstCallAt < to) {
      const acc = cats.get(wait.categoryId);
      if (acc) {
        acc.called += 1;
        acc.waitSum += wait.waitMs;
        acc.waitMax = Math.max(acc.waitMax, wait.waitMs);
      }
    }
    const waiting = waitingAt(t, to);
    if (waiting) countWaiting(cats, waiting);
  }
  return assembleLoadView(facts, hall, req, cats, (windowId) => windowFigures(facts.windows.get(windowId), from, to, req.dayStart));
}

/** Per configured category, empty. */
export function newCategoryAccumulators(hall: HallConfig): Map<string, CategoryAccumulator> {
  const cats = new Map<string, CategoryAccumulator>();
  for (const c of hall.categories) cats.set(c.id, { arrivals: 0, called: 0, waitSum: 0, waitMax: 0, waiting: 0, oldestSince: Infinity });
  return cats;
}

export function countWaiting(cats: Map<string, CategoryAccumulator>, waiting: Waiting): void {
  const acc = cats.get(waiting.categoryId);
  if (acc) {
    acc.waiting += 1;
    acc.oldestSince = Math.min(acc.oldestSince, waiting.since);
  }
}

/**
 * The load view from the category sums and each window's figures, however they were gathered: by
 * visiting every fact (computeLoadView, the reference and history's path) or kept per fold (the live
 * path, server/domain/live-load/live-load-state.ts).
 */
export function assembleLoadView(
  facts: HallFacts,
  hall: HallConfig,
  req: LoadViewRequest,
  cats: Map<string, CategoryAccumulator>,
  figuresOf: (windowId: string) => WindowFigures,
): LoadView {
  const { from, to, live } = req;
  const targets = resolvedTargets(hall);
  const targetMs = targets.waitMinutes * 60_000;
  const categories: CategoryLoad[] = hall.categories.map((c) => {
    const acc = cats.get(c.id) as CategoryAccumulator;
    return {
      categoryId: c.id,
      arrivals: acc.arrivals,
      calledCount: acc.called,
      avgWaitSeconds: acc.called > 0 ? seconds(acc.waitSum / acc.called) : null,
      maxWaitSeconds: acc.called > 0 ? seconds(acc.waitMax) : null,
      waitingNow: acc.waiting,
      oldestWaitSeconds: acc.waiting > 0 ? seconds(to - acc.oldestSince) : null,
    };
  });

  const judgements: WindowJudgement[] = [];
  const windows: WindowLoad[] = hall.windows.map((cfg) => {
    const f = figuresOf(cfg.id);
    const utilization = f.openMs > 0 ? f.busyMs / f.openMs : 0;
    const judgement: WindowJudgement = {
      windowId: cfg.id,
      eligible: isEligible(f.openMs, to - from),
      utilization,
      categoryOverTarget: cfg.categories.some((cid) => {
        const acc = cats.get(cid);
        return acc !== undefined && acc.waiting > 0 && to - acc.oldestSince > targetMs;
      }),
      categoryHasWaiting: cfg.categories.some((cid) => (cats.get(cid)?.waiting ?? 0) > 0),
    };
    judgements.push(judgement);
    const { hot, cold } = judgeWindow(judgement, targets, live);
    const current = f.currentTicket;
    const currentFacts = current ? facts.tickets.get(current.ticketId) : undefined;
    return {
      windowId: cfg.id,
      openSeconds: seconds(f.openMs),
      busySeconds: seconds(f.busyMs),
      utilization,
      served: f.served,
      avgHandleSeconds: f.handleCount > 0 ? seconds(f.handleMsTotal / f.handleCount) : null,
      ratingAvg: f.ratingCount > 0 ? f.ratingSum / f.ratingCount : null,
      ratingCount: f.ratingCount,
      eligible: judgement.eligible,
      hot,
      cold,
      state: f.state,
      stateSince: f.stateSince === null ? null : isoTime(f.stateSince),
      currentTicket: current
        ? {
            ticketNo: ticketNumber(currentFacts) ?? "?",
            categoryId: currentFacts?.issues[0]?.categoryId ?? null,
            phase: current.phase,
            since: isoTime(current.since),
          }
        : null,
      servedToday: f.servedToday,
    };
  });

  return {
    hallId: req.hallId,
    from: iso(from),
    to: iso(to),
    live,
    windows,
    categories,
    imbalance: imbalanceOf(judgements, targets, live),
    recentCalls: recentCalls(facts, latestCallsUpTo(facts, to)),
  };
}

/**
 * The latest RECENT_CALLS calls at or before `to`, from each window's sorted calls walked from the end
 * (every call is in its window's list and its ticket's; a live hall holds 48 hours of them, and sorting
 * them all on every flush was a third of the live view's time).
 */
export function latestCallsUpTo(facts: HallFacts, to: number): CallFact[] {
  const calls = new LatestCalls(RECENT_CALLS);
  for (const w of facts.windows.values())
    for (let i = w.calls.length - 1; i >= 0; i--) {
      const c = w.calls[i] as CallFact;
      if (c.ts > to) continue;
      // Older calls of this window cannot be kept once one is refused.
      if (!calls.offer(c)) break;
    }
  return calls.newestFirst();
}

/** The `size` greatest calls by stamp among those offered (stamps are unique: the order is total). */
export class LatestCalls {
  /** Newest first, at most `size`. */
  private readonly kept: CallFact[] = [];

  constructor(private readonly size: number) {}

  /** Keeps `c` if it is among the `size` greatest so far; false when refused. */
  offer(c: CallFact): boolean {
    const kept = this.kept;
    if (kept.length === this.size && compareStamps(c, kept[kept.length - 1] as CallFact) <= 0) return false;
    let i = kept.length;
    while (i > 0 && compareStamps(c, kept[i - 1] as CallFact) > 0) i--;
    kept.splice(i, 0, c);
    if (kept.length > this.size) kept.pop();
    return true;
  }

  newestFirst(): CallFact[] {
    return this.kept;
  }
}

function recentCalls(facts: HallFacts, calls: readonly CallFact[]): RecentCall[] {
  return calls.map((c) => {
    const t = facts.tickets.get(c.ticketId);
    return {
      ticketNo: ticketNumber(t) ?? "?",
      windowId: c.windowId,
      categoryId: t?.issues[0]?.categoryId ?? null,
      ts: isoTime(c.ts),
      recall: t !== undefined && t.calls[0] !== undefined && t.calls[0].eventId !== c.eventId,
    };
  });
}
