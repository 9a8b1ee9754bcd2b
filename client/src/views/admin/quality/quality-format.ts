// Text of the quality page: shares in percent, the verdict sentence of a calibration period, the names
// of windows and categories (untrusted text, shown as text), and one line per data-quality issue with
// its time in the hall's time zone.
import { useI18n } from "vue-i18n";
import type { CalibrationResponse, DataQualityIssue, HallConfig } from "../../../../../contract/index.js";
import { hallClock } from "../../../composables/format.js";
import { daysIn } from "../../../stores/admin-history-period.js";

/** "72%", one decimal below 10 % steps is noise for a hall manager; "—" without a base. */
export const pctText = (share: number | null): string => (share === null ? "—" : `${Math.round(share * 100)}%`);

const VERDICT_KEY = { trusted: "trusted", optimistic: "optimistic", cautious: "cautious", too_few: "tooFew" } as const;

export function useQualityText() {
  const { t } = useI18n();

  /** The plain sentence: can the screen's expected waits be trusted over the period? */
  function verdictSentence(c: CalibrationResponse): string {
    const tol = `${Math.round(c.rule.tolerance * 100)}%`;
    return t(`admin.quality.calibration.${VERDICT_KEY[c.summary.verdict]}`, {
      n: c.summary.tickets,
      days: daysIn({ from: c.from, to: c.to }),
      p80: pctText(c.summary.byP80Share),
      tol,
      min: c.rule.minTickets,
    });
  }

  function issueDetail(i: DataQualityIssue): string {
    const minutes = (ms: number) => String(Math.round((Math.abs(ms) / 60_000) * 10) / 10);
    const parts: string[] = [];
    if (i.kind === "late_event" && i.amount !== undefined) parts.push(t("admin.quality.quality.lateBy", { min: minutes(i.amount) }));
    if (i.kind === "clock_skew" && i.amount !== undefined) parts.push(t("admin.quality.quality.clockOff", { sign: i.amount < 0 ? "−" : "+", min: minutes(i.amount) }));
    if (i.kind === "seq_gap" && i.amount !== undefined) parts.push(t("admin.quality.quality.gapOf", { n: i.amount }));
    if (i.relatedEventId) parts.push(t("admin.quality.quality.related", { id: i.relatedEventId }));
    return parts.join(" · ");
  }

  const issueTime = (i: DataQualityIssue, timeZone: string) => {
    const ms = Date.parse(i.ts);
    return Number.isNaN(ms) ? i.ts : hallClock(ms, timeZone);
  };

  return { t, verdictSentence, issueDetail, issueTime };
}

/** Window and category names of the hall, falling back to the id. */
export function qualityNames(config: HallConfig | null) {
  const windows = new Map((config?.windows ?? []).map((w) => [w.id, w.name]));
  const categories = new Map((config?.categories ?? []).map((c) => [c.id, c.name]));
  return {
    window: (id: string | null) => (id === null ? "—" : (windows.get(id) ?? id)),
    category: (id: string) => categories.get(id) ?? id,
  };
}
