// Text of the allocation review pages: shares in percent, seconds as minutes:seconds, ratings with one
// decimal, the name of a group's key (windows, departments and categories by their configured names — the
// id only when the key is no longer configured), and the table's sort. Pure.
import type { HallConfig, HistoryGroup, HistoryRow } from "../../../../../contract/index.js";
import type { SortState } from "../../../stores/admin-history.js";

type T = (key: string, params?: Record<string, unknown>) => string;

export const DASH = "—";

/** A share (0–1) as a percent with one decimal: "85.3%"; "—" when there is none. */
export const pctText = (ratio: number | null | undefined): string => (ratio === null || ratio === undefined || !Number.isFinite(ratio) ? DASH : `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`);

/** Seconds as minutes:seconds ("12:05", "75:00"); "—" when there is none. */
export function mmss(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return DASH;
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** An average rating with one decimal ("4.6"); "—" when nobody rated. */
export const ratingText = (n: number | null | undefined): string => (n === null || n === undefined || !Number.isFinite(n) ? DASH : n.toFixed(1));

const pad = (n: number) => String(n).padStart(2, "0");
/** A local hour as its span: 9 → "09:00–10:00". */
export const hourSpan = (h: number): string => `${pad(h)}:00–${pad(h + 1)}:00`;

/** Names and configured order of the hall's windows, departments and categories. */
export interface HallNames {
  windows: Map<string, { name: string; department: string; order: number }>;
  categories: Map<string, { name: string; order: number }>;
  departments: Map<string, number>;
}

export function hallNames(config: HallConfig | null): HallNames {
  const windows = new Map<string, { name: string; department: string; order: number }>();
  const categories = new Map<string, { name: string; order: number }>();
  const departments = new Map<string, number>();
  (config?.windows ?? []).forEach((w, i) => {
    windows.set(w.id, { name: w.name, department: w.department, order: i });
    if (!departments.has(w.department)) departments.set(w.department, departments.size);
  });
  (config?.categories ?? []).forEach((c, i) => categories.set(c.id, { name: c.name, order: i }));
  return { windows, categories, departments };
}

/** The text of a group's key: a window's or category's name, a department, "09:00–10:00", 周一, a date. */
export function groupLabel(t: T, groupBy: HistoryGroup, key: string | number, names: HallNames): string {
  const k = String(key);
  switch (groupBy) {
    case "window": {
      const w = names.windows.get(k);
      return w ? w.name : t("admin.history.unknownKey", { key: k });
    }
    case "category": {
      const c = names.categories.get(k);
      return c ? c.name : t("admin.history.unknownKey", { key: k });
    }
    case "department":
      return k;
    case "hour":
      return hourSpan(Number(key));
    case "weekday":
      return t(`admin.history.weekday.${Number(key)}`);
    case "day":
      return k;
  }
}

/** A short axis label of a key (charts): "09:00" for an hour, "11-20" for a day, else the label. */
export function axisLabel(t: T, groupBy: HistoryGroup, key: string | number, names: HallNames): string {
  if (groupBy === "hour") return `${pad(Number(key))}:00`;
  if (groupBy === "day") return String(key).slice(5);
  return groupLabel(t, groupBy, key, names);
}

/** The position of a key in its natural order: configured order, hour, weekday, date. */
export function keyOrder(groupBy: HistoryGroup, key: string | number, names: HallNames): number | string {
  const k = String(key);
  if (groupBy === "window") return names.windows.get(k)?.order ?? 10_000;
  if (groupBy === "category") return names.categories.get(k)?.order ?? 10_000;
  if (groupBy === "department") return names.departments.get(k) ?? 10_000;
  if (groupBy === "day") return k;
  return Number(key);
}

const cmp = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The rows in their natural order, or by a column: values that are not there (no wait, nobody rated)
 * always last, whichever the direction; ties in the natural order.
 */
export function sortRows(rows: readonly HistoryRow[], sort: SortState | null, groupBy: HistoryGroup, names: HallNames): HistoryRow[] {
  const natural = (a: HistoryRow, b: HistoryRow) => cmp(keyOrder(groupBy, a.key, names), keyOrder(groupBy, b.key, names)) || cmp(String(a.key), String(b.key));
  const out = [...rows];
  if (!sort) return out.sort(natural);
  const sign = sort.dir === "asc" ? 1 : -1;
  if (sort.key === "key") return out.sort((a, b) => sign * natural(a, b));
  const col = sort.key;
  return out.sort((a, b) => {
    // Optional columns (issue #9's idle figures) missing on a row count as "not there" too.
    const va = a[col] ?? null;
    const vb = b[col] ?? null;
    if (va === null && vb === null) return natural(a, b);
    if (va === null) return 1;
    if (vb === null) return -1;
    return sign * cmp(va, vb) || natural(a, b);
  });
}
