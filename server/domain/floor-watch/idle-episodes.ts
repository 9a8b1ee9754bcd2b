// Idle while waiting (离岗 / 窗口空闲) for one window. The window is *quiet* while it is open (not paused,
// not closed), someone waits in one of its categories, and it attends no ticket (window-attending.ts).
// A quiet stretch begins at the latest of: the window became free (completion, no-show, transfer away),
// the queue of its categories became non-empty, the window opened or resumed. The window is *idle* from
// that moment + the threshold (default 5 minutes) until the stretch ends: a call, a pause, a close, or
// the queue emptying. The grace of the threshold is not idle time: short gaps (paperwork, a walk-up)
// are normal, and history counts only what exceeded it.
import type { HallFacts } from "../hall-facts.js";
import type { Interval } from "../intervals.js";
import { openIntervals } from "../window-timeline.js";
import { intersectIntervals, mergeIntervals, subtractIntervals } from "./interval-ops.js";
import type { QueueStay } from "./queue-stays.js";
import { attendingIntervals } from "./window-attending.js";

export const DEFAULT_IDLE_THRESHOLD_MS = 5 * 60_000;

export interface IdleEpisode {
  windowId: string;
  /** Start of the quiet stretch: the last activity, queue refill or (re)opening. */
  quietSince: number;
  /** When idle began (fired): quietSince + threshold. */
  start: number;
  /** When it cleared; null while it still runs at the evaluation time `to`. */
  end: number | null;
}

/**
 * The window's quiet stretches (open ∧ waiting ∧ not attending). `notBefore` only saves work: stretches
 * that ended before it may be missing, and one that straddles it is cut at it — so pass the start of an
 * open interval (no stretch straddles that), as the live list does.
 */
export function quietStretches(facts: HallFacts, windowId: string, categories: readonly string[], stays: ReadonlyMap<string, readonly QueueStay[]>, notBefore = -Infinity): Interval[] {
  const w = facts.windows.get(windowId);
  if (!w) return [];
  const waiting = mergeIntervals(categories.flatMap((c) => (stays.get(c) ?? []).filter((s) => s.end > notBefore)));
  const open = mergeIntervals(openIntervals(w.transitions).map((iv) => ({ start: Math.max(iv.start, notBefore), end: iv.end })));
  return subtractIntervals(intersectIntervals(open, waiting), mergeIntervals(attendingIntervals(w, notBefore)));
}

/**
 * Idle episodes that began by `to` (fired at or before it). Every input interval is causal — its start
 * and end are times of facts — so the episodes up to `to` depend only on facts with ts ≤ to, and an
 * episode still running at `to` reports `end: null`.
 */
export function idleEpisodes(
  facts: HallFacts,
  windowId: string,
  categories: readonly string[],
  stays: ReadonlyMap<string, readonly QueueStay[]>,
  to: number,
  thresholdMs: number = DEFAULT_IDLE_THRESHOLD_MS,
  notBefore = -Infinity,
): IdleEpisode[] {
  if (!(thresholdMs >= 0)) throw new RangeError("the idle threshold must be ≥ 0");
  const out: IdleEpisode[] = [];
  for (const q of quietStretches(facts, windowId, categories, stays, notBefore)) {
    const start = q.start + thresholdMs;
    if (start > to || start >= q.end) continue;
    out.push({ windowId, quietSince: q.start, start, end: q.end > to ? null : q.end });
  }
  return out;
}
