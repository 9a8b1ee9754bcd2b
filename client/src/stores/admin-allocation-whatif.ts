// 模拟调配 (what-if) of the chosen hall: an editor of every window's categories and open intervals
// (pre-filled from the configuration), POST …/whatif with exactly the windows that differ from it, the
// server's 400 mapped back onto the window, interval or date it names, the shown comparison exported as
// CSV / XLSX (the same body again with `?format=`), and the 调配建议 of GET …/rebalance — live (today) or
// of a past day (`?date=`) — each of which can be applied to the editor for a replay of that day.
// The plain parts (drafts, field mapping, paths, export names) are in whatif-drafts.ts.
import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";
import type { HallConfig, RebalanceAdvice, RebalanceResponse, WhatIfRequest, WhatIfResponse } from "../../../contract/index.js";
import { ApiError } from "../api/http.js";
import { downloadBlob } from "./admin-allocation-staffing.js";
import { asApiError } from "./admin-items.js";
import { useAdminSession } from "./admin-session.js";
import { type AdviceBasis, adviceKey, allocationOf, basisKey, type ConfigWindow, draftsFromConfig, exportFileName, type ExportFormat, fieldTarget, hallDateBefore, MIME, newInterval, plainMessage, rebalancePath, type WindowDraft } from "./whatif-drafts.js";

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
  const advice = shallowRef<RebalanceAdvice[]>([]);
  const adviceAt = ref<string | null>(null);
  const adviceLoading = ref(false);
  const adviceError = shallowRef<ApiError | null>(null);
  /** The basis chosen in the panel, and the day of its history basis ("" until history is first chosen). */
  const adviceKind = ref<AdviceBasis["kind"]>("live");
  const adviceDate = ref("");
  /** The basis of the shown advice (or of its error); null before the first answer. */
  const adviceFor = shallowRef<AdviceBasis | null>(null);
  /** Applied suggestions as `<basis>|<window>|<category>` (basisKey: "live" or the past day). */
  const applied = ref<string[]>([]);
  const exporting = ref<ExportFormat | null>(null);
  const exportError = shallowRef<ApiError | null>(null);
  let ticket = 0;
  let adviceTicket = 0;

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
  /** The advice request's 400 on `date` (a future or malformed day), as the server's plain message. */
  const adviceDateError = computed(() => {
    const e = adviceError.value;
    return e && e.code === "bad_request" && e.field === "date" ? plainMessage(e) : null;
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
      advice.value = [];
      adviceAt.value = null;
      adviceError.value = null;
      adviceFor.value = null;
      adviceKind.value = "live";
      adviceDate.value = "";
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

  function draft(windowId: string): WindowDraft | undefined {
    return drafts.value.find((d) => d.id === windowId);
  }

  /** Any edit: the last run's error no longer applies. */
  function edited(): void {
    runError.value = null;
  }

  function setDate(value: string): void {
    date.value = value;
    edited();
  }

  function toggleCategory(windowId: string, categoryId: string, on: boolean): void {
    const d = draft(windowId);
    if (!d) return;
    const rest = d.categories.filter((c) => c !== categoryId);
    d.categories = on ? [...rest, categoryId] : rest;
    edited();
  }

  function addInterval(windowId: string): void {
    const d = draft(windowId);
    if (!d) return;
    d.intervals.push(newInterval());
    d.closed = false;
    edited();
  }

  function removeInterval(windowId: string, index: number): void {
    draft(windowId)?.intervals.splice(index, 1);
    edited();
  }

  function setInterval(windowId: string, index: number, end: "from" | "to", value: string): void {
    const i = draft(windowId)?.intervals[index];
    if (!i) return;
    i[end] = value;
    edited();
  }

  function setClosed(windowId: string, closed: boolean): void {
    const d = draft(windowId);
    if (!d) return;
    d.closed = closed;
    edited();
  }

  /** 把某业务并入综合窗口: the category added to every comprehensive window; the number of windows. */
  function mergeIntoComprehensive(categoryId: string, comprehensiveIds: readonly string[]): number {
    let n = 0;
    for (const id of comprehensiveIds) {
      const d = draft(id);
      if (d && !d.categories.includes(categoryId)) {
        d.categories = [...d.categories, categoryId];
        n += 1;
      }
    }
    edited();
    return n;
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

  /** The chosen basis as a request; null for history without a day. */
  const adviceBasis = computed<AdviceBasis | null>(() => (adviceKind.value === "live" ? { kind: "live" } : adviceDate.value ? { kind: "history", date: adviceDate.value } : null));

  /** GET …/rebalance for the chosen basis (with `?date=` for a past day). */
  async function loadAdvice(): Promise<void> {
    const id = hallId.value;
    const basis = adviceBasis.value;
    if (!id || !basis) return;
    const mine = ++adviceTicket;
    adviceLoading.value = true;
    adviceError.value = null;
    try {
      const r = await session.call<RebalanceResponse>("GET", rebalancePath(id, basis));
      if (mine !== adviceTicket) return;
      advice.value = r.advice;
      adviceAt.value = r.at;
      adviceFor.value = basis;
    } catch (e) {
      if (mine !== adviceTicket) return;
      advice.value = [];
      adviceAt.value = null;
      adviceFor.value = basis;
      adviceError.value = asApiError(e);
    } finally {
      if (mine === adviceTicket) adviceLoading.value = false;
    }
  }

  /**
   * 实时（今天） or 历史某日; the first time history is chosen its day is the what-if date being edited,
   * else yesterday in the hall's time zone. Loads the advice of the new basis.
   */
  function setAdviceBasis(kind: AdviceBasis["kind"], now = Date.now()): Promise<void> {
    if (kind === "history" && !adviceDate.value) adviceDate.value = date.value || hallDateBefore(now, timezone.value, 1);
    adviceKind.value = kind;
    return loadAdvice();
  }

  /** The day of the history basis; an empty field keeps the shown advice. */
  function setAdviceDate(value: string): Promise<void> {
    adviceDate.value = value;
    if (!value || adviceKind.value !== "history") return Promise.resolve();
    return loadAdvice();
  }

  /**
   * Downloads the shown comparison: the body that produced it sent again with `?format=csv|xlsx` and the
   * token header (a plain link could not carry either); the bytes kept as they came (BOM included).
   */
  async function exportResult(format: ExportFormat): Promise<boolean> {
    const id = hallId.value;
    const body = resultBody.value;
    const shown = result.value;
    if (!id || body === null || !shown || exporting.value) return false;
    exporting.value = format;
    exportError.value = null;
    try {
      let res: Response;
      try {
        res = await fetch(`/api/halls/${encodeURIComponent(id)}/whatif?format=${format}`, {
          method: "POST",
          headers: { ...(session.token ? { authorization: `Bearer ${session.token}` } : {}), "content-type": "application/json" },
          body,
        });
      } catch (e) {
        throw new ApiError(0, "network", e instanceof Error ? e.message : "network error");
      }
      if (!res.ok) {
        // A revoked token ends the session the usual way (through session.call's 401 handling).
        if (res.status === 401) void session.call("GET", "/api/me").catch(() => undefined);
        const err = (await res.json().catch(() => null)) as { error?: { code?: ApiError["code"]; message?: string; field?: string } } | null;
        throw new ApiError(res.status, err?.error?.code ?? "internal", err?.error?.message ?? `HTTP ${res.status}`, err?.error?.field);
      }
      downloadBlob(new Blob([await res.arrayBuffer()], { type: MIME[format] }), exportFileName(id, shown.date, format));
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
