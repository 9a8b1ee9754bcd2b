// The words of the staffing page: "周一 9–10 点 社会保险：需要 3 个窗口，实际 2 个", open windows with at
// most one decimal (an average over the weeks), handling times in minutes. Names are passed in as text.
import { useI18n } from "vue-i18n";
import type { StaffingRow } from "../../../../../contract/index.js";

/** Windows open on average: "2", "1.6" (one decimal, none when whole). */
export function openText(hadOpen: number): string {
  const r = Math.round(hadOpen * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/** Arrivals per hour with at most one decimal. */
export const rateText = (n: number) => openText(n);

export function useStaffingText() {
  const { t } = useI18n();
  const dayName = (weekday: number) => t(`admin.allocation.weekdays.${weekday}`);
  const hours = (hour: number) => t("admin.allocation.staffing.hours", { from: hour, to: hour + 1 });
  const sentence = (row: StaffingRow, categoryName: string) =>
    t("admin.allocation.staffing.sentence", { day: dayName(row.weekday), hours: hours(row.hour), category: categoryName, needed: row.needed, had: openText(row.hadOpen) });
  const detail = (row: StaffingRow) =>
    t("admin.allocation.staffing.cellDetail", {
      arrivals: rateText(row.arrivalsPerHour),
      handle: row.avgHandleSeconds === null ? t("admin.allocation.staffing.noHandle") : t("admin.allocation.staffing.handleMinutes", { n: openText(row.avgHandleSeconds / 60) }),
    });
  return { t, dayName, hours, sentence, detail };
}
