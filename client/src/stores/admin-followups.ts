// 好差评 follow-up cases of the chosen hall (admin and manager — managers work the cases): the list under
// the filters (state, window, overdue only) from GET …/followups, one case opened onto its history, the
// moves the state machine allows (POST …/followups/:id/transition), and the followed-up / on-time shares
// per month and per window (GET …/followups/report).
import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";
import { CLOSED_STATES, type FollowUpCase, type FollowUpReport, type FollowUpState } from "../../../contract/index.js";
import type { ApiError } from "../api/http.js";
import { asApiError } from "./admin-items.js";
import { useAdminSession } from "./admin-session.js";

export interface FollowUpFilters {
  state: FollowUpState | "";
  windowId: string;
  overdueOnly: boolean;
}

export const emptyFollowUpFilters = (): FollowUpFilters => ({ state: "", windowId: "", overdueOnly: false });

/** The filters as the query string of GET …/followups (empty ones left out). */
export function followUpQuery(f: FollowUpFilters): string {
  const q = new URLSearchParams();
  if (f.state !== "") q.set("state", f.state);
  if (f.windowId !== "") q.set("windowId", f.windowId);
  if (f.overdueOnly) q.set("overdue", "true");
  return q.toString();
}

/**
 * The moves the server's state machine allows (server/domain/followup/follow-up-rules.ts; the client may
 * not import it, so the table is repeated here — the server still decides, a stale page gets a 409).
 */
const NEXT: Record<FollowUpState, readonly FollowUpState[]> = {
  open: ["contacted", "appealed"],
  contacted: ["rectified", "appealed"],
  rectified: ["reviewed", "appealed"],
  appealed: ["upheld", "withdrawn"],
  reviewed: [],
  upheld: [],
  withdrawn: [],
};

export const nextStates = (state: FollowUpState): readonly FollowUpState[] => NEXT[state];
export const isClosedState = (state: FollowUpState) => CLOSED_STATES.includes(state);

/** Overdue first, then the other unclosed cases by deadline, then the closed ones newest first. */
export function byUrgency(a: FollowUpCase, b: FollowUpCase): number {
  const rank = (c: FollowUpCase) => (c.overdue ? 0 : isClosedState(c.state) ? 2 : 1);
  const r = rank(a) - rank(b);
  if (r !== 0) return r;
  if (rank(a) < 2 && a.deadline !== b.deadline) return a.deadline < b.deadline ? -1 : 1;
  if (a.evaluatedAt !== b.evaluatedAt) return a.evaluatedAt < b.evaluatedAt ? 1 : -1;
  return a.id - b.id;
}

/** What went wrong with the last move, for the detail panel. */
export interface MoveError {
  caseId: number;
  to: FollowUpState;
  error: ApiError;
}

const base = (hallId: string) => `/api/halls/${encodeURIComponent(hallId)}/followups`;

export const useFollowUpsStore = defineStore("admin-followups", () => {
  const session = useAdminSession();
  const hallId = ref<string | null>(null);
  const filters = ref<FollowUpFilters>(emptyFollowUpFilters());
  const cases = shallowRef<FollowUpCase[]>([]);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  const report = shallowRef<FollowUpReport | null>(null);
  const reportError = shallowRef<ApiError | null>(null);
  const selectedId = ref<number | null>(null);
  /** The case last opened, kept while a filter hides it from the list. */
  const held = shallowRef<FollowUpCase | null>(null);
  const moving = ref(false);
  const moveError = shallowRef<MoveError | null>(null);
  /** The last move that worked: the case and the state it reached. */
  const moved = shallowRef<{ caseId: number; to: FollowUpState } | null>(null);
  let ticket = 0;

  const selected = computed(() => (selectedId.value === null ? null : (cases.value.find((c) => c.id === selectedId.value) ?? (held.value?.id === selectedId.value ? held.value : null))));

  async function load(id: string): Promise<void> {
    const mine = ++ticket;
    if (hallId.value !== id) {
      selectedId.value = null;
      held.value = null;
      moveError.value = null;
      moved.value = null;
    }
    hallId.value = id;
    loading.value = true;
    error.value = null;
    try {
      const q = followUpQuery(filters.value);
      const r = await session.call<{ cases: FollowUpCase[] }>("GET", `${base(id)}${q ? `?${q}` : ""}`);
      if (mine !== ticket) return;
      cases.value = [...r.cases].sort(byUrgency);
      const fresh = cases.value.find((c) => c.id === selectedId.value);
      if (fresh) held.value = fresh;
    } catch (e) {
      if (mine !== ticket) return;
      error.value = asApiError(e);
      cases.value = [];
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  async function loadReport(id: string): Promise<void> {
    reportError.value = null;
    try {
      const r = await session.call<FollowUpReport>("GET", `${base(id)}/report`);
      if (hallId.value === null || hallId.value === id) report.value = r;
    } catch (e) {
      report.value = null;
      reportError.value = asApiError(e);
    }
  }

  function setFilters(next: Partial<FollowUpFilters>): void {
    filters.value = { ...filters.value, ...next };
    if (hallId.value) void load(hallId.value);
  }

  function resetFilters(): void {
    filters.value = emptyFollowUpFilters();
    if (hallId.value) void load(hallId.value);
  }

  function select(id: number | null): void {
    selectedId.value = selectedId.value === id ? null : id;
    held.value = cases.value.find((c) => c.id === selectedId.value) ?? null;
    moveError.value = null;
    moved.value = null;
  }

  /**
   * Moves the selected case to `to` with an optional note. On success the list and the report are
   * reloaded; on a refusal (409: the case moved meanwhile or the move is not allowed; 400: the note) the
   * error is kept for the panel and, for a 409, the list reloaded so the panel shows the case as it is.
   */
  async function transition(to: FollowUpState, note: string): Promise<boolean> {
    const id = hallId.value;
    const c = selected.value;
    if (!id || !c || moving.value) return false;
    moving.value = true;
    moveError.value = null;
    moved.value = null;
    const text = note.trim();
    try {
      const updated = await session.call<FollowUpCase>("POST", `${base(id)}/${c.id}/transition`, text ? { to, note: text } : { to });
      held.value = updated;
      cases.value = cases.value.map((x) => (x.id === updated.id ? updated : x));
      moved.value = { caseId: updated.id, to };
      void load(id);
      void loadReport(id);
      return true;
    } catch (e) {
      const err = asApiError(e);
      moveError.value = { caseId: c.id, to, error: err };
      if (err.status === 409) void load(id);
      return false;
    } finally {
      moving.value = false;
    }
  }

  return { hallId, filters, cases, loading, error, report, reportError, selectedId, selected, moving, moveError, moved, load, loadReport, setFilters, resetFilters, select, transition };
});
