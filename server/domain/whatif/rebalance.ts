// Rebalancing advice (优化力量配置): which cold window could take which hot category. A category is hot
// when its oldest ticket waits past the target or a window serving it is hot; a window may take it when
// it is cold, does not serve it yet, and belongs to a department that serves it — or is comprehensive
// (综合窗口, 一窗受理).
import { resolvedTargets, type HallConfig, type LoadView, type RebalanceAdvice } from "../../../contract/index.js";

export type Suggestion = Omit<RebalanceAdvice, "predicted">;

/**
 * `view` is the live view (a category is hot while a ticket waits past the target), or a past day's view
 * (`view.live` false: hot when the day's average wait passed the target — nobody waits at the day's end).
 */
export function rebalanceSuggestions(view: LoadView, hall: HallConfig, limit = 3): Suggestion[] {
  const targetSeconds = resolvedTargets(hall).waitMinutes * 60;
  const hotWindows = new Set(view.imbalance.hot);
  const cold = hall.windows.filter((w) => view.imbalance.cold.includes(w.id));
  const byCategory = new Map(view.categories.map((c) => [c.categoryId, c]));
  const out: (Suggestion & { score: number })[] = [];
  for (const c of hall.categories) {
    const load = byCategory.get(c.id);
    const servingHot = hall.windows.filter((w) => w.categories.includes(c.id) && hotWindows.has(w.id)).map((w) => w.id);
    const oldest = view.live ? (load?.oldestWaitSeconds ?? null) : (load?.maxWaitSeconds ?? null);
    const overTarget = view.live ? oldest !== null && oldest > targetSeconds : (load?.avgWaitSeconds ?? 0) > targetSeconds;
    if (!overTarget && servingHot.length === 0) continue;
    if (view.live ? (load?.waitingNow ?? 0) === 0 : (load?.calledCount ?? 0) === 0) continue;
    const departments = new Set(hall.windows.filter((w) => w.categories.includes(c.id)).map((w) => w.department));
    for (const w of cold) {
      if (w.categories.includes(c.id)) continue;
      if (!w.comprehensive && !departments.has(w.department)) continue;
      const volume = view.live ? (load?.waitingNow ?? 0) : (load?.calledCount ?? 0) / 10;
      out.push({ windowId: w.id, categoryId: c.id, reason: { oldestWaitSeconds: oldest, hotWindows: servingHot }, score: (oldest ?? 0) + volume * 60 });
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
