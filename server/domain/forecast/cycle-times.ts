// How long a window is taken per ticket of a category: the citizen walking up (call → start), the
// service (start → completion; a no-show holds the window from the call to the no-show) and the staff's
// turnaround before the next call — measured with the what-if replay's own reading of the log
// (replayDayOf), so the projection and the replay agree on what a ticket costs.
import type { HallConfig } from "../../../contract/index.js";
import type { HallFacts } from "../hall-facts.js";
import { replayDayOf } from "../whatif/replay-input.js";

export type CycleSource = "recent" | "live" | "history";

export interface CycleTime {
  cycleMs: number;
  samples: number;
  /** recent: tickets issued in the last `recentMinutes`; live: the 48 hours in memory; history: rollups. */
  source: CycleSource;
}

export interface CycleOptions {
  recentMinutes: number;
  /** Fewer samples than this in a period and the next, longer one is used. */
  minSamples: number;
}

export const DEFAULT_CYCLE: CycleOptions = { recentMinutes: 120, minSamples: 5 };
const LIVE_MS = 48 * 3_600_000;

interface Sums {
  total: number;
  n: number;
}

function sample(facts: HallFacts, hall: HallConfig, from: number, now: number): { perCategory: Map<string, Sums>; turnaroundMs: number } {
  const day = replayDayOf(facts, hall, from, now);
  const perCategory = new Map<string, Sums>();
  for (const t of day.tickets) {
    const held = t.serviceMs ?? t.noShowMs;
    if (held === null) continue; // still in service, or transferred away: its cost is not known yet
    const s = perCategory.get(t.categoryId) ?? { total: 0, n: 0 };
    s.total += t.walkUpMs + held;
    s.n += 1;
    perCategory.set(t.categoryId, s);
  }
  // One hall-wide turnaround: the median of the windows that measured one (most see few such gaps).
  const gaps = day.windows.map((w) => w.turnaroundMs).filter((g) => g > 0).sort((a, b) => a - b);
  return { perCategory, turnaroundMs: gaps.length > 0 ? (gaps[Math.floor(gaps.length / 2)] as number) : 0 };
}

/**
 * Per category, the mean cycle from the most recent period with enough samples; else the caller's
 * history mean handling time (rollups: handleMsSum / handleCount) plus the turnaround; else nothing —
 * the category is then not projected rather than projected with an invented handling time.
 */
export function cycleTimes(
  facts: HallFacts,
  hall: HallConfig,
  now: number,
  historyHandleSeconds: ReadonlyMap<string, number> = new Map(),
  opts: CycleOptions = DEFAULT_CYCLE,
): Map<string, CycleTime> {
  const recent = sample(facts, hall, now - opts.recentMinutes * 60_000, now);
  // The 48 hours are read only when the recent period falls short somewhere: a replay of every ticket held,
  // 10–20 ms on a busy hall, every 30 s per hall on the event loop (issue #8).
  let live: ReturnType<typeof sample> | null = null;
  const liveSample = () => (live ??= sample(facts, hall, now - LIVE_MS, now));
  const turnaround = recent.turnaroundMs > 0 ? recent.turnaroundMs : liveSample().turnaroundMs;
  const out = new Map<string, CycleTime>();
  for (const c of hall.categories) {
    const r = recent.perCategory.get(c.id);
    const h = historyHandleSeconds.get(c.id);
    if (r && r.n >= opts.minSamples) {
      out.set(c.id, { cycleMs: r.total / r.n + turnaround, samples: r.n, source: "recent" });
      continue;
    }
    const l = liveSample().perCategory.get(c.id);
    if (l && l.n >= opts.minSamples) out.set(c.id, { cycleMs: l.total / l.n + turnaround, samples: l.n, source: "live" });
    else if (h !== undefined && h > 0) out.set(c.id, { cycleMs: h * 1000 + turnaround, samples: 0, source: "history" });
  }
  return out;
}
