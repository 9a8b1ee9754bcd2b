// The same-weekday history the arrival forecast starts from: per category, the mean arrivals in each
// 15-minute slot of the local day over the last N same weekdays, each day's total, and how much whole
// days vary beyond Poisson noise (the prior strength of the today-factor, see arrival-model.ts).
import { startOfLocalDay } from "../../../contract/index.js";
import { SLOT_MS, SLOTS_PER_DAY } from "./local-clock.js";

/** One 15-minute rollup row of a past day (`CategoryBucket` from history/rollup.ts fits as it is). */
export interface HistoryArrivalRow {
  categoryId: string;
  /** Start of the 15-minute bucket, epoch ms. */
  bucket: number;
  arrivals: number;
}

export interface CategoryProfile {
  /** Mean arrivals per slot of the local day (96 slots). */
  mean: number[];
  /** The category's arrivals on each history day (same order for every category). */
  dayTotals: number[];
  /** Gamma prior strength m of the today-factor: how many arrivals' worth of evidence history is worth. */
  priorStrength: number;
}

export interface ArrivalProfile {
  /** History days the hall had any arrival on (a day without any is taken as closed and left out). */
  days: number;
  categories: Map<string, CategoryProfile>;
}

/** Prior strength with fewer than 3 days of history: the day-to-day spread cannot be measured yet. */
export const DEFAULT_PRIOR_STRENGTH = 20;
/**
 * Bounds of the measured prior strength. The upper one is what keeps the forecast responsive: however
 * alike past days were, history never outweighs 10 arrivals of today's evidence, so that a surge shows
 * within the hour (tuned on simulated surge days; on ordinary days the band is then a little wide).
 */
export const PRIOR_STRENGTH_RANGE = [5, 10] as const;

/**
 * `rows` are the category rollups of the last N same weekdays (the caller leaves out holidays and other
 * special days). A category with rows on no day still gets a profile of zeros; the model then reports it
 * as having no history rather than forecasting zero.
 */
export function buildArrivalProfile(rows: readonly HistoryArrivalRow[], categoryIds: readonly string[], timeZone: string): ArrivalProfile {
  const dayOf = new Map<number, number>();
  const perDay = new Map<number, Map<string, number[]>>();
  for (const r of rows) {
    if (!(r.arrivals > 0)) continue;
    let dayStart = dayOf.get(r.bucket);
    if (dayStart === undefined) {
      dayStart = startOfLocalDay(r.bucket, timeZone);
      dayOf.set(r.bucket, dayStart);
    }
    const slot = Math.floor((r.bucket - dayStart) / SLOT_MS);
    // A 25-hour day (DST) has slots past the 96th; they are dropped rather than folded onto the morning.
    if (slot < 0 || slot >= SLOTS_PER_DAY) continue;
    let day = perDay.get(dayStart);
    if (!day) perDay.set(dayStart, (day = new Map()));
    let slots = day.get(r.categoryId);
    if (!slots) day.set(r.categoryId, (slots = new Array<number>(SLOTS_PER_DAY).fill(0)));
    slots[slot] = (slots[slot] ?? 0) + r.arrivals;
  }
  const days = [...perDay.keys()].sort((a, b) => a - b);
  const categories = new Map<string, CategoryProfile>();
  for (const id of categoryIds) {
    const mean = new Array<number>(SLOTS_PER_DAY).fill(0);
    const dayTotals: number[] = [];
    for (const d of days) {
      const slots = perDay.get(d)?.get(id);
      let total = 0;
      if (slots) for (let s = 0; s < SLOTS_PER_DAY; s++) {
        const v = slots[s] ?? 0;
        mean[s] = (mean[s] ?? 0) + v / days.length;
        total += v;
      }
      dayTotals.push(total);
    }
    categories.set(id, { mean, dayTotals, priorStrength: priorStrength(dayTotals) });
  }
  return { days: days.length, categories };
}

/**
 * Empirical Bayes: if a day's demand is the history mean times a factor θ ~ Gamma(m, m) (mean 1) and
 * arrivals are Poisson given θ, the daily totals have variance T̄ + T̄²/m. So the share of the totals'
 * spread beyond Poisson, s²/T̄² − 1/T̄, estimates 1/m. Days that vary no more than Poisson noise give the
 * upper bound (history is trusted); a wild spread gives the lower bound.
 */
export function priorStrength(dayTotals: readonly number[]): number {
  const n = dayTotals.length;
  if (n < 3) return DEFAULT_PRIOR_STRENGTH;
  const mean = dayTotals.reduce((a, b) => a + b, 0) / n;
  if (mean <= 0) return DEFAULT_PRIOR_STRENGTH;
  const variance = dayTotals.reduce((a, t) => a + (t - mean) * (t - mean), 0) / (n - 1);
  const excess = variance / (mean * mean) - 1 / mean;
  const [lo, hi] = PRIOR_STRENGTH_RANGE;
  if (excess <= 1 / hi) return hi;
  return Math.min(hi, Math.max(lo, 1 / excess));
}
