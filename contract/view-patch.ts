// How display clients apply an update's patch to the view they hold (shared by the wall and tests).
import type { LoadView, LoadViewPatch, TodaySeries, TodayTail } from "./live-view.js";

/** Applies a patch to a view; entries not in the patch are kept. Check `baseSeq` before calling. */
export function applyLoadViewPatch(view: LoadView, patch: LoadViewPatch): LoadView {
  let windows = patch.windows ? mergeById(view.windows, patch.windows, (w) => w.windowId) : view.windows;
  if (patch.windowFields) windows = mergeFields(windows, patch.windowFields, (w) => w.windowId);
  let categories = patch.categories ? mergeById(view.categories, patch.categories, (c) => c.categoryId) : view.categories;
  if (patch.categoryFields) categories = mergeFields(categories, patch.categoryFields, (c) => c.categoryId);
  return {
    ...view,
    from: patch.from,
    to: patch.to,
    windows,
    categories,
    imbalance: patch.imbalance ?? view.imbalance,
    recentCalls: patch.recentCalls ?? view.recentCalls,
    ...(patch.today ?? view.today ? { today: patch.today ?? withTail(view.today, patch.todayTail) } : {}),
    ...(patch.consistency ?? view.consistency ? { consistency: patch.consistency ?? view.consistency } : {}),
    ...(patch.rebalance ?? view.rebalance ? { rebalance: patch.rebalance ?? view.rebalance } : {}),
    ...(patch.floor ?? view.floor ? { floor: patch.floor ?? view.floor } : {}),
    ...(patch.heartbeats ?? view.heartbeats ? { heartbeats: patch.heartbeats ?? view.heartbeats } : {}),
  };
}

/** Today's series with a compact update's tail applied (unchanged without one, or for another day). */
function withTail(today: TodaySeries | undefined, tail: TodayTail | undefined): TodaySeries | undefined {
  if (!today || !tail || tail.dayStart !== today.dayStart) return today;
  return { ...today, buckets: [...today.buckets.slice(0, tail.from), ...tail.buckets] };
}

/** Merges changed fields into the held entries with the same id (an id not held changes nothing). */
function mergeFields<T>(base: readonly T[], changed: readonly Partial<T>[], key: (x: T) => string): T[] {
  const byId = new Map(changed.map((x) => [key(x as T), x]));
  return base.map((x) => {
    const fields = byId.get(key(x));
    return fields ? { ...x, ...fields } : x;
  });
}

function mergeById<T>(base: readonly T[], changed: readonly T[], key: (x: T) => string): T[] {
  const byId = new Map(changed.map((x) => [key(x), x]));
  const out = base.map((x) => byId.get(key(x)) ?? x);
  const known = new Set(base.map(key));
  for (const x of changed) if (!known.has(key(x))) out.push(x);
  return out;
}
