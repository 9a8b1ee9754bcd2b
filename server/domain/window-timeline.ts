// When a window is open, and its state at a moment, from its sorted transitions.
// Open from window.opened or window.resumed to window.paused or window.closed (docs/metrics.md).
import type { WindowState } from "../../contract/index.js";
import type { WindowTransition } from "./facts.js";
import type { Interval } from "./intervals.js";

/** Open intervals; the last one runs to Infinity when the window is still open. */
export function openIntervals(transitions: readonly WindowTransition[]): Interval[] {
  const out: Interval[] = [];
  let openSince: number | null = null;
  for (const t of transitions) {
    if (t.kind === "opened" || t.kind === "resumed") {
      if (openSince === null) openSince = t.ts;
    } else if (openSince !== null) {
      out.push({ start: openSince, end: t.ts });
      openSince = null;
    }
  }
  if (openSince !== null) out.push({ start: openSince, end: Infinity });
  return out;
}

/**
 * `unionLengthWithin(openIntervals(transitions), from, to)` without building the intervals: the live view
 * asks it of every window at every flush, and a busy window's 48 hours of pauses made that a list of
 * hundreds of intervals a window four times a second (issue #8's allocation profile). Whether a window is
 * open after a transition depends on that transition's kind alone, so the walk starts at the last
 * transition before `from` (found by bisection) instead of the first of the horizon.
 */
export function openMsWithin(transitions: readonly WindowTransition[], from: number, to: number): number {
  if (!(to > from)) return 0;
  let i = lastBefore(transitions, from);
  let openSince: number | null = i >= 0 && opens(transitions[i] as WindowTransition) ? from : null;
  let total = 0;
  for (i += 1; i < transitions.length; i++) {
    const t = transitions[i] as WindowTransition;
    if (t.ts >= to) break;
    if (opens(t)) openSince ??= t.ts;
    else if (openSince !== null) {
      total += t.ts - openSince;
      openSince = null;
    }
  }
  return openSince === null ? total : total + (to - openSince);
}

const opens = (t: WindowTransition): boolean => t.kind === "opened" || t.kind === "resumed";

/** Index of the last transition stamped before `at` (-1 when none); the list is sorted by time. */
const lastBefore = (transitions: readonly WindowTransition[], at: number): number => countWhile(transitions, (ts) => ts < at) - 1;

/** Index of the last transition stamped at or before `at` (-1 when none). */
const lastAtOrBefore = (transitions: readonly WindowTransition[], at: number): number => countWhile(transitions, (ts) => ts <= at) - 1;

/** How many transitions from the first satisfy `holds` (a predicate true for a prefix of the sorted list). */
function countWhile(transitions: readonly WindowTransition[], holds: (ts: number) => boolean): number {
  let lo = 0;
  let hi = transitions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (holds((transitions[mid] as WindowTransition).ts)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface WindowStateAt {
  state: WindowState;
  /** Time of the transition that set the state; null when the window never reported one. */
  since: number | null;
}

/**
 * The state after all transitions at or before `at`. A window that never reported is closed. Found from
 * the end — the last transition at or before `at` (bisection), then back over the run of transitions
 * leaving the same state — because the live view asks it of every window at every flush, and a walk from
 * the first of 48 hours' transitions was part of the per-window figures' cost (issue #11's profile).
 */
export function stateAt(transitions: readonly WindowTransition[], at: number): WindowStateAt {
  const last = lastAtOrBefore(transitions, at);
  if (last < 0) return { state: "closed", since: null };
  const state = stateAfter(transitions[last] as WindowTransition);
  let first = last;
  while (first > 0 && stateAfter(transitions[first - 1] as WindowTransition) === state) first--;
  return { state, since: (transitions[first] as WindowTransition).ts };
}

const stateAfter = (t: WindowTransition): WindowState => (t.kind === "paused" ? "paused" : t.kind === "closed" ? "closed" : "open");
