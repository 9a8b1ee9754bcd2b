// One hall's overview figures for the overview page's tests: a calm hall, changed by `over`.
import type { OverviewHall } from "../../../../contract/overview.js";

export function hall(hallId: string, rank: number, over: Partial<OverviewHall> = {}): OverviewHall {
  return {
    rank,
    hallId,
    name: `${hallId} 大厅`,
    imbalance: { cv: 0.1, imbalanced: false, hot: 0, cold: 0 },
    waitingNow: 3,
    oldestWaitSeconds: 120,
    waitTargetMinutes: 20,
    calledToday: 10,
    withinTargetShare: 0.95,
    openFindings: 0,
    windows: { open: 2, total: 3 },
    idleWindows: 0,
    lostHeartbeats: 0,
    ...over,
  };
}
