// Every ticket's stays in a queue, per category: when it entered (issue or transfer in) and when it was
// first called after that. Shared by the pace samples (was a window ever short of work?) and the
// overtaking rate (was a ticket called while an earlier one still waited?).
import type { QueueEntry } from "../facts.js";
import type { HallFacts } from "../hall-facts.js";
import { compareStamps } from "../stamp.js";
import { ABANDONED_AFTER_MS } from "../ticket-queue.js";

export interface QueueStays {
  /** Entry times, ascending. */
  entries: Float64Array;
  /** First call after each entry (Infinity while still waiting at `now`), in the same order. */
  calls: Float64Array;
  /** Running maximum of `calls` up to each index. */
  latestCallSoFar: Float64Array;
}

export function queueStays(facts: HallFacts, now: number): Map<string, QueueStays> {
  const lists = new Map<string, { entry: number; call: number }[]>();
  for (const t of facts.tickets.values()) {
    const entries: QueueEntry[] = [...t.issues.slice(0, 1), ...t.transfers].filter((e) => e.ts <= now);
    for (const entry of entries) {
      const call = t.calls.find((c) => c.ts <= now && compareStamps(c, entry) > 0);
      // A later entry before that call ends this stay without a call (transferred again while waiting).
      if (entries.some((e) => e !== entry && compareStamps(e, entry) > 0 && (!call || compareStamps(e, call) < 0))) continue;
      // Uncalled after 12 hours counts as abandoned: it stopped waiting then (docs/metrics.md).
      const stay = { entry: entry.ts, call: call ? call.ts : now - entry.ts > ABANDONED_AFTER_MS ? entry.ts + ABANDONED_AFTER_MS : Infinity };
      const list = lists.get(entry.categoryId);
      if (list) list.push(stay);
      else lists.set(entry.categoryId, [stay]);
    }
  }
  const out = new Map<string, QueueStays>();
  for (const [categoryId, list] of lists) {
    list.sort((a, b) => a.entry - b.entry || a.call - b.call);
    const entries = Float64Array.from(list, (s) => s.entry);
    const calls = Float64Array.from(list, (s) => s.call);
    const latestCallSoFar = new Float64Array(list.length);
    let max = -Infinity;
    calls.forEach((c, i) => (latestCallSoFar[i] = max = Math.max(max, c)));
    out.set(categoryId, { entries, calls, latestCallSoFar });
  }
  return out;
}

/** The latest first call among the stays that entered at or before `at` (-Infinity when none). */
export function latestCallOfEntriesBy(stays: QueueStays | undefined, at: number): number {
  if (!stays) return -Infinity;
  let lo = 0;
  let hi = stays.entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((stays.entries[mid] as number) <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? -Infinity : (stays.latestCallSoFar[lo - 1] as number);
}
