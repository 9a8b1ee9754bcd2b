// Online↔hall consistency of the chosen hall (admin and manager): the open findings under the filters
// (rule, severity, department, window, period), the "promote online" advice, the per-rule history for the
// chart, and the CSV export — fetched with the token header (a plain link could not carry it) and handed
// to the browser as a download.
import { defineStore } from "pinia";
import { ref, shallowRef } from "vue";
import type { Advice, ConsistencyReport, Finding, RuleId, Severity } from "../../../contract/index.js";
import { FILE_TYPES, fetchFile, saveBlob } from "../api/file-download.js";
import type { ApiError } from "../api/http.js";
import { asApiError } from "./admin-items.js";
import { useAdminSession } from "./admin-session.js";

export interface FindingFilters {
  rule: RuleId | "";
  severity: Severity | "";
  department: string;
  windowId: string;
  /** YYYY-MM-DD or "". */
  from: string;
  to: string;
}

export interface HistoryRow {
  rule: RuleId;
  firstSeen: string;
  closedAt: string | null;
}

export const emptyFilters = (): FindingFilters => ({ rule: "", severity: "", department: "", windowId: "", from: "", to: "" });

/** The filters as the query string of GET …/consistency (empty ones left out). */
export function filterQuery(f: FindingFilters): string {
  const q = new URLSearchParams();
  const pairs: [string, string][] = [
    ["rule", f.rule],
    ["severity", f.severity],
    ["windowId", f.windowId],
    ["department", f.department],
    ["from", f.from],
    ["to", f.to],
  ];
  for (const [k, v] of pairs) if (v !== "") q.set(k, v);
  return q.toString();
}

const SEVERITY_ORDER: Record<Severity, number> = { high: 0, medium: 1, low: 2 };
/** Most severe first, then the newest first. */
export const byUrgency = (a: Finding, b: Finding) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.lastSeen < b.lastSeen ? 1 : a.lastSeen > b.lastSeen ? -1 : a.key < b.key ? -1 : 1);

const base = (hallId: string) => `/api/halls/${encodeURIComponent(hallId)}/consistency`;

export const useConsistencyStore = defineStore("admin-consistency", () => {
  const session = useAdminSession();
  const hallId = ref<string | null>(null);
  const filters = ref<FindingFilters>(emptyFilters());
  const findings = shallowRef<Finding[]>([]);
  const advice = shallowRef<Advice[]>([]);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  const history = shallowRef<{ since: string; findings: HistoryRow[] } | null>(null);
  const historyError = shallowRef<ApiError | null>(null);
  const selected = ref<string | null>(null);
  const exporting = ref(false);
  const exportError = shallowRef<ApiError | null>(null);
  let ticket = 0;

  async function load(id: string): Promise<void> {
    const mine = ++ticket;
    if (hallId.value !== id) selected.value = null;
    hallId.value = id;
    loading.value = true;
    error.value = null;
    try {
      const q = filterQuery(filters.value);
      const r = await session.call<ConsistencyReport>("GET", `${base(id)}${q ? `?${q}` : ""}`);
      if (mine !== ticket) return;
      findings.value = [...r.findings].sort(byUrgency);
      advice.value = r.advice;
    } catch (e) {
      if (mine !== ticket) return;
      error.value = asApiError(e);
      findings.value = [];
      advice.value = [];
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  async function loadHistory(id: string, days = 90): Promise<void> {
    historyError.value = null;
    try {
      const h = await session.call<{ since: string; findings: HistoryRow[] }>("GET", `${base(id)}/history?days=${days}`);
      if (hallId.value === null || hallId.value === id) history.value = h;
    } catch (e) {
      history.value = null;
      historyError.value = asApiError(e);
    }
  }

  function setFilters(next: Partial<FindingFilters>): void {
    filters.value = { ...filters.value, ...next };
    if (hallId.value) void load(hallId.value);
  }

  function resetFilters(): void {
    filters.value = emptyFilters();
    if (hallId.value) void load(hallId.value);
  }

  function select(key: string | null): void {
    selected.value = selected.value === key ? null : key;
  }

  /** Downloads the filtered findings as CSV (UTF-8 with BOM, as the server writes it). */
  async function exportCsv(): Promise<boolean> {
    const id = hallId.value;
    if (!id || exporting.value) return false;
    exporting.value = true;
    exportError.value = null;
    try {
      const q = filterQuery(filters.value);
      const blob = await fetchFile({
        path: `${base(id)}?${q ? `${q}&` : ""}format=csv`,
        token: session.token,
        type: FILE_TYPES.csv,
        onUnauthorized: () => void session.call("GET", "/api/me").catch(() => undefined),
      });
      saveBlob(blob, `consistency-${id}.csv`);
      return true;
    } catch (e) {
      exportError.value = asApiError(e);
      return false;
    } finally {
      exporting.value = false;
    }
  }

  return { hallId, filters, findings, advice, loading, error, history, historyError, selected, exporting, exportError, load, loadHistory, setFilters, resetFilters, select, exportCsv };
});
