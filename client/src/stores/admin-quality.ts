// 数据质量与预计等待校准 of the chosen hall (issue #9): GET …/floor/calibration?from=&to= (hall-local
// dates, both included; by default the last 14 days up to today) and GET …/floor/data-quality?day= (by
// default today), each loaded on its own so that one failing leaves the other on screen; a row of the
// quality tables can be opened to list its issues.
import { defineStore } from "pinia";
import { computed, ref, shallowRef } from "vue";
import type { CalibrationResponse, CalibrationRow, CalibrationVerdict, DataQualityIssue, DataQualityResponse } from "../../../contract/index.js";
import type { ApiError } from "../api/http.js";
import { addDays, daysIn, hallToday, type Period } from "./admin-history-period.js";
import { asApiError } from "./admin-items.js";
import { useAdminSession } from "./admin-session.js";

/** Days of the default calibration period, ending today (today's estimates count as they are called). */
export const DEFAULT_CALIBRATION_DAYS = 14;
/** The longest period the server answers. */
export const MAX_CALIBRATION_DAYS = 92;

export type QualitySubjectKind = "device" | "window";
export type CalibrationPeriodProblem = "missing" | "order" | "tooLong";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Why a period cannot be asked for, or null when it can. */
export function calibrationPeriodProblem(p: Period): CalibrationPeriodProblem | null {
  if (!DATE.test(p.from) || !DATE.test(p.to)) return "missing";
  if (p.from > p.to) return "order";
  if (daysIn(p) > MAX_CALIBRATION_DAYS) return "tooLong";
  return null;
}

/** The whole-hall row of each day, by date. */
export function hallDays(rows: readonly CalibrationRow[]): CalibrationRow[] {
  return rows.filter((r) => r.categoryId === null).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** The verdict of one row by the server's rule (the same rule as the period's summary). */
export function rowVerdict(row: Pick<CalibrationRow, "tickets" | "byP80Share">, rule: CalibrationResponse["rule"]): CalibrationVerdict {
  if (row.tickets < rule.minTickets || row.byP80Share === null) return "too_few";
  const diff = Math.round((row.byP80Share - rule.p80Target) * 1e9) / 1e9;
  if (Math.abs(diff) <= rule.tolerance) return "trusted";
  return diff < 0 ? "optimistic" : "cautious";
}

/** The listed issues of one device or window, by event time. */
export function issuesOf(issues: readonly DataQualityIssue[], kind: QualitySubjectKind, id: string): DataQualityIssue[] {
  return issues.filter((i) => (kind === "device" ? i.deviceId : i.windowId) === id);
}

export const useAdminQualityStore = defineStore("admin-quality", () => {
  const session = useAdminSession();
  const hallId = ref<string | null>(null);
  const timezone = ref("Asia/Shanghai");
  const period = ref<Period>({ from: "", to: "" });
  const day = ref("");
  const calibration = shallowRef<CalibrationResponse | null>(null);
  const calibrationLoading = ref(false);
  const calibrationError = shallowRef<ApiError | null>(null);
  const periodProblem = ref<CalibrationPeriodProblem | null>(null);
  const quality = shallowRef<DataQualityResponse | null>(null);
  const qualityLoading = ref(false);
  const qualityError = shallowRef<ApiError | null>(null);
  /** Opened rows, as "device:<id>" / "window:<id>". */
  const expanded = ref<Set<string>>(new Set());
  let calTicket = 0;
  let qualityTicket = 0;

  const base = (id: string) => `/api/halls/${encodeURIComponent(id)}/floor`;
  const days = computed(() => hallDays(calibration.value?.rows ?? []));

  /** Shows a hall: the default period and day in its time zone on first open or a change of hall. */
  async function open(id: string, timeZone: string, now = Date.now()): Promise<void> {
    if (hallId.value !== id || timezone.value !== timeZone || day.value === "") {
      hallId.value = id;
      timezone.value = timeZone;
      const today = hallToday(timeZone, now);
      period.value = { from: addDays(today, -(DEFAULT_CALIBRATION_DAYS - 1)), to: today };
      day.value = today;
      calibration.value = null;
      quality.value = null;
      expanded.value = new Set();
    }
    await Promise.all([loadCalibration(), loadQuality()]);
  }

  async function loadCalibration(): Promise<void> {
    const id = hallId.value;
    if (!id) return;
    const mine = ++calTicket;
    calibrationLoading.value = true;
    calibrationError.value = null;
    try {
      const q = new URLSearchParams({ from: period.value.from, to: period.value.to });
      const r = await session.call<CalibrationResponse>("GET", `${base(id)}/calibration?${q.toString()}`);
      if (mine === calTicket) calibration.value = r;
    } catch (e) {
      if (mine !== calTicket) return;
      calibrationError.value = asApiError(e);
      calibration.value = null;
    } finally {
      if (mine === calTicket) calibrationLoading.value = false;
    }
  }

  async function loadQuality(): Promise<void> {
    const id = hallId.value;
    if (!id) return;
    const mine = ++qualityTicket;
    qualityLoading.value = true;
    qualityError.value = null;
    try {
      const r = await session.call<DataQualityResponse>("GET", `${base(id)}/data-quality?day=${encodeURIComponent(day.value)}`);
      if (mine === qualityTicket) quality.value = r;
    } catch (e) {
      if (mine !== qualityTicket) return;
      qualityError.value = asApiError(e);
      quality.value = null;
    } finally {
      if (mine === qualityTicket) qualityLoading.value = false;
    }
  }

  /** Asks for another period, unless it is one the server would refuse (then says why). */
  function setPeriod(next: Period): boolean {
    periodProblem.value = calibrationPeriodProblem(next);
    if (periodProblem.value) return false;
    period.value = { ...next };
    void loadCalibration();
    return true;
  }

  function setDay(next: string): void {
    if (!DATE.test(next) || next === day.value) return;
    day.value = next;
    expanded.value = new Set();
    void loadQuality();
  }

  function toggle(kind: QualitySubjectKind, id: string): void {
    const key = `${kind}:${id}`;
    const next = new Set(expanded.value);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    expanded.value = next;
  }

  const isExpanded = (kind: QualitySubjectKind, id: string) => expanded.value.has(`${kind}:${id}`);

  function refresh(): void {
    void loadCalibration();
    void loadQuality();
  }

  return {
    hallId,
    timezone,
    period,
    day,
    calibration,
    calibrationLoading,
    calibrationError,
    periodProblem,
    days,
    quality,
    qualityLoading,
    qualityError,
    expanded,
    open,
    loadCalibration,
    loadQuality,
    setPeriod,
    setDay,
    toggle,
    isExpanded,
    refresh,
  };
});
