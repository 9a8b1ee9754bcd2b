// Calibration on simulated days of the demo hall: each day is replayed event by event as the live state
// folds it (after a warm-up day, so that "recent pace" and a history of estimates exist as they would in
// a running hall), each ticket gets the estimate of the moment it was issued — corrected online
// (recalibrate.ts) from the tickets issued before that moment and the calls known then, never later
// ones — and the estimates are scored against the calls that followed. Documented tolerance
// (docs/metrics.md, "Wait estimates"): over the days together, the share called by P80 within
// 0.80 ± 0.05 and by P50 within 0.50 ± 0.06; each day within 0.80 ± 0.08 and 0.50 ± 0.10.
// Achieved (reps 100): pooled P80 0.782, P50 0.537; per day P80 0.745–0.803, P50 0.501–0.570. P50 runs
// a little high because about 40% of the tickets wait under a minute (an idle window's pickup, a few
// seconds) and a band of 0.1-minute resolution cannot split them in halves. Without the correction the
// model's own bands call 0.705 by P80 (0.48–0.59 for waits of 6–30 minutes), which fails the pooled bound.
//
// Why 100 Monte Carlo replications (the live server uses 400; this test used 200): the Monte Carlo is most
// of the test's run time, and its noise is small next to the tolerance. A sweep over 12 seeds (the four
// date pairs below, three seeds each) at 50, 100 and 200 replications: per day, P80 moved by at most 0.010
// and P50 by at most 0.011 between 100 and 200; the smallest per-day margin to the tolerance was 0.025
// (P80) and 0.030 (P50) at 100 against 0.031 and 0.025 at 200; the pooled shares of each group of four
// seeds stayed within P80 0.768–0.782 and P50 0.506–0.537 (margins ≥ 0.018 and ≥ 0.023).
import { describe, expect, it } from "vitest";
import { parseIsoTimestamp } from "../../../contract/index.js";
import { DEMO_HALL_ID, demoHall } from "../../../simulator/demo-hall.js";
import { generateHallDay } from "../../../simulator/generate-day.js";
import { calibrate, type CalibrationInput } from "./calibration.js";
import { replayIssueEstimates } from "./replay-estimates.js";

const TOLERANCE = { p80: { target: 0.8, pooled: 0.05, day: 0.08 }, p50: { target: 0.5, pooled: 0.06, day: 0.1 } } as const;

/**
 * [seed, warm-up day, scored day]: weekdays of different kinds (a Monday peak, a quiet Friday). Seed 3's
 * warm-up day, 2026-11-29, is a Sunday: the hall is closed and it has no events, so that Monday is scored
 * as a real Monday starts — with no last-24-hour history for the correction — which is a case to cover,
 * not a slip.
 */
const DAYS: [number, string, string][] = [
  [1, "2026-11-23", "2026-11-24"],
  [2, "2026-11-25", "2026-11-26"],
  [3, "2026-11-29", "2026-11-30"],
  [4, "2026-12-03", "2026-12-04"],
];

/** Monte Carlo replications per estimate (see the header for why 100 keeps the claim's margin). */
const REPS = 100;

function scoredDay(seed: number, warmUp: string, day: string): CalibrationInput[] {
  const gen = (date: string) => generateHallDay({ hall: demoHall, hallId: DEMO_HALL_ID, date, seed });
  const scored = gen(day);
  const events = [...gen(warmUp), ...scored];
  const recordFrom = Math.min(...scored.map((e) => parseIsoTimestamp(e.ts) as number));
  return replayIssueEstimates(events, demoHall, { recordFrom, reps: REPS, recalibrate: true });
}

describe("wait estimate calibration on simulated days", () => {
  it("calls about half the tickets by their P50 and four in five by their P80", () => {
    const all: CalibrationInput[] = [];
    const lines: string[] = [];
    for (const [seed, warmUp, day] of DAYS) {
      const inputs = scoredDay(seed, warmUp, day);
      all.push(...inputs);
      const hallRow = calibrate(inputs, demoHall.timezone).find((r) => r.categoryId === null);
      if (!hallRow) throw new Error(`no tickets on ${day}`);
      lines.push(`seed ${seed} ${day}: ${hallRow.tickets} tickets, by P50 ${hallRow.byP50Share?.toFixed(3)}, by P80 ${hallRow.byP80Share?.toFixed(3)}, within shown ${hallRow.withinShownShare?.toFixed(3)}, later than shown ${hallRow.laterThanShownShare?.toFixed(3)}, no estimate ${hallRow.noEstimate}, not called ${hallRow.notCalled}`);
      expect(Math.abs((hallRow.byP80Share as number) - TOLERANCE.p80.target)).toBeLessThanOrEqual(TOLERANCE.p80.day);
      expect(Math.abs((hallRow.byP50Share as number) - TOLERANCE.p50.target)).toBeLessThanOrEqual(TOLERANCE.p50.day);
    }
    const scored = all.filter((x) => x.estimate.p50Minutes !== null && x.firstCalledAt !== null);
    const share = (key: "p50Minutes" | "p80Minutes") => scored.filter((x) => ((x.firstCalledAt as number) - x.estimate.estimatedAt) / 60_000 <= (x.estimate[key] as number)).length / scored.length;
    const p50 = share("p50Minutes");
    const p80 = share("p80Minutes");
    console.log([...lines, `all days: ${scored.length} tickets, by P50 ${p50.toFixed(3)}, by P80 ${p80.toFixed(3)}`].join("\n"));
    expect(Math.abs(p80 - TOLERANCE.p80.target)).toBeLessThanOrEqual(TOLERANCE.p80.pooled);
    expect(Math.abs(p50 - TOLERANCE.p50.target)).toBeLessThanOrEqual(TOLERANCE.p50.pooled);
  }, 600_000);
});
