// Idle while waiting in history, per window and period (a hall-local day, or a 15-minute bucket),
// computed from the fact store alone so that the rollup worker can rebuild it from the log. Rows are
// additive: idle time is clipped to each period and an episode is counted once, in the period where it
// fired, so buckets sum to days and days to months exactly like the other rollups.
// Heartbeat loss is not in the log (no heartbeat event), so history holds idle-while-waiting only.
import { localDate, localDayRange, type HallConfig } from "../../../contract/index.js";
import type { HallFacts } from "../hall-facts.js";
import { DEFAULT_IDLE_THRESHOLD_MS, idleEpisodes } from "./idle-episodes.js";
import { overlapLength } from "./interval-ops.js";
import { staysByCategory } from "./queue-stays.js";

export interface Period {
  /** The row's key, e.g. "2025-03-10" or the bucket's epoch ms as text. */
  key: string;
  from: number;
  to: number;
}

export interface WindowIdleRow {
  windowId: string;
  key: string;
  idleMs: number;
  /** Episodes that fired in the period. */
  episodes: number;
}

/**
 * Rows for every configured window and period with idle time or an episode. `asOf` bounds episodes still
 * running (the rollup's "now", or the end of the last period for a settled past day).
 */
export function idleHistory(facts: HallFacts, hall: HallConfig, periods: readonly Period[], asOf: number, thresholdMs: number = DEFAULT_IDLE_THRESHOLD_MS): WindowIdleRow[] {
  const stays = staysByCategory(facts);
  const out: WindowIdleRow[] = [];
  for (const cfg of hall.windows) {
    const episodes = idleEpisodes(facts, cfg.id, cfg.categories, stays, asOf, thresholdMs);
    for (const p of periods) {
      let idleMs = 0;
      let count = 0;
      for (const e of episodes) {
        idleMs += overlapLength({ start: e.start, end: e.end ?? asOf }, p.from, p.to);
        if (e.start >= p.from && e.start < p.to) count += 1;
      }
      if (idleMs > 0 || count > 0) out.push({ windowId: cfg.id, key: p.key, idleMs, episodes: count });
    }
  }
  return out;
}

/** The hall-local days overlapping [from, to) as periods keyed YYYY-MM-DD (DST-safe: real midnights). */
export function localDayPeriods(from: number, to: number, timeZone: string): Period[] {
  const out: Period[] = [];
  let day = localDate(from, timeZone);
  for (;;) {
    const { start, end } = localDayRange(day, timeZone);
    if (start >= to) break;
    out.push({ key: day, from: start, to: end });
    day = localDate(end, timeZone);
  }
  return out;
}
