// The working-day calendar (GET /api/calendar): the years with official holiday data and those an
// administrator entered; a global admin enters a year's holidays and make-up working days (PUT) or removes
// them (DELETE). The date lists are checked here before they are sent.
import { defineStore } from "pinia";
import { ref, shallowRef } from "vue";
import { ApiError } from "../api/http.js";
import { asApiError } from "./admin-items.js";
import { useAdminSession } from "./admin-session.js";

export interface AdminYear {
  year: number;
  holidays: string[];
  workdays: string[];
}

export interface CalendarInfo {
  officialYears: number[];
  adminYears: AdminYear[];
}

/** A problem of the form: the message key under admin.calendar.problems and its values. */
export interface CalendarProblem {
  field: "year" | "holidays" | "workdays";
  key: "year" | "officialYear" | "format" | "real" | "otherYear" | "duplicate" | "both" | "notWeekend" | "empty";
  value?: string;
}

/** Dates typed one a line, or separated by commas, 、, ；, semicolons or spaces. */
export function splitDates(text: string): string[] {
  return text
    .split(/[\s,，、;；]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

const realDate = (d: string) => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
};
const weekend = (d: string) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());

/** Every problem of a year's entry, in the order of the form. */
export function validateYear(yearText: string, holidaysText: string, workdaysText: string, officialYears: readonly number[]): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const year = /^\d{4}$/.test(yearText.trim()) ? Number(yearText.trim()) : NaN;
  if (!(year >= 2000 && year <= 2100)) problems.push({ field: "year", key: "year" });
  else if (officialYears.includes(year)) problems.push({ field: "year", key: "officialYear", value: String(year) });
  const lists = { holidays: splitDates(holidaysText), workdays: splitDates(workdaysText) };
  for (const field of ["holidays", "workdays"] as const) {
    const seen = new Set<string>();
    for (const d of lists[field]) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) problems.push({ field, key: "format", value: d });
      else if (!realDate(d)) problems.push({ field, key: "real", value: d });
      else if (!Number.isNaN(year) && !d.startsWith(`${year}-`)) problems.push({ field, key: "otherYear", value: d });
      else if (seen.has(d)) problems.push({ field, key: "duplicate", value: d });
      else if (field === "workdays" && lists.holidays.includes(d)) problems.push({ field, key: "both", value: d });
      else if (field === "workdays" && !weekend(d)) problems.push({ field, key: "notWeekend", value: d });
      seen.add(d);
    }
  }
  if (lists.holidays.length === 0 && lists.workdays.length === 0) problems.push({ field: "holidays", key: "empty" });
  return problems;
}

export const useCalendarStore = defineStore("admin-calendar", () => {
  const session = useAdminSession();
  const info = shallowRef<CalendarInfo | null>(null);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  const saving = ref(false);
  const saveError = shallowRef<ApiError | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const r = await session.call<CalendarInfo>("GET", "/api/calendar");
      info.value = { officialYears: [...r.officialYears].sort((a, b) => a - b), adminYears: [...r.adminYears].sort((a, b) => a.year - b.year) };
    } catch (e) {
      error.value = asApiError(e);
    } finally {
      loading.value = false;
    }
  }

  /** Sends a year's lists (sorted, checked by the caller). True when saved. */
  async function save(year: number, holidays: string[], workdays: string[]): Promise<boolean> {
    saving.value = true;
    saveError.value = null;
    try {
      await session.call("PUT", `/api/calendar/${year}`, { holidays: [...holidays].sort(), workdays: [...workdays].sort() });
      await load();
      return true;
    } catch (e) {
      saveError.value = asApiError(e);
      return false;
    } finally {
      saving.value = false;
    }
  }

  async function remove(year: number): Promise<boolean> {
    saving.value = true;
    saveError.value = null;
    try {
      await session.call("DELETE", `/api/calendar/${year}`);
      await load();
      return true;
    } catch (e) {
      saveError.value = asApiError(e);
      return false;
    } finally {
      saving.value = false;
    }
  }

  return { info, loading, error, saving, saveError, load, save, remove };
});
