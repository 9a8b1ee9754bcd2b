// One hall's overview row from its published live view: read-only sums over what the wall already shows.
import type { LoadView } from "../../../contract/live-view.js";
import type { OverviewHall } from "../../../contract/overview.js";
import type { WithinTarget } from "./within-target.js";

export interface HallFiguresInput {
  hallId: string;
  name: string;
  waitTargetMinutes: number;
  view: LoadView;
  within: Pick<WithinTarget, "called" | "within">;
}

export type UnrankedHall = Omit<OverviewHall, "rank">;

export function hallFigures({ hallId, name, waitTargetMinutes, view, within }: HallFiguresInput): UnrankedHall {
  let waitingNow = 0;
  let oldest: number | null = null;
  for (const c of view.categories) {
    waitingNow += c.waitingNow;
    if (c.oldestWaitSeconds !== null && (oldest === null || c.oldestWaitSeconds > oldest)) oldest = c.oldestWaitSeconds;
  }
  let openFindings = 0;
  for (const n of Object.values(view.consistency?.counts ?? {})) openFindings += n ?? 0;
  return {
    hallId,
    name,
    imbalance: { cv: view.imbalance.cv, imbalanced: view.imbalance.imbalanced, hot: view.imbalance.hot.length, cold: view.imbalance.cold.length },
    waitingNow,
    oldestWaitSeconds: oldest,
    waitTargetMinutes,
    calledToday: within.called,
    withinTargetShare: within.called > 0 ? within.within / within.called : null,
    openFindings,
    // Paused windows are staffed but not calling: only `open` counts as open here.
    windows: { open: view.windows.filter((w) => w.state === "open").length, total: view.windows.length },
    idleWindows: view.floor?.idle.length ?? 0,
    lostHeartbeats: view.heartbeats?.length ?? 0,
  };
}
