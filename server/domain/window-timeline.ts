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

export interface WindowStateAt {
  state: WindowState;
  /** Time of the transition that set the state; null when the window never reported one. */
  since: number | null;
}

/** The state after all transitions at or before `at`. A window that never reported is closed. */
export function stateAt(transitions: readonly WindowTransition[], at: number): WindowStateAt {
  let state: WindowState = "closed";
  let since: number | null = null;
  for (const t of transitions) {
    if (t.ts > at) break;
    const next: WindowState = t.kind === "paused" ? "paused" : t.kind === "closed" ? "closed" : "open";
    if (next !== state || since === null) {
      state = next;
      since = t.ts;
    }
  }
  return { state, since };
}
