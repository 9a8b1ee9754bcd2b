// Online recalibration of the bands (issue #9): the Monte Carlo draws each cycle independently, so its
// bands come out narrower than the hall's real spread (slow staff stay slow, breaks bunch, arrivals
// surge) — on simulated demo days only 0.70 of the tickets were called by their P80. Rather than guess
// every missing correlation, the hall's own recent history says how wrong the model has been: for the
// tickets issued in the last 24 hours, the ratio of the actual wait to the model's band at issue, and
// the scale that would have called half of them by P50 and four in five by P80 (split-conformal quantile
// recalibration). The scales are learned per stratum of the model's P80 (a 1-minute band and a 40-minute
// band are wrong in different ways), on (wait + 1 min) / (band + 1 min) so that bands near 0 keep a
// meaningful ratio, and shrunk towards 1 when a stratum has few tickets.
//
// No peeking at the future: only estimates made before `now` count, and a ticket still uncalled at
// `now` is a censored observation (it waited at least `now − estimatedAt`), handled by the Kaplan–Meier
// estimate of the ratio's distribution — dropping it would keep only the short waits and bias the scale
// down; counting it as called now would bias it down as well.
import type { CalibrationInput } from "./calibration.js";

/** Lower bounds (minutes) of the model-P80 strata: [0,1), [1,3), [3,15), [15,45), [45,∞). */
export const CORRECTION_STRATA_MINUTES: readonly number[] = [0, 1, 3, 15, 45];
/** Added to the wait and to the band before taking their ratio (minutes). */
export const CORRECTION_OFFSET_MINUTES = 1;
/** History considered: estimates made in the last 24 hours (the live facts hold 48). */
export const CORRECTION_LOOKBACK_MS = 24 * 60 * 60 * 1000;
/** Pseudo-tickets at scale 1: a stratum's scale is (n·learned + PRIOR·1) / (n + PRIOR). */
export const CORRECTION_PRIOR_TICKETS = 20;

export interface CorrectionStratum {
  /** Applies to model P80 at or above this (up to the next stratum's). */
  fromMinutes: number;
  p50Scale: number;
  p80Scale: number;
  /** Tickets it was learned from (called or still waiting). */
  tickets: number;
}

export interface WaitCorrection {
  offsetMinutes: number;
  /** Ascending `fromMinutes`, the first from 0. */
  strata: CorrectionStratum[];
}

/** No correction: every scale 1. */
export const IDENTITY_CORRECTION: WaitCorrection = {
  offsetMinutes: CORRECTION_OFFSET_MINUTES,
  strata: CORRECTION_STRATA_MINUTES.map((fromMinutes) => ({ fromMinutes, p50Scale: 1, p80Scale: 1, tickets: 0 })),
};

export interface RecalibrateOptions {
  lookbackMs?: number;
  priorTickets?: number;
}

interface Obs {
  ratio: number;
  called: boolean;
}

/**
 * The correction to apply at `now`, learned from the recorded issue-time estimates (the model's band:
 * `modelP50Minutes`/`modelP80Minutes` when recorded, else the band as given) and the first calls known
 * at `now`.
 */
export function recalibrate(history: readonly CalibrationInput[], now: number, opts: RecalibrateOptions = {}): WaitCorrection {
  const lookback = opts.lookbackMs ?? CORRECTION_LOOKBACK_MS;
  const prior = opts.priorTickets ?? CORRECTION_PRIOR_TICKETS;
  const c = CORRECTION_OFFSET_MINUTES;
  const p50s: Obs[][] = CORRECTION_STRATA_MINUTES.map(() => []);
  const p80s: Obs[][] = CORRECTION_STRATA_MINUTES.map(() => []);
  for (const { estimate: e, firstCalledAt } of history) {
    if (e.estimatedAt >= now || e.estimatedAt < now - lookback) continue;
    const m50 = e.modelP50Minutes ?? e.p50Minutes;
    const m80 = e.modelP80Minutes ?? e.p80Minutes;
    if (m50 === null || m80 === null) continue;
    const called = firstCalledAt !== null && firstCalledAt <= now;
    const waited = Math.max(0, (called ? (firstCalledAt as number) : now) - e.estimatedAt) / 60_000;
    const k = stratumOf(m80);
    (p50s[k] as Obs[]).push({ ratio: (waited + c) / (m50 + c), called });
    (p80s[k] as Obs[]).push({ ratio: (waited + c) / (m80 + c), called });
  }
  const shrink = (q: number | null, n: number) => (q === null ? 1 : (n * q + prior) / (n + prior));
  // Too many still waiting for the quantile to be known: it is at least the largest ratio seen.
  const quantile = (obs: Obs[], p: number) => kmQuantile(obs, p) ?? (obs.length > 0 ? Math.max(...obs.map((o) => o.ratio)) : null);
  return {
    offsetMinutes: c,
    strata: CORRECTION_STRATA_MINUTES.map((fromMinutes, k) => {
      const n = (p80s[k] as Obs[]).length;
      return { fromMinutes, p50Scale: shrink(quantile(p50s[k] as Obs[], 0.5), n), p80Scale: shrink(quantile(p80s[k] as Obs[], 0.8), n), tickets: n };
    }),
  };
}

function stratumOf(p80Minutes: number): number {
  let k = 0;
  for (let i = 0; i < CORRECTION_STRATA_MINUTES.length; i++) if (p80Minutes >= (CORRECTION_STRATA_MINUTES[i] as number)) k = i;
  return k;
}

/**
 * The smallest ratio whose Kaplan–Meier distribution function reaches `p` (right-censored: an uncalled
 * ticket's ratio is at least its value); null when the called tickets never get there.
 */
export function kmQuantile(obs: Obs[], p: number): number | null {
  // At equal ratios calls come first: a ticket still waiting at that ratio outlasts them.
  obs.sort((a, b) => a.ratio - b.ratio || Number(b.called) - Number(a.called));
  let survival = 1;
  let atRisk = obs.length;
  for (const o of obs) {
    if (o.called) {
      survival *= 1 - 1 / atRisk;
      if (1 - survival >= p - 1e-12) return o.ratio;
    }
    atRisk -= 1;
  }
  return null;
}

/** The model's band (minutes) as corrected; P80 never below P50. */
export function correctBand(p50Minutes: number, p80Minutes: number, correction: WaitCorrection): { p50Minutes: number; p80Minutes: number } {
  const c = correction.offsetMinutes;
  let s: CorrectionStratum | undefined;
  for (const st of correction.strata) if (p80Minutes >= st.fromMinutes) s = st;
  if (!s) return { p50Minutes, p80Minutes };
  const p50 = Math.max(0, s.p50Scale * (p50Minutes + c) - c);
  const p80 = Math.max(p50, s.p80Scale * (p80Minutes + c) - c);
  return { p50Minutes: p50, p80Minutes: p80 };
}
