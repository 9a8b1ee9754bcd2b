// The difference between two versions of an item list: items added, removed, and changed field by field
// (materials added and removed one by one, compared by name, form, copies and whether required).
import { ITEM_FIELDS, type ItemChange, type ItemDiff, type Material, type ServiceItem } from "../../../contract/index.js";

const materialKey = (m: Material) => JSON.stringify([m.name, m.form, m.copies, m.required]);
const norm = (v: unknown) => (v === undefined ? null : v);

export function diffItemLists(from: { version: number; items: readonly ServiceItem[] }, to: { version: number; items: readonly ServiceItem[] }): ItemDiff {
  const before = new Map(from.items.map((i) => [i.code, i]));
  const after = new Map(to.items.map((i) => [i.code, i]));
  const added = to.items.filter((i) => !before.has(i.code));
  const removed = from.items.filter((i) => !after.has(i.code));
  const changed: ItemChange[] = [];
  for (const next of to.items) {
    const prev = before.get(next.code);
    if (!prev) continue;
    const change = compareItems(prev, next);
    if (change) changed.push(change);
  }
  return { from: from.version, to: to.version, added, removed, changed };
}

export function compareItems(prev: ServiceItem, next: ServiceItem): ItemChange | null {
  const fields: ItemChange["fields"] = {};
  for (const f of ITEM_FIELDS) {
    if (f === "materials" || f === "code") continue;
    const a = norm(prev[f]);
    const b = norm(next[f]);
    if (a !== b) fields[f] = [a, b];
  }
  const materialsAdded = notIn(next.materials, prev.materials);
  const materialsRemoved = notIn(prev.materials, next.materials);
  if (Object.keys(fields).length === 0 && materialsAdded.length === 0 && materialsRemoved.length === 0) return null;
  return { code: next.code, fields, materialsAdded, materialsRemoved };
}

/** The materials of `list` beyond those of `other`, counting repeats (a material listed twice where it was listed once is one added). */
function notIn(list: readonly Material[], other: readonly Material[]): Material[] {
  const left = new Map<string, number>();
  for (const m of other) left.set(materialKey(m), (left.get(materialKey(m)) ?? 0) + 1);
  return list.filter((m) => {
    const n = left.get(materialKey(m)) ?? 0;
    if (n > 0) left.set(materialKey(m), n - 1);
    return n === 0;
  });
}
