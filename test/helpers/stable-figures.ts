// The parts of a live view that do not move with the clock: what two views taken a moment apart (a
// display's held view and GET /load, or views before and after a restart) must share exactly.
import type { LoadView } from "../../contract/index.js";

export function stableFigures(view: LoadView) {
  return {
    hallId: view.hallId,
    live: view.live,
    windows: view.windows.map((w) => ({
      windowId: w.windowId,
      state: w.state,
      stateSince: w.stateSince,
      currentTicket: w.currentTicket,
      served: w.served,
      avgHandleSeconds: w.avgHandleSeconds,
      ratingAvg: w.ratingAvg,
      ratingCount: w.ratingCount,
      servedToday: w.servedToday,
      eligible: w.eligible,
    })),
    categories: view.categories.map((c) => ({
      categoryId: c.categoryId,
      arrivals: c.arrivals,
      calledCount: c.calledCount,
      avgWaitSeconds: c.avgWaitSeconds,
      maxWaitSeconds: c.maxWaitSeconds,
      waitingNow: c.waitingNow,
    })),
    imbalance: { hot: view.imbalance.hot, cold: view.imbalance.cold, imbalanced: view.imbalance.imbalanced },
    recentCalls: view.recentCalls,
  };
}
