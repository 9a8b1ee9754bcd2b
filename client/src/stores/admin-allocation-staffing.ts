// 人员配置 (staffing, Erlang C) of the chosen hall: GET …/staffing?weeks=&target= for the last full
// weeks, one ISO weekday at a time as an hour × category matrix with each cell judged understaffed
// (needed > hadOpen) or overstaffed (needed < hadOpen − 1), and the CSV / XLSX export fetched with the
// token header (a plain link could not carry it) and handed to the browser as a download.
import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";
import type { StaffingResponse, StaffingRow } from "../../../contract/index.js";
import { FILE_TYPES, fetchFile, saveBlob } from "../api/file-download.js";
import type { ApiError } from "../api/http.js";
import { asApiError } from "./admin-items.js";
import { useAdminSession } from "./admin-session.js";

export const STAFFING_TARGETS = [0.8, 0.9, 0.95] as const;
export const DEFAULT_WEEKS = 8;
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export type StaffingStatus = "under" | "over" | "ok";

/** Understaffed when more windows were needed than open; overstaffed when more than one window too many. */
export function staffingStatus(row: Pick<StaffingRow, "needed" | "hadOpen">): StaffingStatus {
  if (row.needed > row.hadOpen) return "under";
  if (row.needed < row.hadOpen - 1) return "over";
  return "ok";
}

/** The query string of GET …/staffing (and of its downloads). */
export function staffingQuery(weeks: number, target: number, format?: "csv" | "xlsx"): string {
  const q = new URLSearchParams({ weeks: String(weeks), target: String(target) });
  if (format) q.set("format", format);
  return q.toString();
}

export interface StaffingMatrix {
  weekday: number;
  /** Hall-local hours that have a row for this weekday, ascending. */
  hours: number[];
  /** Categories in the hall's order (then any unknown id) that have a row for this weekday. */
  categories: string[];
  cell(hour: number, categoryId: string): StaffingRow | null;
}

/** The rows of one weekday as an hour × category matrix. */
export function staffingMatrix(rows: readonly StaffingRow[], weekday: number, categoryOrder: readonly string[]): StaffingMatrix {
  const mine = rows.filter((r) => r.weekday === weekday);
  const byKey = new Map(mine.map((r) => [`${r.hour}|${r.categoryId}`, r]));
  const hours = [...new Set(mine.map((r) => r.hour))].sort((a, b) => a - b);
  const present = new Set(mine.map((r) => r.categoryId));
  const categories = [...categoryOrder.filter((c) => present.has(c)), ...[...present].filter((c) => !categoryOrder.includes(c)).sort()];
  return { weekday, hours, categories, cell: (hour, categoryId) => byKey.get(`${hour}|${categoryId}`) ?? null };
}

/** Weekdays with at least one row. */
export function weekdaysWithData(rows: readonly StaffingRow[]): number[] {
  return [...new Set(rows.map((r) => r.weekday))].sort((a, b) => a - b);
}

/** The understaffed and overstaffed cells of a weekday, the largest gap first. */
export function staffingIssues(rows: readonly StaffingRow[], weekday: number): { under: StaffingRow[]; over: StaffingRow[] } {
  const mine = rows.filter((r) => r.weekday === weekday);
  const gap = (r: StaffingRow) => Math.abs(r.needed - r.hadOpen);
  const order = (a: StaffingRow, b: StaffingRow) => gap(b) - gap(a) || a.hour - b.hour || (a.categoryId < b.categoryId ? -1 : 1);
  return {
    under: mine.filter((r) => staffingStatus(r) === "under").sort(order),
    over: mine.filter((r) => staffingStatus(r) === "over").sort(order),
  };
}


export const useStaffingStore = defineStore("admin-allocation-staffing", () => {
  const session = useAdminSession();
  const hallId = ref<string | null>(null);
  const weeks = ref(DEFAULT_WEEKS);
  const target = ref<number>(STAFFING_TARGETS[0]);
  const data = shallowRef<StaffingResponse | null>(null);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  /** The weekday shown (ISO, Monday = 1); null until data picks one. */
  const weekday = ref<number | null>(null);
  /** The category of the chart, and the cell opened for its details. */
  const category = ref<string | null>(null);
  const selectedHour = ref<number | null>(null);
  const exporting = ref<"csv" | "xlsx" | null>(null);
  const exportError = shallowRef<ApiError | null>(null);
  let ticket = 0;

  const rows = computed(() => data.value?.rows ?? []);
  const daysWithData = computed(() => weekdaysWithData(rows.value));

  const base = (id: string) => `/api/halls/${encodeURIComponent(id)}/staffing`;

  async function load(id: string): Promise<void> {
    const mine = ++ticket;
    if (hallId.value !== id) {
      data.value = null;
      weekday.value = null;
      category.value = null;
      selectedHour.value = null;
    }
    hallId.value = id;
    loading.value = true;
    error.value = null;
    try {
      const r = await session.call<StaffingResponse>("GET", `${base(id)}?${staffingQuery(weeks.value, target.value)}`);
      if (mine !== ticket) return;
      data.value = r;
      const days = weekdaysWithData(r.rows);
      if (weekday.value === null || !days.includes(weekday.value)) weekday.value = days[0] ?? 1;
      pickDefaultCell();
    } catch (e) {
      if (mine !== ticket) return;
      error.value = asApiError(e);
      data.value = null;
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  /** Keeps the chosen category when the weekday has it, else the weekday's worst understaffed cell. */
  function pickDefaultCell(): void {
    const day = weekday.value;
    if (day === null) return;
    const mine = rows.value.filter((r) => r.weekday === day);
    if (category.value !== null && mine.some((r) => r.categoryId === category.value)) {
      if (selectedHour.value !== null && !mine.some((r) => r.categoryId === category.value && r.hour === selectedHour.value)) selectedHour.value = null;
      return;
    }
    const worst = staffingIssues(rows.value, day).under[0] ?? mine.find((r) => r.needed > 0) ?? mine[0] ?? null;
    category.value = worst?.categoryId ?? null;
    selectedHour.value = worst && staffingStatus(worst) === "under" ? worst.hour : null;
  }

  function setWeeks(n: number): void {
    if (!Number.isInteger(n) || n < 1 || n > 52 || n === weeks.value) return;
    weeks.value = n;
    if (hallId.value) void load(hallId.value);
  }

  function setTarget(t: number): void {
    if (t === target.value) return;
    target.value = t;
    if (hallId.value) void load(hallId.value);
  }

  function setWeekday(d: number): void {
    weekday.value = d;
    pickDefaultCell();
  }

  function selectCell(hour: number, categoryId: string): void {
    category.value = categoryId;
    selectedHour.value = hour;
  }

  function setCategory(categoryId: string): void {
    category.value = categoryId;
    selectedHour.value = null;
  }

  /** Downloads the table (every weekday) as CSV (UTF-8 with BOM, as the server writes it) or XLSX. */
  async function exportTable(format: "csv" | "xlsx"): Promise<boolean> {
    const id = hallId.value;
    if (!id || exporting.value) return false;
    exporting.value = format;
    exportError.value = null;
    try {
      const blob = await fetchFile({
        path: `${base(id)}?${staffingQuery(weeks.value, target.value, format)}`,
        token: session.token,
        type: FILE_TYPES[format],
        onUnauthorized: () => void session.call("GET", "/api/me").catch(() => undefined),
      });
      saveBlob(blob, `staffing-${id}-${weeks.value}w-${Math.round(target.value * 100)}.${format}`);
      return true;
    } catch (e) {
      exportError.value = asApiError(e);
      return false;
    } finally {
      exporting.value = null;
    }
  }

  return {
    hallId,
    weeks,
    target,
    data,
    rows,
    daysWithData,
    loading,
    error,
    weekday,
    category,
    selectedHour,
    exporting,
    exportError,
    load,
    setWeeks,
    setTarget,
    setWeekday,
    selectCell,
    setCategory,
    exportTable,
  };
});
