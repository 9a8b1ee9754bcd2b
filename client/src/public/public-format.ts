// Display helpers of the public page: bands in the page's language, times in the hall's zone.
import type { ScreenBand } from "../../../contract/floor.js";
import { locale, t } from "./public-i18n.js";

/** "10–15 分钟" / "10–15 min"; a lower end of 0 reads "within N". */
export function bandText(band: ScreenBand | null): string | null {
  if (!band) return null;
  return band.lowMinutes === 0 ? t("bandWithin", { high: band.highMinutes }) : t("bandRange", { low: band.lowMinutes, high: band.highMinutes });
}

/** HH:MM:SS of an ISO time in the hall's zone. */
export function clockTime(iso: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(locale.value, { timeZone, hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false }).format(new Date(iso));
  } catch {
    return iso.slice(11, 19);
  }
}

/** Seconds as whole minutes with one decimal below 10 ("7.5 分钟"); "—" when null. */
export function minutesText(seconds: number | null): string {
  if (seconds === null) return "—";
  const m = seconds / 60;
  return t("minutes", { n: m < 10 ? Math.round(m * 10) / 10 : Math.round(m) });
}

export const percentText = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);
export const countText = (n: number | null) => (n === null ? "—" : String(n));
