// The what-if editor's plain parts (模拟调配, admin-allocation-whatif.ts): window drafts from the
// configuration and back to the request's allocation, the server's 400 mapped to the field it names, the
// hall-local default day, the 调配建议 basis and its path, and the export's file name and type. No state:
// the store holds the drafts, these say what they mean.
import type { HallConfig, RebalanceAdvice, WhatIfRequest } from "../../../contract/index.js";
import type { TableFormat } from "../api/file-download.js";
import type { ApiError } from "../api/http.js";
import { hallDate } from "../composables/format.js";

export interface IntervalDraft {
  /** Stable key of the row for rendering (rows are added and removed). */
  key: number;
  /** "HH:MM" as typed; "" when not filled in yet. */
  from: string;
  to: string;
}

export interface WindowDraft {
  id: string;
  categories: string[];
  /** Empty: the window's real open time that day. */
  intervals: IntervalDraft[];
  /** 关闭全天: `open: []`. */
  closed: boolean;
}

export type ConfigWindow = Pick<HallConfig["windows"][number], "id" | "categories">;
export type AllocationWindow = WhatIfRequest["allocation"]["windows"][number];

let nextKey = 1;
export const newInterval = (from = "", to = ""): IntervalDraft => ({ key: nextKey++, from, to });

export function draftsFromConfig(windows: readonly ConfigWindow[]): WindowDraft[] {
  return windows.map((w) => ({ id: w.id, categories: [...w.categories], intervals: [], closed: false }));
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** True when the draft asks for something else than the window's real day. */
export function draftChanged(draft: WindowDraft, config: ConfigWindow | undefined): boolean {
  return draft.closed || draft.intervals.length > 0 || !sameSet(draft.categories, config?.categories ?? []);
}

/**
 * The request's allocation: only the windows that differ from the configuration, in the hall's order
 * (the others keep their real categories and open times); `open` only when intervals are given, `[]`
 * when the window is closed all day. `sentIds[i]` is the window of `allocation.windows.i`.
 */
export function allocationOf(drafts: readonly WindowDraft[], config: readonly ConfigWindow[]): { windows: AllocationWindow[]; sentIds: string[] } {
  const byId = new Map(config.map((w) => [w.id, w]));
  const windows: AllocationWindow[] = [];
  for (const d of drafts) {
    if (!draftChanged(d, byId.get(d.id))) continue;
    const open: [string, string][] | undefined = d.closed ? [] : d.intervals.length > 0 ? d.intervals.map((i) => [i.from, i.to]) : undefined;
    windows.push({ id: d.id, categories: [...d.categories], ...(open !== undefined ? { open } : {}) });
  }
  return { windows, sentIds: windows.map((w) => w.id) };
}

export type FieldTarget =
  | { kind: "date" }
  | { kind: "window"; windowId: string }
  | { kind: "categories"; windowId: string }
  | { kind: "open"; windowId: string; interval: number | null; end: 0 | 1 | null }
  | { kind: "form" };

/** Where the server's `field` points in the editor; `sentIds` are the windows of the request, in order. */
export function fieldTarget(field: string | undefined, sentIds: readonly string[]): FieldTarget {
  if (field === "date") return { kind: "date" };
  const m = /^allocation\.windows\.(\d+)(?:\.([A-Za-z]+)(?:\.(\d+)(?:\.([01]))?)?)?$/.exec(field ?? "");
  const windowId = m ? sentIds[Number(m[1])] : undefined;
  if (!m || windowId === undefined) return { kind: "form" };
  const [, , part, interval, end] = m;
  if (part === "categories") return { kind: "categories", windowId };
  if (part === "open") return { kind: "open", windowId, interval: interval === undefined ? null : Number(interval), end: end === undefined ? null : (Number(end) as 0 | 1) };
  return { kind: "window", windowId };
}

/** The message without the "field: " prefix the server puts in front. */
export const plainMessage = (e: Pick<ApiError, "message" | "field">) => (e.field && e.message.startsWith(`${e.field}: `) ? e.message.slice(e.field.length + 2) : e.message);

/** The hall-local date `days` before (negative: after) the hall-local date of `now`. */
export function hallDateBefore(now: number, timeZone: string, days: number): string {
  const today = hallDate(now, timeZone);
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}

export const adviceKey = (a: Pick<RebalanceAdvice, "windowId" | "categoryId">) => `${a.windowId}|${a.categoryId}`;

/** Which hall state the advice judges: right now (live, today's replay) or a past hall-local day. */
export type AdviceBasis = { kind: "live" } | { kind: "history"; date: string };

/** The path of GET …/rebalance for a basis. */
export function rebalancePath(hallId: string, basis: AdviceBasis): string {
  const base = `/api/halls/${encodeURIComponent(hallId)}/rebalance`;
  return basis.kind === "history" ? `${base}?${new URLSearchParams({ date: basis.date }).toString()}` : base;
}

/** "live", or the day of a history basis. */
export const basisKey = (b: AdviceBasis) => (b.kind === "live" ? "live" : b.date);

/** The what-if comparison's file formats: the table exports' own. */
export type ExportFormat = TableFormat;

/** The file name of an exported comparison: `whatif-<hallId>-<date>.<format>`, safe on every system. */
export const exportFileName = (hallId: string, date: string, format: ExportFormat) => `whatif-${hallId}-${date}.${format}`.replace(/[^A-Za-z0-9._-]/g, "_");
