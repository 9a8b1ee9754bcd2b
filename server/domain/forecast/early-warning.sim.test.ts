// The early warning on realistic simulated days (simulator/): lunch breaks, short pauses, late staff,
// recalls, no-shows, lognormal handling times. Steady days raise no warning over the whole day; on a
// surge day (one category's demand ×1.6 or ×2.2 against its history) the target break is warned at
// least 15 minutes ahead.
import { describe, expect, it } from "vitest";
import { addDays } from "../../../simulator/local-time.js";
import { firstBreach, MIN, replayDay, sameWeekdayProfile, simDay } from "./sim-fixtures.js";

const DATE = "2025-03-12"; // a Wednesday

function run(seed: number, boost?: number) {
  const events = simDay(DATE, seed, boost);
  const steps = replayDay(events, DATE, sameWeekdayProfile(DATE, 6, seed), { prior: simDay(addDays(DATE, -1), seed), fromMinute: 0, toMinute: 24 * 60 - 5 });
  return { events, steps };
}

describe("early warning on simulated days", () => {
  it.each([1, 2, 3, 4])("a steady day (seed %i) raises no warning, stepping every 5 minutes", (seed) => {
    const { events, steps } = run(seed);
    for (const c of ["permit", "tax", "civil"]) expect(firstBreach(events, DATE, c)).toBeNull();
    expect(steps.flatMap((s) => s.result.warnings)).toEqual([]);
  }, 60_000);

  it.each([
    [1, 2.2], [2, 2.2], [3, 2.2], [4, 2.2], [5, 2.2], [6, 2.2],
    [2, 1.6], [3, 1.6], [4, 1.6], [5, 1.6],
  ])("a surge day (seed %i, demand ×%f) is warned at least 15 minutes before the target breaks", (seed, boost) => {
    const { events, steps } = run(seed, boost);
    const breach = firstBreach(events, DATE, "permit");
    expect(breach).not.toBeNull();
    const first = steps.find((s) => s.result.warnings.some((w) => w.categoryId === "permit"));
    expect(first).toBeDefined();
    expect((breach as number) - (first?.now as number)).toBeGreaterThanOrEqual(15 * MIN);
    // The other categories stay quiet; the comprehensive cold window is offered at some point.
    expect(steps.every((s) => s.result.warnings.every((w) => w.categoryId === "permit"))).toBe(true);
    expect(steps.some((s) => s.result.warnings.some((w) => w.helperWindowId === "w6"))).toBe(true);
  }, 60_000);
});
