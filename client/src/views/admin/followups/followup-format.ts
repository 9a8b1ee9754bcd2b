// Text of a follow-up case on the 差评整改 page: the rating's words, shares in percent, times in the hall's
// time zone without seconds, and the message of a refused move (409: not allowed now; 400: the note).
import type { FollowUpState } from "../../../../../contract/index.js";
import type { ApiError } from "../../../api/http.js";
import { hallClock, hallDate } from "../../../composables/format.js";
import { sharePercent } from "./report-chart.js";

type T = (key: string, params?: Record<string, unknown>) => string;

export function ratingText(t: T, rating: number): string {
  if (rating === 1) return t("admin.followups.ratings.veryPoor");
  if (rating === 2) return t("admin.followups.ratings.poor");
  return t("admin.followups.ratings.other", { n: rating });
}

/** "66.6%", "100%", or "—" when there is nothing to share. */
export function shareText(share: number | null): string {
  const p = sharePercent(share);
  return p === null ? "—" : `${p}%`;
}

/** Date and minute of an instant in the hall's time zone ("2026-11-20 10:31"). */
export function hallMinute(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  try {
    return `${hallDate(ms, timeZone)} ${hallClock(ms, timeZone, false)}`;
  } catch {
    return iso;
  }
}

/** The message shown for a refused move. */
export function moveErrorText(t: T, to: FollowUpState, e: ApiError, validation: (message: string) => string, apiError: (e: ApiError) => string): string {
  if (e.status === 409) return t("admin.followups.errors.conflict", { to: t(`admin.followups.states.${to}`) });
  if (e.status === 400 && e.field === "note") {
    if (/personal data|phone|ID number/i.test(e.message)) return t("admin.followups.errors.note");
    if (/at most 500/.test(e.message)) return t("admin.followups.errors.noteLength");
  }
  return t("admin.followups.errors.failed", { reason: e.code === "bad_request" ? validation(e.message) : apiError(e) });
}
