// The required test, on a hand-planted surge: a steady hall whose arrivals of one category
// jump at 10:00 is warned at least 15 minutes before the wait target breaks, names the cold window that
// could help, and the same hall without the surge raises no warning all day.
import { describe, expect, it } from "vitest";
import { addDays } from "../../../simulator/local-time.js";
import { hallConfig } from "../test-fixtures.js";
import { buildArrivalProfile } from "./arrival-profile.js";
import { every, fifoDayEvents } from "./fifo-day.js";
import { dayStartOf, firstBreach, historyRows, MIN, replayDay } from "./sim-fixtures.js";

const hall = hallConfig({ categories: ["c1", "c2"], windows: [{ id: "w1", categories: ["c1"] }, { id: "w2", categories: ["c1"] }, { id: "w3", categories: ["c2"] }], waitMinutes: 20 });
const TODAY = "2025-03-10"; // a Monday
const at = (date: string, h: number, m = 0) => dayStartOf(date) + (h * 60 + m) * MIN;

function day(date: string, surge: boolean) {
  const c1 = surge
    ? [...every("c1", at(date, 8, 30), at(date, 10), 4 * MIN), ...every("c1", at(date, 10), at(date, 11), 1.5 * MIN), ...every("c1", at(date, 11), at(date, 17), 4 * MIN)]
    : every("c1", at(date, 8, 30), at(date, 17), 4 * MIN);
  const c2 = every("c2", at(date, 8, 40), at(date, 17), 30 * MIN);
  return fifoDayEvents({ hall, opens: at(date, 8, 30), closes: at(date, 17, 30), arrivals: [...c1, ...c2], serviceMs: 6 * MIN, prefix: date });
}

const history = [1, 2, 3, 4].map((k) => addDays(TODAY, -7 * k)).map((date) => ({ date, events: day(date, false) }));
const profile = buildArrivalProfile(historyRows(history, hall), ["c1", "c2"], hall.timezone);
const yesterday = day(addDays(TODAY, -1), false);

describe("early warning on a planted surge", () => {
  it("warns at least 15 minutes before the target breaks, naming the category, the time and a helper window", () => {
    const events = day(TODAY, true);
    const breach = firstBreach(events, TODAY, "c1", hall);
    expect(breach).not.toBeNull();
    const steps = replayDay(events, TODAY, profile, { hall, prior: yesterday, stepMinutes: 1, fromMinute: 8 * 60, toMinute: 12 * 60 });
    const first = steps.find((s) => s.result.warnings.some((w) => w.categoryId === "c1"));
    expect(first).toBeDefined();
    expect((breach as number) - (first?.now as number)).toBeGreaterThanOrEqual(15 * MIN);
    const w = first?.result.warnings.find((x) => x.categoryId === "c1");
    expect(w?.minutesAhead).toBeGreaterThan(0);
    expect(w?.predictedWaitMinutes).toBeGreaterThan(20);
    expect(w?.openWindows).toEqual(["w1", "w2"]);
    // The expected time is honest: not later than the real breach plus a few minutes.
    expect(Date.parse(w?.expectedBreachAt as string)).toBeLessThanOrEqual((breach as number) + 10 * MIN);
    // From the first warning to the breach the warning stays up (hysteresis: no flapping).
    for (const s of steps.filter((x) => x.now >= (first?.now as number) && x.now < (breach as number)))
      expect(s.result.categories.find((c) => c.categoryId === "c1")?.status).toBe("warning");
    expect(steps.some((s) => s.result.warnings.some((x) => x.helperWindowId === "w3"))).toBe(true);
    // No false alarm for the other category.
    expect(steps.every((s) => s.result.warnings.every((x) => x.categoryId === "c1"))).toBe(true);
  });

  it("raises no warning on the same day without the surge, stepping every 5 minutes", () => {
    const events = day(TODAY, false);
    expect(firstBreach(events, TODAY, "c1", hall)).toBeNull();
    const steps = replayDay(events, TODAY, profile, { hall, prior: yesterday, fromMinute: 0, toMinute: 24 * 60 - 5 });
    expect(steps.flatMap((s) => s.result.warnings)).toEqual([]);
  });
});
