// Texts the console's panels share: waits in minutes (seconds under a minute), names from the hall
// configuration (shown as text, falling back to the id while the configuration is not loaded).
import type { HallConfig } from "../../../../contract/index.js";
import type { Translate } from "../../stores/staff-errors.js";

export function waitText(t: Translate, seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return t("common.none");
  const s = Math.max(0, seconds);
  return s < 60 ? t("common.seconds", { n: Math.floor(s) }) : t("common.minutes", { n: Math.floor(s / 60) });
}

export function categoryName(hall: HallConfig | null, categoryId: string | null | undefined): string {
  if (!categoryId) return "—";
  return hall?.categories.find((c) => c.id === categoryId)?.name ?? categoryId;
}

/** Seconds elapsed since `sinceIso` as of now, measured against the view's own `at` (no clock offsets). */
export function elapsedSeconds(sinceIso: string, viewAtIso: string, receivedAt: number | null, now: number): number {
  const since = Date.parse(sinceIso);
  const at = Date.parse(viewAtIso);
  if (!Number.isFinite(since) || !Number.isFinite(at)) return 0;
  return Math.max(0, (at - since) / 1000 + (receivedAt === null ? 0 : Math.max(0, now - receivedAt) / 1000));
}
