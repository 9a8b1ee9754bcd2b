// 月度通报 of the chosen hall (admin and manager): the month (by default the last full month in the hall's
// time zone), GET …/report/monthly for it, and its CSV / XLSX downloads.
import { defineStore } from "pinia";
import { ref, shallowRef } from "vue";
import type { MonthlyReport } from "../../../contract/index.js";
import type { ApiError } from "../api/http.js";
import { downloadTable, safeFileName, type TableFormat } from "./admin-history-export.js";
import { hallToday, isMonth, lastFullMonth } from "./admin-history-period.js";
import { asApiError } from "./admin-items.js";
import { useAdminSession } from "./admin-session.js";

const path = (hallId: string, month: string, format?: TableFormat) =>
  `/api/halls/${encodeURIComponent(hallId)}/report/monthly?${new URLSearchParams({ month, ...(format ? { format } : {}) })}`;

export const useMonthlyReportStore = defineStore("admin-history-report", () => {
  const session = useAdminSession();
  const hallId = ref<string | null>(null);
  const month = ref("");
  const report = shallowRef<MonthlyReport | null>(null);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  /** When the figures shown were fetched (epoch ms), for the printed report. */
  const loadedAt = ref<number | null>(null);
  const exporting = ref<TableFormat | null>(null);
  const exportError = shallowRef<ApiError | null>(null);
  let ticket = 0;

  /** Opens the page on a hall: a new hall starts from the last full month in its time zone. */
  function open(id: string, timeZone: string, now = Date.now()): Promise<void> {
    if (hallId.value !== id || month.value === "") {
      hallId.value = id;
      month.value = lastFullMonth(hallToday(timeZone, now));
      report.value = null;
      exportError.value = null;
    }
    return load();
  }

  async function load(): Promise<void> {
    const id = hallId.value;
    if (!id || !isMonth(month.value)) return;
    const mine = ++ticket;
    loading.value = true;
    error.value = null;
    try {
      const r = await session.call<MonthlyReport>("GET", path(id, month.value));
      if (mine !== ticket) return;
      report.value = r;
      loadedAt.value = Date.now();
    } catch (e) {
      if (mine !== ticket) return;
      error.value = asApiError(e);
      report.value = null;
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  function setMonth(m: string): Promise<void> {
    if (!isMonth(m) || m === month.value) return Promise.resolve();
    month.value = m;
    return load();
  }

  async function exportTable(format: TableFormat): Promise<boolean> {
    const id = hallId.value;
    if (!id || exporting.value || !isMonth(month.value)) return false;
    exporting.value = format;
    exportError.value = null;
    try {
      await downloadTable(path(id, month.value, format), format, safeFileName(`monthly-report-${id}-${month.value}.${format}`));
      return true;
    } catch (e) {
      exportError.value = asApiError(e);
      return false;
    } finally {
      exporting.value = null;
    }
  }

  return { hallId, month, report, loading, error, loadedAt, exporting, exportError, open, load, setMonth, exportTable };
});
