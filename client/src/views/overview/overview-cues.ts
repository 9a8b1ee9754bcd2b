// Colour cues of the overview table, readable across a room: each figure maps to ok / warn / bad. The
// thresholds are cues for the eye only (docs/metrics.md, "Province overview"); the order comes from the
// server's rank.
import type { OverviewHall } from "../../../../contract/overview.js";

export type Cue = "ok" | "warn" | "bad" | "none";

/** Share called within the target: ≥ 90 % ok, ≥ 70 % warn, below bad; none before the first call. */
export function shareCue(share: number | null): Cue {
  if (share === null) return "none";
  return share >= 0.9 ? "ok" : share >= 0.7 ? "warn" : "bad";
}

/** The longest current wait against the hall's target: past it bad, past half of it warn. */
export function oldestCue(h: Pick<OverviewHall, "oldestWaitSeconds" | "waitTargetMinutes">): Cue {
  if (h.oldestWaitSeconds === null) return "none";
  const target = h.waitTargetMinutes * 60;
  return h.oldestWaitSeconds > target ? "bad" : h.oldestWaitSeconds > target / 2 ? "warn" : "ok";
}

/** Anything counted that should be zero (findings, idle windows, lost heartbeats) is a warning. */
export const countCue = (n: number): Cue => (n > 0 ? "warn" : "ok");

/** The row as a whole: imbalanced or a bad figure makes it stand out. */
export function rowCue(h: OverviewHall): Cue {
  if (h.imbalance.imbalanced || shareCue(h.withinTargetShare) === "bad" || oldestCue(h) === "bad") return "bad";
  if (shareCue(h.withinTargetShare) === "warn" || oldestCue(h) === "warn" || h.openFindings + h.idleWindows + h.lostHeartbeats > 0) return "warn";
  return "ok";
}

/** Where the hall's drill-down links go: its wall, and the admin pages with the hall chosen. */
export function hallLinks(hallId: string): { wall: string; admin: string } {
  const id = encodeURIComponent(hallId);
  return { wall: `/wall/${id}`, admin: `/admin/config?hall=${id}` };
}

/** The admin pages pick the hall they last showed (local storage): set it, so that the link opens this hall. */
export const ADMIN_HALL_KEY = "hallpulse.admin.hall";
export function chooseAdminHall(hallId: string): void {
  globalThis.localStorage?.setItem(ADMIN_HALL_KEY, hallId);
}
