// The computation of the history rollups (GET …/history/status, POST …/history/rebuild): while days wait
// for recomputation the pages show a notice with the progress, polling the status in the background (the
// page stays usable); when the last day is done `finished` counts up so the pages reload their figures.
// An admin may ask for every day to be recomputed (a long computation: 202, then the same polling).
import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";
import type { HistoryStatus } from "../../../contract/index.js";
import type { ApiError } from "../api/http.js";
import { asApiError } from "./admin-items.js";
import { useAdminSession } from "./admin-session.js";

/** How often the status is asked for while days are pending. */
export const POLL_MS = 1500;

const base = (hallId: string) => `/api/halls/${encodeURIComponent(hallId)}/history`;

export const useHistoryStatusStore = defineStore("admin-history-status", () => {
  const session = useAdminSession();
  const hallId = ref<string | null>(null);
  const status = shallowRef<HistoryStatus | null>(null);
  /** Days of the current computation: the most seen pending since it began, or the days a rebuild marked. */
  const total = ref(0);
  const failedAtStart = ref(0);
  /** A rebuild was asked for and is not finished. */
  const rebuilding = ref(false);
  const rebuildError = shallowRef<ApiError | null>(null);
  /** Days the last rebuild marked. */
  const marked = ref<number | null>(null);
  /** Counts up each time a computation ends (pending back to 0): the pages reload their figures then. */
  const finished = ref(0);
  /** The last computation ended while the page watched it (for a short "up to date" note). */
  const justFinished = ref(false);
  let watching = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const pendingDays = computed(() => status.value?.pendingDays ?? 0);
  const computing = computed(() => pendingDays.value > 0 || rebuilding.value);
  const done = computed(() => Math.max(0, total.value - pendingDays.value));
  /** 0–1 over the current computation. */
  const progress = computed(() => (total.value > 0 ? Math.min(1, done.value / total.value) : 0));
  const failedNow = computed(() => Math.max(0, (status.value?.failed ?? 0) - failedAtStart.value));

  function reset(id: string | null): void {
    clear();
    hallId.value = id;
    status.value = null;
    total.value = 0;
    failedAtStart.value = 0;
    rebuilding.value = false;
    rebuildError.value = null;
    marked.value = null;
    justFinished.value = false;
  }

  function clear(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  function schedule(): void {
    if (!watching || timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      void poll();
    }, POLL_MS);
  }

  /** Takes a fresh status: grows the computation, or ends it when nothing is pending any more. */
  function adopt(s: HistoryStatus): void {
    const before = total.value;
    status.value = s;
    if (s.pendingDays > 0) {
      if (before === 0) {
        failedAtStart.value = s.failed;
        justFinished.value = false;
      }
      total.value = Math.max(total.value, s.pendingDays);
      schedule();
    } else if (before > 0 || rebuilding.value) {
      total.value = 0;
      rebuilding.value = false;
      justFinished.value = true;
      finished.value += 1;
    }
  }

  async function poll(): Promise<void> {
    const id = hallId.value;
    if (!id || !watching) return;
    try {
      const s = await session.call<HistoryStatus>("GET", `${base(id)}/status`);
      if (id !== hallId.value || !watching) return;
      adopt(s);
    } catch {
      // A failed poll (the network) is tried again; the figures on the page stay as they are.
      if (id === hallId.value) schedule();
    }
  }

  /** Starts watching a hall (a page opened): asks for the status now and polls while days are pending. */
  async function start(id: string): Promise<void> {
    if (id !== hallId.value) reset(id);
    watching = true;
    justFinished.value = false;
    clear();
    await poll();
  }

  /** Stops polling (the page closed). */
  function stop(): void {
    watching = false;
    clear();
  }

  /** The pending days a history answer carried: starts the notice and the polling without waiting. */
  function observe(id: string, pending: number): void {
    if (id !== hallId.value) return;
    if (pending > 0) adopt({ running: null, completed: 0, failed: 0, fromLiveFacts: 0, ...status.value, pendingDays: pending });
  }

  /** Asks the server to recompute every day from the log (admin). Returns whether it was accepted. */
  async function rebuild(): Promise<boolean> {
    const id = hallId.value;
    if (!id || rebuilding.value) return false;
    rebuildError.value = null;
    rebuilding.value = true;
    try {
      const r = await session.call<HistoryStatus & { markedDays: number }>("POST", `${base(id)}/rebuild`);
      if (id !== hallId.value) return false;
      marked.value = r.markedDays;
      failedAtStart.value = r.failed;
      justFinished.value = false;
      total.value = Math.max(r.markedDays, r.pendingDays);
      status.value = { pendingDays: r.pendingDays, running: r.running, completed: r.completed, failed: r.failed, fromLiveFacts: r.fromLiveFacts };
      if (r.pendingDays === 0) adopt(status.value);
      else schedule();
      return true;
    } catch (e) {
      rebuilding.value = false;
      rebuildError.value = asApiError(e);
      return false;
    }
  }

  return { hallId, status, total, rebuilding, rebuildError, marked, finished, justFinished, pendingDays, computing, done, progress, failedNow, start, stop, observe, rebuild };
});
