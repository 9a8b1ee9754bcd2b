// The cold window that could help a category expected to break its target: the allocation issue's
// rebalancing advice (whatif/rebalance.ts), asked as if the projected wait had already happened. The live
// view is kept as it is (its cold windows, its hot windows) except that the warned category is given the
// projected wait as its oldest wait — so the same rule (cold, does not serve it yet, same department or
// 综合窗口) and the same priority between categories decide, and a window the advice already gives to a
// category waiting longer is not offered twice.
import type { HallConfig, LoadView } from "../../../contract/index.js";
import { rebalanceSuggestions } from "../whatif/rebalance.js";

export function helperWindow(view: LoadView, hall: HallConfig, categoryId: string, predictedWaitSeconds: number): string | null {
  let found = false;
  const categories = view.categories.map((c) => {
    if (c.categoryId !== categoryId) return c;
    found = true;
    return { ...c, waitingNow: Math.max(1, c.waitingNow), oldestWaitSeconds: Math.max(c.oldestWaitSeconds ?? 0, predictedWaitSeconds) };
  });
  if (!found) return null;
  const projected: LoadView = { ...view, live: true, categories };
  const pick = rebalanceSuggestions(projected, hall, hall.windows.length).find((s) => s.categoryId === categoryId);
  return pick?.windowId ?? null;
}
