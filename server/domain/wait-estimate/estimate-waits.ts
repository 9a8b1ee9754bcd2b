// Honest wait estimates (issue #9): for each waiting ticket and each category, the wait as a P50–P80
// band, from the queue ahead (in the hall's call order), the windows that can serve it and the hall's
// recent pace — or "unknown" when the hall has not measured enough to say. Pure and reproducible: the
// caller passes the facts, the configuration and the time (docs/metrics.md, "Wait estimates").
import type { HallConfig } from "../../../contract/index.js";
import type { HallFacts } from "../hall-facts.js";
import { paceSamples } from "./cycle-samples.js";
import { hallSnapshot, type WindowStart } from "./hall-snapshot.js";
import { simulateWaits, waitQuantiles, type McStart, type McTicket } from "./monte-carlo.js";
import { overtakeRates } from "./overtaking.js";
import { seedOf } from "./prng.js";
import { queueStays } from "./queue-stays.js";
import { correctBand, type WaitCorrection } from "./recalibrate.js";

export type EstimateBasis = "measured" | "fallback" | "unknown";

export interface CategoryWaitEstimate {
  categoryId: string;
  /** Tickets waiting now (as `waitingNow`). */
  waiting: number;
  /** Wait of a ticket issued now, in minutes (one decimal); null with basis "unknown". */
  p50Minutes: number | null;
  p80Minutes: number | null;
  /** measured: the category's own recent cycles; fallback: the hall's; unknown: too few, or no window to call it. */
  basis: EstimateBasis;
  /** With a `correction`: the Monte Carlo's own band before it (what the next correction learns from). */
  modelP50Minutes?: number | null;
  modelP80Minutes?: number | null;
}

export interface TicketWaitEstimate {
  ticketId: string;
  ticketNo: string;
  categoryId: string;
  /** When it entered this queue (epoch ms): its issue, or a transfer in. */
  since: number;
  /** Tickets of its category called before it under the call rule (前面还有 N 人). */
  ahead: number;
  /** Remaining wait from `at`, in minutes (one decimal); null with basis "unknown". */
  p50Minutes: number | null;
  p80Minutes: number | null;
  basis: EstimateBasis;
  /** With a `correction`: the Monte Carlo's own band before it (what the next correction learns from). */
  modelP50Minutes?: number | null;
  modelP80Minutes?: number | null;
}

export interface WaitEstimates {
  /** The `now` the estimate is for (epoch ms). */
  at: number;
  /** In configuration order. */
  categories: CategoryWaitEstimate[];
  /** In call order. */
  tickets: TicketWaitEstimate[];
}

export interface WaitEstimateOptions {
  /** Monte Carlo replications (default 400). */
  reps?: number;
  /** Default a constant: consecutive refreshes share their draws, so a band moves only when the hall does. */
  seed?: number;
  /** Fewest cycles for a "measured" (or, hall-wide, a "fallback") basis; default 10. */
  minSamples?: number;
  /**
   * The hall's online recalibration (recalibrate.ts: learned from its own tickets issued before `now`):
   * scales the Monte Carlo's band so that about half the tickets are called by P50 and four in five by
   * P80. Without it the model's band is given as is (narrower than the hall's real spread).
   */
  correction?: WaitCorrection;
}

export const DEFAULT_REPS = 400;
export const MIN_SAMPLES = 10;
/** Nothing is simulated further ahead than this (a ticket uncalled for 12 hours is abandoned anyway). */
export const HORIZON_MS = 12 * 60 * 60 * 1000;
const DEFAULT_SEED = seedOf("hallpulse:wait-estimate");

const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 6000) / 10);
const round1 = (m: number) => Math.round(m * 10) / 10;

export function estimateWaits(facts: HallFacts, hall: HallConfig, now: number, opts: WaitEstimateOptions = {}): WaitEstimates {
  const reps = opts.reps ?? DEFAULT_REPS;
  const minSamples = opts.minSamples ?? MIN_SAMPLES;
  const stays = queueStays(facts, now);
  const pace = paceSamples(facts, hall, stays, now);
  const snap = hallSnapshot(facts, hall, now);
  const jumps = overtakeRates(stays, now);
  const catIndex = new Map(hall.categories.map((c, i) => [c.id, i]));
  const known = pace.hallWide.length >= minSamples;
  const basisOf = hall.categories.map((c): EstimateBasis => ((pace.byCategory.get(c.id)?.length ?? 0) >= minSamples ? "measured" : known ? "fallback" : "unknown"));

  // Real tickets in call order, then one probe per category "issued now" (last in its queue).
  const mcTickets: McTicket[] = snap.waiting.map((t) => ({ cat: catIndex.get(t.categoryId) as number, probe: false }));
  hall.categories.forEach((_, i) => mcTickets.push({ cat: i, probe: true }));
  let quantiles: (number | null)[][] = mcTickets.map(() => [null, null]);
  if (known) {
    const waits = simulateWaits({
      tickets: mcTickets,
      windows: snap.windows.map((w) => ({ cats: w.categories.map((c) => catIndex.get(c) as number), start: mcStart(w.start, catIndex) })),
      cycles: hall.categories.map((c, i) => (basisOf[i] === "measured" ? (pace.byCategory.get(c.id) as number[]) : pace.hallWide)),
      hallWide: pace.hallWide,
      pauses: pace.pauses,
      pauseRate: pace.pauseRate,
      pickups: pace.pickups,
      jumpRates: hall.categories.map((c) => jumps.get(c.id) ?? 0),
      reps,
      seed: opts.seed ?? DEFAULT_SEED,
      horizonMs: HORIZON_MS,
    });
    quantiles = waitQuantiles(waits, reps, [0.5, 0.8]);
  }

  // A band needs both ends: a ticket that more than a fifth of the futures never call has none.
  const band = (q: (number | null)[] | undefined, basis: EstimateBasis) => {
    const [p50, p80] = q ?? [null, null];
    if (basis === "unknown" || p50 === null || p50 === undefined || p80 === null || p80 === undefined)
      return { p50Minutes: null, p80Minutes: null, basis: "unknown" as const };
    const m50 = minutes(p50) as number;
    const m80 = minutes(p80) as number;
    if (!opts.correction) return { p50Minutes: m50, p80Minutes: m80, basis };
    const c = correctBand(m50, m80, opts.correction);
    return { p50Minutes: round1(c.p50Minutes), p80Minutes: round1(c.p80Minutes), basis, modelP50Minutes: m50, modelP80Minutes: m80 };
  };

  const aheadCount = new Map<string, number>();
  const tickets = snap.waiting.map((t, i): TicketWaitEstimate => {
    const ahead = aheadCount.get(t.categoryId) ?? 0;
    aheadCount.set(t.categoryId, ahead + 1);
    const basis = basisOf[catIndex.get(t.categoryId) as number] as EstimateBasis;
    return { ticketId: t.ticketId, ticketNo: t.ticketNo, categoryId: t.categoryId, since: t.since, ahead, ...band(quantiles[i], basis) };
  });
  const categories = hall.categories.map((c, i): CategoryWaitEstimate => ({
    categoryId: c.id,
    waiting: aheadCount.get(c.id) ?? 0,
    ...band(quantiles[snap.waiting.length + i], basisOf[i] as EstimateBasis),
  }));
  return { at: now, categories, tickets };
}

function mcStart(s: WindowStart, catIndex: ReadonlyMap<string, number>): McStart {
  if (s.kind !== "busy") return s;
  return { kind: "busy", elapsedMs: s.elapsedMs, cat: s.categoryId === null ? null : (catIndex.get(s.categoryId) ?? null) };
}
