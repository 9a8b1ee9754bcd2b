// Rebalancing advice (优化力量配置): which cold window could take which hot category. A category is hot
// when its oldest ticket waits past the target or a window serving it is hot; a window may take it when
// it is cold, does not serve it yet, and belongs to a department that serves it — or is comprehensive
// (综合窗口, 一窗受理).
import { resolvedTargets, type HallConfig, type LoadView, type RebalanceAdvice } from "../../../contract/index.js";

export type Suggestion = Omit<RebalanceAdvice, "predicted">;

export function rebalanceSuggestions(view: LoadView, hall: HallConfig, limit = 3): Suggestion[] {
  const targetSeconds = resolvedTargets(hall).waitMinutes * 60;
  const hotWindows = new Set(view.imbalance.hot);
  const cold = hall.windows.filter((w) => view.imbalance.cold.includes(w.id));
  const byCategory = new Map(view.categories.map((c) => [c.categoryId, c]));
  const out: (Suggestion & { score: number })[] = [];
  for (const c of hall.categories) {
    const load = byCategory.get(c.id);
    const servingHot = hall.windows.filter((w) => w.categories.includes(c.id) && hotWindows.has(w.id)).map((w) => w.id);
    const oldest = load?.oldestWaitSeconds ?? null;
    const overTarget = oldest !== null && oldest > targetSeconds;
    if (!overTarget && servingHot.length === 0) continue;
    if ((load?.waitingNow ?? 0) === 0) continue;
    const departments = new Set(hall.windows.filter((w) => w.categories.includes(c.id)).map((w) => w.department));
    for (const w of cold) {
      if (w.categories.includes(c.id)) continue;
      if (!w.comprehensive && !departments.has(w.department)) continue;
      out.push({ windowId: w.id, categoryId: c.id, reason: { oldestWaitSeconds: oldest, hotWindows: servingHot }, score: (oldest ?? 0) + (load?.waitingNow ?? 0) * 60 });
    }
  }
  // The longest waits first; one suggestion per window.
  out.sort((a, b) => b.score - a.score || (a.windowId < b.windowId ? -1 : 1));
  const usedWindows = new Set<string>();
  const picked: Suggestion[] = [];
  for (const { score: _s, ...s } of out) {
    if (usedWindows.has(s.windowId)) continue;
    usedWindows.add(s.windowId);
    picked.push(s);
    if (picked.length >= limit) break;
  }
  return picked;
}
