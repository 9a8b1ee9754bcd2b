import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { coefficientOfVariation, ELIGIBLE_OPEN_MS, imbalanceOf, isEligible, judgeWindow, type WindowJudgement } from "./imbalance.js";

const MIN = 60_000;
const th = { hotUtilization: 0.85, coldUtilization: 0.35 };
const w = (windowId: string, utilization: number, extra: Partial<WindowJudgement> = {}): WindowJudgement => ({
  windowId,
  eligible: true,
  utilization,
  categoryOverTarget: false,
  categoryHasWaiting: false,
  ...extra,
});

describe("isEligible", () => {
  it("needs 10 minutes open in an interval of at least 10 minutes", () => {
    expect(ELIGIBLE_OPEN_MS).toBe(10 * MIN);
    expect(isEligible(10 * MIN, 60 * MIN)).toBe(true);
    expect(isEligible(60 * MIN, 60 * MIN)).toBe(true);
    expect(isEligible(10 * MIN - 1, 60 * MIN)).toBe(false);
    expect(isEligible(10 * MIN, 10 * MIN)).toBe(true);
    expect(isEligible(10 * MIN - 1, 10 * MIN)).toBe(false);
  });

  it("needs all of an interval shorter than 10 minutes", () => {
    expect(isEligible(5 * MIN, 5 * MIN)).toBe(true);
    expect(isEligible(5 * MIN - 1, 5 * MIN)).toBe(false);
    expect(isEligible(1, 1)).toBe(true);
  });

  it("never makes a window eligible with zero open time", () => {
    expect(isEligible(0, 0)).toBe(false);
    expect(isEligible(0, 60 * MIN)).toBe(false);
    expect(isEligible(0, 5 * MIN)).toBe(false);
  });
});

describe("coefficientOfVariation", () => {
  it("is 0 for no values and for a zero mean", () => {
    expect(coefficientOfVariation([])).toBe(0);
    expect(coefficientOfVariation([0, 0, 0])).toBe(0);
  });

  it("is 0 for equal values", () => {
    expect(coefficientOfVariation([0.5, 0.5])).toBe(0);
    expect(coefficientOfVariation([0.7])).toBe(0);
  });

  it("uses the population standard deviation", () => {
    // mean 0.75, deviations ±0.25 → σ = 0.25 → cv = 1/3 (the sample σ would give √2/3).
    expect(coefficientOfVariation([0.5, 1.0])).toBeCloseTo(1 / 3, 12);
    // mean 0.5, σ 0.5 → 1.
    expect(coefficientOfVariation([1, 0])).toBeCloseTo(1, 12);
    // mean 0.4, variance (0.04 + 0 + 0.04) / 3 → σ = √(0.08/3) → cv = 1/√6.
    expect(coefficientOfVariation([0.2, 0.4, 0.6])).toBeCloseTo(1 / Math.sqrt(6), 12);
    // One busy window among three idle: mean 1/4, σ = √3/4 → cv = √3.
    expect(coefficientOfVariation([1, 0, 0, 0])).toBeCloseTo(Math.sqrt(3), 12);
  });

  it("allows utilization above 1", () => {
    // mean 1, σ = 0.5.
    expect(coefficientOfVariation([1.5, 0.5])).toBeCloseTo(0.5, 12);
  });

  it("is non-negative and invariant to scaling and order (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 100 }),
        (hundredths, k10) => {
          const values = hundredths.map((h) => h / 100);
          const k = k10 / 10;
          const cv = coefficientOfVariation(values);
          expect(cv).toBeGreaterThanOrEqual(0);
          expect(coefficientOfVariation(values.map((v) => v * k))).toBeCloseTo(cv, 6);
          expect(coefficientOfVariation([...values].reverse())).toBeCloseTo(cv, 9);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("judgeWindow", () => {
  it("judges an ineligible window neither hot nor cold", () => {
    expect(judgeWindow(w("w1", 1, { eligible: false }), th, false)).toEqual({ hot: false, cold: false });
    expect(judgeWindow(w("w1", 0, { eligible: false }), th, true)).toEqual({ hot: false, cold: false });
    expect(judgeWindow(w("w1", 0.5, { eligible: false, categoryOverTarget: true, categoryHasWaiting: true }), th, true)).toEqual({
      hot: false,
      cold: false,
    });
  });

  it("is hot at utilization ≥ hotUtilization (inclusive)", () => {
    expect(judgeWindow(w("w1", 0.85), th, false)).toEqual({ hot: true, cold: false });
    expect(judgeWindow(w("w1", 1.2), th, false)).toEqual({ hot: true, cold: false });
    expect(judgeWindow(w("w1", 0.8499), th, false)).toEqual({ hot: false, cold: false });
  });

  it("is cold at utilization ≤ coldUtilization (inclusive)", () => {
    expect(judgeWindow(w("w1", 0.35), th, false)).toEqual({ hot: false, cold: true });
    expect(judgeWindow(w("w1", 0), th, false)).toEqual({ hot: false, cold: true });
    expect(judgeWindow(w("w1", 0.3501), th, false)).toEqual({ hot: false, cold: false });
  });

  it("is hot by an over-target wait only in the live view", () => {
    const waiting = w("w1", 0.5, { categoryOverTarget: true, categoryHasWaiting: true });
    expect(judgeWindow(waiting, th, true)).toEqual({ hot: true, cold: false });
    expect(judgeWindow(waiting, th, false)).toEqual({ hot: false, cold: false });
  });

  it("is not cold in the live view while one of its categories has a waiting ticket", () => {
    const idleWithQueue = w("w1", 0.1, { categoryHasWaiting: true });
    expect(judgeWindow(idleWithQueue, th, true)).toEqual({ hot: false, cold: false });
    expect(judgeWindow(idleWithQueue, th, false)).toEqual({ hot: false, cold: true });
  });

  it("makes an idle window with an over-target queue hot, not cold, in the live view", () => {
    const idleOver = w("w1", 0.1, { categoryOverTarget: true, categoryHasWaiting: true });
    expect(judgeWindow(idleOver, th, true)).toEqual({ hot: true, cold: false });
    expect(judgeWindow(idleOver, th, false)).toEqual({ hot: false, cold: true });
  });

  it("uses the given thresholds", () => {
    const custom = { hotUtilization: 0.6, coldUtilization: 0.5 };
    expect(judgeWindow(w("w1", 0.6), custom, false)).toEqual({ hot: true, cold: false });
    expect(judgeWindow(w("w1", 0.5), custom, false)).toEqual({ hot: false, cold: true });
    expect(judgeWindow(w("w1", 0.55), custom, false)).toEqual({ hot: false, cold: false });
  });
});

describe("imbalanceOf", () => {
  it("is all zero/empty with no windows", () => {
    expect(imbalanceOf([], th, true)).toEqual({ cv: 0, hot: [], cold: [], imbalanced: false });
  });

  it("lists hot and cold windows in the given order and flags their coexistence", () => {
    const r = imbalanceOf([w("w3", 0.1), w("w1", 0.9), w("w2", 0.5), w("w4", 0.95), w("w5", 0.2)], th, false);
    expect(r.hot).toEqual(["w1", "w4"]);
    expect(r.cold).toEqual(["w3", "w5"]);
    expect(r.imbalanced).toBe(true);
    // mean 2.65 / 5 = 0.53; deviations −0.43, 0.37, −0.03, 0.42, −0.33; squares sum to 0.608
    // → variance 0.1216 → cv = √0.1216 / 0.53 ≈ 0.65795.
    expect(r.cv).toBeCloseTo(Math.sqrt(0.1216) / 0.53, 12);
  });

  it("is not imbalanced with only hot or only cold windows", () => {
    expect(imbalanceOf([w("w1", 0.9), w("w2", 0.5)], th, false)).toMatchObject({ hot: ["w1"], cold: [], imbalanced: false });
    expect(imbalanceOf([w("w1", 0.1), w("w2", 0.5)], th, false)).toMatchObject({ hot: [], cold: ["w1"], imbalanced: false });
  });

  it("leaves ineligible windows out of the lists and out of cv", () => {
    const r = imbalanceOf([w("w1", 0.5), w("w2", 1.0), w("w3", 0, { eligible: false }), w("w4", 2, { eligible: false })], th, false);
    expect(r.cv).toBeCloseTo(1 / 3, 12);
    expect(r.hot).toEqual(["w2"]);
    expect(r.cold).toEqual([]);
    expect(r.imbalanced).toBe(false);
  });

  it("has cv 0 when every eligible window is idle", () => {
    expect(imbalanceOf([w("w1", 0), w("w2", 0)], th, false)).toEqual({ cv: 0, hot: [], cold: ["w1", "w2"], imbalanced: false });
  });

  it("uses the live-only rules in the live view", () => {
    const ws = [w("w1", 0.5, { categoryOverTarget: true, categoryHasWaiting: true }), w("w2", 0.1), w("w3", 0.1, { categoryHasWaiting: true })];
    expect(imbalanceOf(ws, th, true)).toMatchObject({ hot: ["w1"], cold: ["w2"], imbalanced: true });
    expect(imbalanceOf(ws, th, false)).toMatchObject({ hot: [], cold: ["w2", "w3"], imbalanced: false });
  });
});
