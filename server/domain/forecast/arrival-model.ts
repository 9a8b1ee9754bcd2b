// The arrival forecast of one category for the next hour (docs/metrics.md, "Early warning (forecast)").
// Model: arrivals are Poisson with rate θ·μ(t), where μ(t) is the same-weekday history mean of the slot
// and θ today's demand factor. θ has the prior Gamma(m, m) (mean 1; m from the spread of past days, at
// most 10, see arrival-profile.ts); today's arrivals so far update it to Gamma(m + A, m + H), A = today's
// arrivals, H = what history expected by now — both weighted by recency (an arrival `halfLife` ago counts
// half), so a surge this morning moves the factor faster than a quiet dawn. Early in the day A and H are
// small and θ stays near 1: noise cannot explode the forecast. The count over the horizon is then a
// Gamma–Poisson mixture (negative binomial); its band also carries the uncertainty of the history mean.
import type { ArrivalProfile, CategoryProfile } from "./arrival-profile.js";
import { countQuantile } from "./count-quantiles.js";
import { SLOT_MINUTES, SLOTS_PER_DAY, slotOf, type LocalClock } from "./local-clock.js";
import { openShare, type OpeningSchedule } from "./opening-hours.js";

export interface ModelOptions {
  horizonMinutes: number;
  halfLifeMinutes: number;
  /** The band's quantiles (default P10–P90, an 80% band). */
  bandLow: number;
  bandHigh: number;
}

export const DEFAULT_MODEL: ModelOptions = { horizonMinutes: 60, halfLifeMinutes: 90, bandLow: 0.1, bandHigh: 0.9 };

export interface Band {
  expected: number;
  low: number;
  high: number;
}

export interface ArrivalForecast extends Band {
  categoryId: string;
  status: "ok";
  /** Posterior mean of today's demand factor θ (1 = like the history of this weekday). */
  factor: number;
  /** Posterior Gamma(shape, rate) of θ. */
  shape: number;
  rate: number;
  /** Expected arrivals in each minute of the horizon (θ already applied; 0 while the hall is closed). */
  perMinute: number[];
}

/** No same-weekday history with this category in it: nothing honest to forecast (never zeros). */
export interface NoForecast {
  categoryId: string;
  status: "no-history";
}

export type ArrivalOutlook = ArrivalForecast | NoForecast;

export function hasHistory(profile: ArrivalProfile, categoryId: string): boolean {
  const p = profile.categories.get(categoryId);
  return profile.days > 0 && p !== undefined && p.dayTotals.some((t) => t > 0);
}

/** Recency-weighted arrivals today (A) and what history expected by now (H), per slot of the day so far. */
export function weightedSoFar(p: CategoryProfile, todaySlots: readonly number[], nowMinute: number, halfLifeMinutes: number): { today: number; history: number } {
  let today = 0;
  let history = 0;
  const current = Math.min(SLOTS_PER_DAY - 1, Math.floor(nowMinute / SLOT_MINUTES));
  for (let s = 0; s <= current; s++) {
    const elapsed = s < current ? SLOT_MINUTES : Math.min(SLOT_MINUTES, nowMinute - s * SLOT_MINUTES);
    if (elapsed <= 0) continue;
    const mid = s * SLOT_MINUTES + elapsed / 2;
    const w = Math.pow(0.5, (nowMinute - mid) / halfLifeMinutes);
    today += w * (todaySlots[s] ?? 0);
    history += w * (p.mean[s] ?? 0) * (elapsed / SLOT_MINUTES);
  }
  return { today, history };
}

/** History's expected arrivals per minute of [now, now + horizon), zero while the hall is closed. */
export function historyRates(p: CategoryProfile, clock: LocalClock, schedule: OpeningSchedule, horizonMinutes: number): number[] {
  const out: number[] = [];
  const weekStart = (clock.weekday - 1) * 1440;
  for (let i = 0; i < horizonMinutes; i++) {
    const m = clock.minute + i;
    const rate = (p.mean[slotOf(m + 0.5)] ?? 0) / SLOT_MINUTES;
    out.push(rate * openShare(schedule, weekStart + m, weekStart + m + 1));
  }
  return out;
}

/**
 * The band of a count whose history mean is `historyMean`: mean (a/b)·M; variance = Poisson + the spread
 * of θ (M²·a/b²) + the spread of the history mean over `days` days ((a/b)²·(M + M²/m)/days).
 */
export function arrivalBand(shape: number, rate: number, historyMean: number, days: number, priorStrength: number, opts: ModelOptions): Band {
  const factor = shape / rate;
  const mean = factor * historyMean;
  const variance = mean + (historyMean * historyMean * shape) / (rate * rate) + (factor * factor * (historyMean + (historyMean * historyMean) / priorStrength)) / Math.max(1, days);
  return { expected: mean, low: countQuantile(mean, variance, opts.bandLow), high: countQuantile(mean, variance, opts.bandHigh) };
}

export function forecastArrivals(
  profile: ArrivalProfile,
  categoryId: string,
  todaySlots: readonly number[],
  clock: LocalClock,
  schedule: OpeningSchedule,
  opts: ModelOptions = DEFAULT_MODEL,
): ArrivalOutlook {
  const p = profile.categories.get(categoryId);
  if (!p || !hasHistory(profile, categoryId)) return { categoryId, status: "no-history" };
  const soFar = weightedSoFar(p, todaySlots, clock.minute, opts.halfLifeMinutes);
  const shape = p.priorStrength + soFar.today;
  const rate = p.priorStrength + soFar.history;
  const factor = shape / rate;
  const base = historyRates(p, clock, schedule, opts.horizonMinutes);
  const historyMean = base.reduce((a, b) => a + b, 0);
  const band = arrivalBand(shape, rate, historyMean, profile.days, p.priorStrength, opts);
  return { categoryId, status: "ok", factor, shape, rate, perMinute: base.map((r) => r * factor), ...band };
}
