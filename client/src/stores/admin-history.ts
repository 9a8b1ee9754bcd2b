// 历史分析 of the chosen hall (admin and manager): the period (a preset ending yesterday in the hall's time
// zone, or a custom one), the grouping, the rows and the per-day imbalance of GET …/history, the table's
// sort, the CSV / XLSX downloads of the same query, and the two heatmaps (GET …/heatmap) of the period.
import { defineStore } from "pinia";
import { ref, shallowRef } from "vue";
import type { HeatmapResponse, HistoryGroup, HistoryResponse, HistoryRow } from "../../../contract/index.js";
import type { ApiError } from "../api/http.js";
import { hallToday, periodProblem, presetPeriod, type Period, type PeriodPreset, type PeriodProblem } from "./admin-history-period.js";
import { downloadTable, safeFileName, type TableFormat } from "./admin-history-export.js";
import { useHistoryStatusStore } from "./admin-history-status.js";
import { asApiError } from "./admin-items.js";
import { useAdminSession } from "./admin-session.js";

/** The answer of GET …/history: the contract's figures and how many days still wait for recomputation. */
export type HistoryAnswer = HistoryResponse & { pendingDays: number };

export type SortKey = "key" | Exclude<keyof HistoryRow, "key">;
export interface SortState {
  key: SortKey;
  dir: "asc" | "desc";
}

export type HistoryTab = "stats" | "heatmap";

/** The query string of GET …/history (and its downloads). */
export function historyQuery(p: Period, groupBy: HistoryGroup, format?: TableFormat): string {
  const q = new URLSearchParams({ from: p.from, to: p.to, groupBy });
  if (format) q.set("format", format);
  return q.toString();
}

const base = (hallId: string) => `/api/halls/${encodeURIComponent(hallId)}`;

export const useHistoryStore = defineStore("admin-history", () => {
  const session = useAdminSession();
  const status = useHistoryStatusStore();
  const hallId = ref<string | null>(null);
  const timezone = ref("Asia/Shanghai");
  const preset = ref<PeriodPreset>("week");
  const period = ref<Period>({ from: "", to: "" });
  /** Why the custom period typed is not asked for (the last valid one stays shown). */
  const periodError = ref<PeriodProblem | null>(null);
  const groupBy = ref<HistoryGroup>("window");
  const data = shallowRef<HistoryAnswer | null>(null);
  /** The period `data` is of (the period shown may have changed since). */
  const dataPeriod = ref<Period>({ from: "", to: "" });
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  const sort = ref<SortState | null>(null);
  const tab = ref<HistoryTab>("stats");
  const exporting = ref<TableFormat | null>(null);
  const exportError = shallowRef<ApiError | null>(null);
  const heatmaps = shallowRef<{ arrivals: HeatmapResponse; utilization: HeatmapResponse; period: Period } | null>(null);
  const heatmapLoading = ref(false);
  const heatmapError = shallowRef<ApiError | null>(null);
  let ticket = 0;
  let heatTicket = 0;

  /**
   * Opens the page on a hall: a new hall (or the first visit) starts from the default — the 7 days
   * ending yesterday in the hall's time zone, by window. Loads the figures (and the heatmaps when shown).
   */
  function open(id: string, timeZone: string, now = Date.now()): Promise<void> {
    if (hallId.value !== id || timezone.value !== timeZone || period.value.from === "") {
      hallId.value = id;
      timezone.value = timeZone;
      preset.value = "week";
      period.value = presetPeriod("week", hallToday(timeZone, now));
      periodError.value = null;
      groupBy.value = "window";
      sort.value = null;
      data.value = null;
      heatmaps.value = null;
      exportError.value = null;
    }
    return reload();
  }

  function reload(): Promise<void> {
    const work = [load()];
    if (tab.value === "heatmap") work.push(loadHeatmaps());
    return Promise.all(work).then(() => undefined);
  }

  async function load(): Promise<void> {
    const id = hallId.value;
    if (!id || period.value.from === "") return;
    const mine = ++ticket;
    const p = { ...period.value };
    loading.value = true;
    error.value = null;
    try {
      const r = await session.call<HistoryAnswer>("GET", `${base(id)}/history?${historyQuery(p, groupBy.value)}`);
      if (mine !== ticket) return;
      dataPeriod.value = p;
      data.value = r;
      status.observe(id, r.pendingDays ?? 0);
    } catch (e) {
      if (mine !== ticket) return;
      error.value = asApiError(e);
      data.value = null;
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  async function loadHeatmaps(): Promise<void> {
    const id = hallId.value;
    if (!id || period.value.from === "") return;
    const mine = ++heatTicket;
    const p = { ...period.value };
    heatmapLoading.value = true;
    heatmapError.value = null;
    try {
      const q = (kind: string) => `${base(id)}/heatmap?${new URLSearchParams({ kind, from: p.from, to: p.to })}`;
      const [arrivals, utilization] = await Promise.all([session.call<HeatmapResponse>("GET", q("arrivals")), session.call<HeatmapResponse>("GET", q("utilization"))]);
      if (mine !== heatTicket) return;
      heatmaps.value = { arrivals, utilization, period: p };
    } catch (e) {
      if (mine !== heatTicket) return;
      heatmapError.value = asApiError(e);
      heatmaps.value = null;
    } finally {
      if (mine === heatTicket) heatmapLoading.value = false;
    }
  }

  /** A preset: its period from today in the hall's time zone. "custom" keeps the period for editing. */
  function setPreset(p: PeriodPreset, now = Date.now()): Promise<void> {
    preset.value = p;
    periodError.value = null;
    if (p === "custom") return Promise.resolve();
    period.value = presetPeriod(p, hallToday(timezone.value, now));
    return reload();
  }

  /** A custom period: asked for when it is valid, else the problem is shown and nothing is asked. */
  function setCustom(next: Period, now = Date.now()): Promise<void> {
    preset.value = "custom";
    const problem = periodProblem(next, hallToday(timezone.value, now));
    periodError.value = problem;
    if (problem) return Promise.resolve();
    period.value = { ...next };
    return reload();
  }

  function setGroupBy(g: HistoryGroup): Promise<void> {
    if (g === groupBy.value) return Promise.resolve();
    groupBy.value = g;
    sort.value = null;
    return load();
  }

  function setTab(t: HistoryTab): void {
    tab.value = t;
    const hp = heatmaps.value?.period;
    if (t === "heatmap" && (!hp || hp.from !== period.value.from || hp.to !== period.value.to)) void loadHeatmaps();
  }

  /** Click on a column: a new column sorts most first (names and keys in their order), again reverses. */
  function sortBy(key: SortKey): void {
    const cur = sort.value;
    if (cur?.key === key) sort.value = { key, dir: cur.dir === "asc" ? "desc" : "asc" };
    else sort.value = { key, dir: key === "key" ? "asc" : "desc" };
  }

  /** Downloads the table as the server writes it (CSV with BOM, or XLSX). */
  async function exportTable(format: TableFormat): Promise<boolean> {
    const id = hallId.value;
    if (!id || exporting.value || period.value.from === "") return false;
    exporting.value = format;
    exportError.value = null;
    try {
      const p = period.value;
      await downloadTable(`${base(id)}/history?${historyQuery(p, groupBy.value, format)}`, format, safeFileName(`history-${id}-${groupBy.value}-${p.from}_${p.to}.${format}`));
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
    timezone,
    preset,
    period,
    periodError,
    groupBy,
    data,
    dataPeriod,
    loading,
    error,
    sort,
    tab,
    exporting,
    exportError,
    heatmaps,
    heatmapLoading,
    heatmapError,
    open,
    reload,
    load,
    loadHeatmaps,
    setPreset,
    setCustom,
    setGroupBy,
    setTab,
    sortBy,
    exportTable,
  };
});
