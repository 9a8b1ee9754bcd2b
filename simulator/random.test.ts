// Unit tests of the seeded PRNG: determinism and the shape of each distribution.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng, hashSeed } from "./random.js";

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
function sd(xs: number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
}
function draw(n: number, f: () => number): number[] {
  return Array.from({ length: n }, f);
}

describe("Rng", () => {
  it("gives the same sequence for the same seed and another for another seed", () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const sa = draw(100, () => a.uint32());
    expect(draw(100, () => b.uint32())).toEqual(sa);
    expect(draw(100, () => c.uint32())).not.toEqual(sa);
  });

  it("is deterministic across every method for any seed", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const run = (r: Rng) => [r.next(), r.normal(), r.lognormal(300, 0.5), r.poisson(4), r.poisson(80), r.exponential(10), r.hex(12), r.pick(["a", "b", "c"]), r.int(1, 6)];
        expect(run(new Rng(seed))).toEqual(run(new Rng(seed)));
      }),
      { numRuns: 200 },
    );
  });

  it("keeps next() in [0, 1) and int() within its inclusive bounds", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 20 }), (seed, lo, span) => {
        const r = new Rng(seed);
        for (let i = 0; i < 50; i++) {
          const x = r.next();
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
          const k = r.int(lo, lo + span);
          expect(k).toBeGreaterThanOrEqual(lo);
          expect(k).toBeLessThanOrEqual(lo + span);
          expect(Number.isInteger(k)).toBe(true);
        }
      }),
    );
  });

  it("draws uniform, exponential and normal values with the right moments", () => {
    const r = new Rng(1);
    const u = draw(20_000, () => r.uniform(2, 4));
    expect(mean(u)).toBeCloseTo(3, 1);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(2);
    const e = draw(20_000, () => r.exponential(10));
    expect(mean(e)).toBeGreaterThan(9.6);
    expect(mean(e)).toBeLessThan(10.4);
    const n = draw(20_000, () => r.normal(5, 2));
    expect(mean(n)).toBeCloseTo(5, 1);
    expect(sd(n)).toBeGreaterThan(1.95);
    expect(sd(n)).toBeLessThan(2.05);
  });

  it("parametrises the lognormal by its mean and coefficient of variation", () => {
    const r = new Rng(2);
    const x = draw(40_000, () => r.lognormal(600, 0.5));
    expect(mean(x)).toBeGreaterThan(585);
    expect(mean(x)).toBeLessThan(615);
    expect(sd(x) / mean(x)).toBeGreaterThan(0.46);
    expect(sd(x) / mean(x)).toBeLessThan(0.54);
    expect(Math.min(...x)).toBeGreaterThan(0);
    expect(r.lognormal(300, 0)).toBe(300);
  });

  it("draws Poisson counts with mean ≈ variance ≈ lambda, small and large", () => {
    const r = new Rng(3);
    for (const lambda of [0.2, 3, 25, 40, 400]) {
      const x = draw(20_000, () => r.poisson(lambda));
      expect(x.every((k) => Number.isInteger(k) && k >= 0)).toBe(true);
      expect(Math.abs(mean(x) - lambda)).toBeLessThan(0.05 * lambda + 0.02);
      expect(Math.abs(sd(x) ** 2 - lambda)).toBeLessThan(0.1 * lambda + 0.05);
    }
    expect(r.poisson(0)).toBe(0);
  });

  it("picks by weight", () => {
    const r = new Rng(4);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 30_000; i++) counts[r.weightedPick(["a", "b", "c"] as const, [1, 0, 3])]++;
    expect(counts.b).toBe(0);
    expect(counts.c / counts.a).toBeGreaterThan(2.8);
    expect(counts.c / counts.a).toBeLessThan(3.2);
    expect(() => r.weightedIndex([0, 0])).toThrow();
  });

  it("samples distinct items and makes hex strings", () => {
    const r = new Rng(5);
    const s = r.sample([1, 2, 3, 4, 5], 3);
    expect(new Set(s).size).toBe(3);
    expect(r.hex(12)).toMatch(/^[0-9a-f]{12}$/);
  });

  it("hashes seeds stably and distinguishes parts", () => {
    expect(hashSeed(1, "demo-county", "2026-11-24")).toBe(hashSeed(1, "demo-county", "2026-11-24"));
    expect(hashSeed(1, "demo-county", "2026-11-24")).not.toBe(hashSeed(1, "demo-county", "2026-11-25"));
    expect(hashSeed("1")).not.toBe(hashSeed(1));
    expect(hashSeed(1, 2)).toBeGreaterThanOrEqual(0);
  });
});
