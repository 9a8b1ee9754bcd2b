// The province overview's own latency (issue #11), pure: when a probe's effect shows in the `/overview`
// pushes a node sends. A probe pauses or resumes its hall's probe window, so the hall's `windows.open`
// (windows whose state is open now) goes one down or one up; that count is all the overview says of it.
// Other windows of the hall move the same count, so a probe is left out — counted, not matched — when the
// background sent a window transition of that hall around it.
import type { ProbeState } from "./province-plan.js";
import { summarize, type Summary } from "./stats.js";

/** One `overview` push as a node's socket received it: each hall's open windows, by hall index (null: hall absent). */
export interface OverviewSeen {
  at: number;
  open: readonly (number | null)[];
}

export interface OverviewProbe {
  hall: number;
  at: number;
  state: ProbeState;
}

export interface OverviewMatchOptions {
  /** A transition of another window of the hall this long before the probe (or after it, up to `windowMs`) leaves the probe out. */
  quietBeforeMs: number;
  /** A push showing the probe later than this after its send does not count: the probe is missed on that node. */
  windowMs: number;
}

export interface OverviewMatch {
  /** Send → first push showing the probe, one sample per probe × node. */
  latency: Summary;
  /** probe × node pairs with a baseline and a quiet hall where no push showed the probe within `windowMs`. */
  missed: number;
  /** probe × node pairs left out: another window of the hall moved around the probe, or the node had sent nothing before it. */
  excluded: number;
}

export const OVERVIEW_MATCH: OverviewMatchOptions = { quietBeforeMs: 5000, windowMs: 10_000 };

/**
 * `pushes[node]` in arrival order; `transitions[hall]` the send times of the background's window events of
 * that hall (any order). The baseline is the node's last push before the probe's send; the probe shows in
 * the first push at or after the send whose count moved from the baseline the probe's way.
 */
export function matchOverview(
  probes: readonly OverviewProbe[],
  pushes: readonly (readonly OverviewSeen[])[],
  transitions: readonly (readonly number[])[],
  opts: OverviewMatchOptions = OVERVIEW_MATCH,
): OverviewMatch {
  const samples: number[] = [];
  let missed = 0;
  let excluded = 0;
  for (const p of probes) {
    const busy = (transitions[p.hall] ?? []).some((t) => t >= p.at - opts.quietBeforeMs && t <= p.at + opts.windowMs);
    for (const seen of pushes) {
      const before = lastBefore(seen, p.at);
      const base = before?.open[p.hall];
      if (busy || base === null || base === undefined) {
        excluded++;
        continue;
      }
      const shown = seen.find((m) => {
        if (m.at < p.at || m.at > p.at + opts.windowMs) return false;
        const open = m.open[p.hall];
        if (open === null || open === undefined) return false;
        return p.state === "paused" ? open < base : open > base;
      });
      if (shown) samples.push(shown.at - p.at);
      else missed++;
    }
  }
  return { latency: summarize(samples), missed, excluded };
}

function lastBefore(seen: readonly OverviewSeen[], at: number): OverviewSeen | undefined {
  let found: OverviewSeen | undefined;
  for (const m of seen) {
    if (m.at >= at) break;
    found = m;
  }
  return found;
}

/** The gaps between one node's successive pushes (how often the overview is taken again while halls publish). */
export function pushGaps(pushes: readonly (readonly OverviewSeen[])[]): Summary {
  return summarize(pushes.flatMap((seen) => seen.slice(1).map((m, i) => m.at - (seen[i] as OverviewSeen).at)));
}

/**
 * Whether every node has sent `count` pushes after `at` (the last probe's send), or `windowMs` has passed:
 * the pushes are matched only then. Matched 1.5 s after the last probe, as before session 19, a push due
 * up to 2 s after it (the overview is taken every 2 s) had not arrived yet, and that probe counted missed.
 */
export function pushesSettled(pushes: readonly (readonly OverviewSeen[])[], at: number, now: number, count = 2, windowMs = OVERVIEW_MATCH.windowMs): boolean {
  return now >= at + windowMs || pushes.every((seen) => seen.filter((m) => m.at > at).length >= count);
}
