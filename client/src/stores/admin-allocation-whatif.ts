// 模拟调配 (what-if) of the chosen hall: an editor of every window's categories and open intervals
// (pre-filled from the configuration), POST …/whatif with exactly the windows that differ from it, the
// server's 400 mapped back onto the window, interval or date it names, the shown comparison exported as
// CSV / XLSX (the same body again with `?format=`), and the 调配建议 of GET …/rebalance — live (today) or
// of a past day (`?date=`) — each of which can be applied to the editor for a replay of that day.
// The plain parts (drafts, field mapping, paths, export names) are in whatif-drafts.ts; the draft edits
// in whatif-editor.ts, the advice requests in whatif-advice.ts, the export request in whatif-export.ts.
import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";
import type { HallConfig, RebalanceAdvice, WhatIfRequest, WhatIfResponse } from "../../../contract/index.js";
import { saveBlob } from "../api/file-download.js";
import type { ApiError } from "../api/http.js";
import { asApiError } from "./admin-items.js";
import { useAdminSession } from "./admin-session.js";
import { createAdviceLoader } from "./whatif-advice.js";
import { adviceKey, allocationOf, basisKey, type ConfigWindow, draftsFromConfig, exportFileName, type ExportFormat, fieldTarget, hallDateBefore, plainMessage, type WindowDraft } from "./whatif-drafts.js";
import { draftEditor } from "./whatif-editor.js";
import { fetchWhatIfExport } from "./whatif-export.js";

export const useWhatIfStore = defineStore("admin-allocation-whatif", () => {
  const session = useAdminSession();
  const hallId = ref<string | null>(null);
  const timezone = ref("Asia/Shanghai");
  const configWindows = shallowRef<ConfigWindow[]>([]);
  const date = ref("");
  const drafts = ref<WindowDraft[]>([]);
  const running = ref(false);
  const result = shallowRef<WhatIfResponse | null>(null);
  /** The body that produced `result` (to tell when the editor moved on). */
  const resultBody = ref<string | null>(null);
  const resultChanged = ref(0);
  /** Windows changed in the request that produced `result`. */
  const resultSent = ref(0);
  const runError = shallowRef<ApiError | null>(null);
  const runSentIds = ref<string[]>([]);
  const adviceLoader = createAdviceLoader({
    call: <T>(method: string, path: string) => session.call<T>(method, path),
    hallId: () => hallId.value,
    date: () => date.value,
    timezone: () => timezone.value,
  });
  const { advice, adviceAt, adviceLoading, adviceError, adviceKind, adviceDate, adviceFor, adviceDateError, loadAdvice, setAdviceBasis, setAdviceDate } = adviceLoader;
  /** Applied suggestions as `<basis>|<window>|<category>` (basisKey: "live" or the past day). */
  const applied = ref<string[]>([]);
  const exporting = ref<ExportFormat | null>(null);
  const exportError = shallowRef<ApiError | null>(null);
  let ticket = 0;

  const request = computed<WhatIfRequest & { sentIds: string[] }>(() => {
    const { windows, sentIds } = allocationOf(drafts.value, configWindows.value);
    return { date: date.value, allocation: { windows }, sentIds };
  });
  const changedCount = computed(() => request.value.allocation.windows.length);
  const outdated = computed(() => result.value !== null && resultBody.value !== bodyText(request.value));

  /** The suggestions of the shown advice already applied (as adviceKey). */
  const appliedShown = computed(() => {
    const prefix = `${basisKey(adviceFor.value ?? { kind: "live" })}|`;
    return applied.value.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  });

  /** Where the last run's 400 points, with its message; null without one. */
  const fieldError = computed(() => {
    const e = runError.value;
    if (!e || e.code !== "bad_request") return null;
    return { target: fieldTarget(e.field, runSentIds.value), message: plainMessage(e) };
  });

  function bodyText(r: WhatIfRequest): string {
    return JSON.stringify({ date: r.date, allocation: r.allocation });
  }

  /** The editor for a hall: the configuration's allocation and yesterday (hall time), unless already set up for it. */
  function init(id: string, config: Pick<HallConfig, "windows" | "timezone">, now = Date.now()): void {
    const sameWindows = JSON.stringify(config.windows.map((w) => [w.id, w.categories])) === JSON.stringify(configWindows.value.map((w) => [w.id, w.categories]));
    if (hallId.value === id && sameWindows && drafts.value.length > 0) return;
    if (hallId.value !== id) {
      result.value = null;
      resultBody.value = null;
      adviceLoader.clear();
      applied.value = [];
      exportError.value = null;
    }
    hallId.value = id;
    timezone.value = config.timezone;
    configWindows.value = config.windows.map((w) => ({ id: w.id, categories: [...w.categories] }));
    drafts.value = draftsFromConfig(config.windows);
    date.value = hallDateBefore(now, config.timezone, 1);
    runError.value = null;
  }

  /** Any edit: the last run's error no longer applies. */
  function edited(): void {
    runError.value = null;
  }

  const { draft, toggleCategory, addInterval, removeInterval, setInterval, setClosed, mergeIntoComprehensive } = draftEditor(drafts, edited);

  function setDate(value: string): void {
    date.value = value;
    edited();
  }

  function reset(): void {
    drafts.value = draftsFromConfig(configWindows.value);
    applied.value = [];
    edited();
  }

  /**
   * A suggestion of the shown advice into the editor: the window takes the category, replayed on the day
   * the advice judged — today so far (live) or that past day (history).
   */
  function applyAdvice(a: Pick<RebalanceAdvice, "windowId" | "categoryId">, now = Date.now()): void {
    const d = draft(a.windowId);
    if (!d) return;
    if (!d.categories.includes(a.categoryId)) d.categories = [...d.categories, a.categoryId];
    const basis = adviceFor.value ?? { kind: "live" };
    date.value = basis.kind === "history" ? basis.date : hallDateBefore(now, timezone.value, 0);
    const key = `${basisKey(basis)}|${adviceKey(a)}`;
    if (!applied.value.includes(key)) applied.value = [...applied.value, key];
    edited();
  }

  async function run(): Promise<boolean> {
    const id = hallId.value;
    if (!id || running.value) return false;
    const mine = ++ticket;
    const { sentIds, ...body } = request.value;
    running.value = true;
    runError.value = null;
    runSentIds.value = sentIds;
    try {
      const r = await session.call<WhatIfResponse>("POST", `/api/halls/${encodeURIComponent(id)}/whatif`, body);
      if (mine !== ticket) return false;
      result.value = r;
      resultBody.value = bodyText(body);
      resultSent.value = body.allocation.windows.length;
      resultChanged.value += 1;
      return true;
    } catch (e) {
      if (mine === ticket) runError.value = asApiError(e);
      return false;
    } finally {
      if (mine === ticket) running.value = false;
    }
  }

  /** Downloads the shown comparison (whatif-export.ts), named by hall and the day it compared. */
  async function exportResult(format: ExportFormat): Promise<boolean> {
    const id = hallId.value;
    const body = resultBody.value;
    const shown = result.value;
    if (!id || body === null || !shown || exporting.value) return false;
    exporting.value = format;
    exportError.value = null;
    try {
      const blob = await fetchWhatIfExport({
        hallId: id,
        body,
        format,
        token: session.token,
        // A revoked token ends the session the usual way (through session.call's 401 handling).
        onUnauthorized: () => void session.call("GET", "/api/me").catch(() => undefined),
      });
      saveBlob(blob, exportFileName(id, shown.date, format));
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
    configWindows,
    date,
    drafts,
    request,
    changedCount,
    running,
    result,
    resultChanged,
    resultSent,
    outdated,
    runError,
    fieldError,
    advice,
    adviceAt,
    adviceLoading,
    adviceError,
    adviceKind,
    adviceDate,
    adviceFor,
    adviceDateError,
    applied,
    appliedShown,
    exporting,
    exportError,
    init,
    setDate,
    toggleCategory,
    addInterval,
    removeInterval,
    setInterval,
    setClosed,
    mergeIntoComprehensive,
    reset,
    applyAdvice,
    run,
    loadAdvice,
    setAdviceBasis,
    setAdviceDate,
    exportResult,
  };
});
