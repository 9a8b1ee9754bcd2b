// The parts of a load view that changed between two computations, for coalesced /display updates.
import type { CategoryFields, LoadView, LoadViewPatch, WindowFields } from "../../contract/index.js";
import { jsonEqual } from "./json-equal.js";

// Equal as JSON, compared without writing either out: the same object is the same at once (the floor
// section and the consistency panel are served from caches between their refreshes), and writing both
// sides out as text was 7% of a province node's main thread (issue #11: sixty halls flushing).
const same = jsonEqual;

/** The patch from `prev` to `next`; lists carry only changed entries. `changed` is false when only the time moved. */
export function diffLoadViews(prev: LoadView, next: LoadView): { patch: LoadViewPatch; changed: boolean } {
  const patch: LoadViewPatch = { from: next.from, to: next.to };
  const prevWindows = new Map(prev.windows.map((w) => [w.windowId, w]));
  const windows = next.windows.filter((w) => !same(prevWindows.get(w.windowId), w));
  if (windows.length > 0 || next.windows.length !== prev.windows.length) patch.windows = windows;
  const prevCats = new Map(prev.categories.map((c) => [c.categoryId, c]));
  const categories = next.categories.filter((c) => !same(prevCats.get(c.categoryId), c));
  if (categories.length > 0 || next.categories.length !== prev.categories.length) patch.categories = categories;
  if (!same(prev.imbalance, next.imbalance)) patch.imbalance = next.imbalance;
  if (!same(prev.recentCalls, next.recentCalls)) patch.recentCalls = next.recentCalls;
  if (next.today && !same(prev.today, next.today)) patch.today = next.today;
  if (next.consistency && !same(prev.consistency, next.consistency)) patch.consistency = next.consistency;
  if (next.rebalance && !same(prev.rebalance, next.rebalance)) patch.rebalance = next.rebalance;
  if (next.floor && !same(prev.floor, next.floor)) patch.floor = next.floor;
  if (next.heartbeats && !same(prev.heartbeats, next.heartbeats)) patch.heartbeats = next.heartbeats;
  const changed = patch.windows !== undefined || patch.categories !== undefined || patch.imbalance !== undefined || patch.recentCalls !== undefined || patch.today !== undefined || patch.consistency !== undefined || patch.rebalance !== undefined || patch.floor !== undefined || patch.heartbeats !== undefined;
  return { patch, changed };
}

/**
 * The compact form of a patch for displays that asked for it: today's series as the tail from its first
 * changed bucket instead of whole (the whole series is ~10 KB at the end of a day, resent on every
 * update). A new day, or a series that shrank, still goes whole.
 */
export function compactPatch(prev: LoadView, next: LoadView, patch: LoadViewPatch): LoadViewPatch {
  const before = prev.today;
  const after = next.today;
  if (!patch.today || !before || !after || before.dayStart !== after.dayStart || before.bucketMinutes !== after.bucketMinutes || after.buckets.length < before.buckets.length)
    return patch;
  let from = 0;
  while (from < before.buckets.length && same(before.buckets[from], after.buckets[from])) from++;
  const { today: _whole, ...rest } = patch;
  return { ...rest, todayTail: { dayStart: after.dayStart, from, buckets: after.buckets.slice(from) } };
}

/**
 * The field-delta form of a patch (displays that asked for `fieldDeltas`): each changed window or
 * category the display holds goes as its id and the fields that changed, instead of whole. An entry the
 * display does not hold yet stays whole in `windows` / `categories`.
 */
export function fieldDeltaPatch(prev: LoadView, patch: LoadViewPatch): LoadViewPatch {
  const out: LoadViewPatch = { ...patch };
  if (patch.windows && patch.windows.length > 0) {
    const split = splitByHeld(prev.windows, patch.windows, "windowId");
    delete out.windows;
    if (split.whole.length > 0) out.windows = split.whole;
    if (split.fields.length > 0) out.windowFields = split.fields as WindowFields[];
  }
  if (patch.categories && patch.categories.length > 0) {
    const split = splitByHeld(prev.categories, patch.categories, "categoryId");
    delete out.categories;
    if (split.whole.length > 0) out.categories = split.whole;
    if (split.fields.length > 0) out.categoryFields = split.fields as CategoryFields[];
  }
  return out;
}

/** Changed entries the display holds, as their changed fields; the others whole. */
function splitByHeld<T extends object>(held: readonly T[], changed: readonly T[], idKey: keyof T & string): { whole: T[]; fields: Partial<T>[] } {
  const byId = new Map(held.map((x) => [x[idKey], x]));
  const whole: T[] = [];
  const fields: Partial<T>[] = [];
  for (const x of changed) {
    const before = byId.get(x[idKey]);
    if (before === undefined) whole.push(x);
    else fields.push(changedFields(before, x, idKey));
  }
  return { whole, fields };
}

/** The entry's id and every field whose value differs from the held entry's. */
function changedFields<T extends object>(held: object, next: T, idKey: keyof T & string): Partial<T> {
  const before = held as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) if (k === idKey || !same(before[k], v)) out[k] = v;
  return out as Partial<T>;
}
