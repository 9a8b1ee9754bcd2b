import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildArrivalProfile, DEFAULT_PRIOR_STRENGTH, priorStrength, PRIOR_STRENGTH_RANGE, type HistoryArrivalRow } from "./arrival-profile.js";
import { forecastArrivals, weightedSoFar } from "./arrival-model.js";
import { countQuantile, probit } from "./count-quantiles.js";
import { localClock, SLOT_MS } from "./local-clock.js";
import { openingSchedule } from "./opening-hours.js";

const TZ = "Asia/Shanghai";
const MIN = 60_000;
/** Local midnight of 2025-03-10 (a Monday) and the previous Mondays. */
const MONDAY = Date.UTC(2025, 2, 9, 16);
const mondays = (n: number) => Array.from({ length: n }, (_, k) => MONDAY - 7 * (k + 1) * 86_400_000);

/** `perSlot` arrivals of c1 in every slot from 08:00 to 17:00 of each given day. */
function rows(days: number[], perSlot: number | ((day: number) => number)): HistoryArrivalRow[] {
  return days.flatMap((d, i) => Array.from({ length: 36 }, (_, s) => ({ categoryId: "c1", bucket: d + 8 * 3_600_000 + s * SLOT_MS, arrivals: typeof perSlot === "number" ? perSlot : perSlot(i) })));
}
const today = (perSlot: number, untilSlot: number) => Array.from({ length: 96 }, (_, s) => (s >= 32 && s < untilSlot ? perSlot : 0));

describe("arrival profile", () => {
  it("averages each slot over the history days and keeps each day's total", () => {
    const p = buildArrivalProfile(rows(mondays(4), (i) => i + 1), ["c1", "c2"], TZ);
    expect(p.days).toBe(4);
    expect(p.categories.get("c1")?.mean[40]).toBe(2.5);
    expect(p.categories.get("c1")?.mean[10]).toBe(0);
    // Oldest day first: the fourth Monday back had 4 arrivals a slot.
    expect(p.categories.get("c1")?.dayTotals).toEqual([144, 108, 72, 36]);
    expect(p.categories.get("c2")?.dayTotals).toEqual([0, 0, 0, 0]);
  });

  it("measures the prior strength from the spread of daily totals beyond Poisson, within bounds", () => {
    expect(priorStrength([100, 100])).toBe(DEFAULT_PRIOR_STRENGTH);
    expect(priorStrength([100, 100, 100, 100])).toBe(PRIOR_STRENGTH_RANGE[1]);
    expect(priorStrength([10, 200, 40, 400])).toBe(PRIOR_STRENGTH_RANGE[0]);
    // Totals with a 41% spread: 1/m ≈ 0.167 − 1/100 → m ≈ 6.4.
    const m = priorStrength([50, 100, 150, 100]);
    expect(m).toBeGreaterThan(5);
    expect(m).toBeLessThan(10);
  });
});

describe("arrival forecast", () => {
  const profile = buildArrivalProfile(rows(mondays(6), 4), ["c1", "c2"], TZ);
  const at10 = localClock(MONDAY + 10 * 60 * MIN, TZ);
  const always = openingSchedule(undefined);

  it("says 'no history' instead of forecasting zeros for a new hall or a category never seen", () => {
    const empty = buildArrivalProfile([], ["c1"], TZ);
    expect(forecastArrivals(empty, "c1", today(4, 40), at10, always)).toEqual({ categoryId: "c1", status: "no-history" });
    expect(forecastArrivals(profile, "c2", today(4, 40), at10, always)).toEqual({ categoryId: "c2", status: "no-history" });
  });

  it("forecasts history's next hour when today runs like history, with a band around it", () => {
    const f = forecastArrivals(profile, "c1", today(4, 40), at10, always);
    if (f.status !== "ok") throw new Error("expected a forecast");
    expect(f.factor).toBeCloseTo(1, 10);
    expect(f.expected).toBeCloseTo(16, 6);
    expect(f.low).toBeLessThan(16);
    expect(f.high).toBeGreaterThan(16);
    expect(f.perMinute).toHaveLength(60);
  });

  it("scales with today's running count, shrunk toward history early in the day", () => {
    const busy = forecastArrivals(profile, "c1", today(8, 40), at10, always);
    const early = forecastArrivals(profile, "c1", today(8, 33), localClock(MONDAY + (8 * 60 + 15) * MIN, TZ), always);
    if (busy.status !== "ok" || early.status !== "ok") throw new Error("expected forecasts");
    expect(busy.factor).toBeGreaterThan(1.5);
    expect(busy.factor).toBeLessThan(2);
    expect(early.factor).toBeGreaterThan(1);
    expect(early.factor).toBeLessThan(busy.factor);
  });

  it("forecasts nothing while the hall is closed by its opening hours", () => {
    const hours = openingSchedule([{ weekday: 1, from: "08:00", to: "10:30" }]);
    const f = forecastArrivals(profile, "c1", today(4, 40), at10, hours);
    if (f.status !== "ok") throw new Error("expected a forecast");
    expect(f.expected).toBeCloseTo(8, 6);
    expect(f.perMinute.slice(30).every((r) => r === 0)).toBe(true);
    const closedDay = forecastArrivals(profile, "c1", today(4, 40), at10, openingSchedule([{ weekday: 2, from: "08:00", to: "17:00" }]));
    expect(closedDay.status === "ok" && closedDay.expected === 0 && closedDay.high === 0).toBe(true);
  });

  it("weights recent arrivals more: the same count late in the morning moves the factor more", () => {
    const p = profile.categories.get("c1");
    if (!p) throw new Error("profile");
    const late = Array.from({ length: 96 }, (_, s) => (s >= 36 && s < 40 ? 12 : 0));
    const early = Array.from({ length: 96 }, (_, s) => (s >= 32 && s < 36 ? 12 : 0));
    expect(weightedSoFar(p, late, 600, 90).today).toBeGreaterThan(weightedSoFar(p, early, 600, 90).today);
  });

  it("never forecasts fewer arrivals when more came today (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(20), { minLength: 8, maxLength: 8 }), fc.nat(7), fc.integer({ min: 1, max: 10 }), (counts, slot, extra) => {
        const base = Array.from({ length: 96 }, (_, s) => (s >= 32 && s < 40 ? (counts[s - 32] as number) : 0));
        const more = base.map((v, s) => (s === 32 + slot ? v + extra : v));
        const a = forecastArrivals(profile, "c1", base, at10, always);
        const b = forecastArrivals(profile, "c1", more, at10, always);
        return a.status === "ok" && b.status === "ok" && b.expected > a.expected && b.high >= a.high;
      }),
    );
  });
});

describe("count quantiles", () => {
  it("match Poisson quantiles when the variance is the mean", () => {
    // Poisson(10): P(N ≤ 5) = 0.067, P(N ≤ 6) = 0.130; P(N ≤ 13) = 0.864, P(N ≤ 14) = 0.917.
    expect(countQuantile(10, 10, 0.1)).toBe(6);
    expect(countQuantile(10, 10, 0.9)).toBe(14);
    expect(countQuantile(0, 0, 0.9)).toBe(0);
  });

  it("widen with overdispersion and stay ordered", () => {
    expect(countQuantile(10, 40, 0.9)).toBeGreaterThan(14);
    expect(countQuantile(10, 40, 0.1)).toBeLessThan(6);
    fc.assert(fc.property(fc.double({ min: 0.1, max: 500, noNaN: true }), fc.double({ min: 1, max: 5, noNaN: true }), (mean, disp) => countQuantile(mean, mean * disp, 0.1) <= countQuantile(mean, mean * disp, 0.9)));
  });

  it("falls back to the normal approximation for huge counts", () => {
    const q = countQuantile(5000, 5000, 0.9);
    expect(q).toBeGreaterThan(5080);
    expect(q).toBeLessThan(5100);
    expect(probit(0.9)).toBeCloseTo(1.2815516, 6);
    expect(probit(0.01)).toBeCloseTo(-2.3263479, 6);
  });
});
