// The hall's hot/cold imbalance (冷热不均) over eligible windows (docs/metrics.md, "Imbalance").
import type { Imbalance } from "../../contract/index.js";

/** A window must be open this long in the interval (or all of a shorter interval) to be judged. */
export const ELIGIBLE_OPEN_MS = 10 * 60 * 1000;

export function isEligible(openMs: number, intervalMs: number): boolean {
  return openMs >= Math.min(ELIGIBLE_OPEN_MS, intervalMs) && openMs > 0;
}

/** Population coefficient of variation; 0 for no values or a zero mean. */
export function coefficientOfVariation(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (mean === 0) return 0;
  const variance = values.reduce((a, v) => a + (v - mean) * (v - mean), 0) / values.length;
  return Math.sqrt(variance) / mean;
}

export interface WindowJudgement {
  windowId: string;
  eligible: boolean;
  utilization: number;
  /** Live view only: a ticket of one of its categories has waited longer than the target. */
  categoryOverTarget: boolean;
  /** Live view only: a ticket of one of its categories is waiting. */
  categoryHasWaiting: boolean;
}

export interface Thresholds {
  hotUtilization: number;
  coldUtilization: number;
}

export function judgeWindow(w: WindowJudgement, th: Thresholds, live: boolean): { hot: boolean; cold: boolean } {
  if (!w.eligible) return { hot: false, cold: false };
  const hot = w.utilization >= th.hotUtilization || (live && w.categoryOverTarget);
  const cold = !hot && w.utilization <= th.coldUtilization && !(live && w.categoryHasWaiting);
  return { hot, cold };
}

export function imbalanceOf(windows: readonly WindowJudgement[], th: Thresholds, live: boolean): Imbalance {
  const eligible = windows.filter((w) => w.eligible);
  const hot: string[] = [];
  const cold: string[] = [];
  for (const w of eligible) {
    const j = judgeWindow(w, th, live);
    if (j.hot) hot.push(w.windowId);
    if (j.cold) cold.push(w.windowId);
  }
  return {
    cv: coefficientOfVariation(eligible.map((w) => w.utilization)),
    hot,
    cold,
    imbalanced: hot.length > 0 && cold.length > 0,
  };
}
