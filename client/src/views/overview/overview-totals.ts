// The province at a glance, above the ranked table: what a provincial manager reads first — how many halls
// are imbalanced, how many people wait and the longest wait (and where), the share of today's calls within
// each hall's own target, open findings, windows open, idle windows and lost heartbeats. Sums of the
// halls' own figures; pure.
import type { OverviewHall } from "../../../../contract/overview.js";

export interface OverviewTotals {
  halls: number;
  imbalanced: number;
  waitingNow: number;
  /** The longest current wait of any hall, with that hall's name and target; null when nobody waits anywhere. */
  oldest: { seconds: number; hall: string; targetMinutes: number } | null;
  calledToday: number;
  /**
   * Of today's calls in all halls, the share within the calling hall's own target (each hall's share
   * weighted by its calls); null before the first call anywhere.
   */
  withinTargetShare: number | null;
  openFindings: number;
  windows: { open: number; total: number };
  idleWindows: number;
  lostHeartbeats: number;
}

export function overviewTotals(halls: readonly OverviewHall[]): OverviewTotals {
  const t: OverviewTotals = {
    halls: halls.length,
    imbalanced: 0,
    waitingNow: 0,
    oldest: null,
    calledToday: 0,
    withinTargetShare: null,
    openFindings: 0,
    windows: { open: 0, total: 0 },
    idleWindows: 0,
    lostHeartbeats: 0,
  };
  let within = 0;
  for (const h of halls) {
    if (h.imbalance.imbalanced) t.imbalanced++;
    t.waitingNow += h.waitingNow;
    if (h.oldestWaitSeconds !== null && (t.oldest === null || h.oldestWaitSeconds > t.oldest.seconds)) t.oldest = { seconds: h.oldestWaitSeconds, hall: h.name, targetMinutes: h.waitTargetMinutes };
    t.calledToday += h.calledToday;
    // The hall's share is its calls within target over its calls (null only when it has none).
    within += (h.withinTargetShare ?? 0) * h.calledToday;
    t.openFindings += h.openFindings;
    t.windows.open += h.windows.open;
    t.windows.total += h.windows.total;
    t.idleWindows += h.idleWindows;
    t.lostHeartbeats += h.lostHeartbeats;
  }
  if (t.calledToday > 0) t.withinTargetShare = within / t.calledToday;
  return t;
}
