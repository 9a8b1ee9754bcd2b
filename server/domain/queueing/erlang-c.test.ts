import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { erlangB, erlangC, meanWaitSeconds, serversNeeded, serviceLevel } from "./erlang-c.js";

describe("Erlang B and C", () => {
  it("match values computable by hand", () => {
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 12);
    expect(erlangB(3, 2)).toBeCloseTo(4 / 19, 12); // B = (A^c/c!) / Σ A^k/k! = (8/6) / (1 + 2 + 2 + 8/6)
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 12); // M/M/1: P(wait) = ρ
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12);
  });

  it("match published values and the closed form with factorials", () => {
    // The Wolfram Language reference for ErlangC gives ErlangC[3, 2] = 4/9 as its basic example.
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 14);
    // The textbook closed form C = (A^c/c!)(c/(c−A)) / (Σ_{k<c} A^k/k! + (A^c/c!)(c/(c−A))), evaluated
    // independently with exact factorials (Python): A = 10 Erlangs on 11 and 15 servers, and Erlang B.
    expect(erlangC(11, 10)).toBeCloseTo(0.6821182046893324, 12);
    expect(erlangC(15, 10)).toBeCloseTo(0.10204236700798801, 12);
    expect(erlangB(15, 10)).toBeCloseTo(0.0364969454723708, 12);
  });

  it("stays finite and ordered for hundreds of servers", () => {
    const c = erlangC(200, 190);
    expect(Number.isFinite(c)).toBe(true);
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(1);
    expect(erlangC(1000, 900)).toBeLessThan(erlangC(1000, 990));
  });

  it("is 1 when the load reaches the servers and 0 without load", () => {
    expect(erlangC(5, 5)).toBe(1);
    expect(erlangC(5, 7)).toBe(1);
    expect(erlangC(5, 0)).toBe(0);
  });

  it("falls as servers are added (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 150, noNaN: true }), fc.integer({ min: 1, max: 60 }), (a, extra) => {
        const c = Math.floor(a) + extra;
        expect(erlangC(c + 1, a)).toBeLessThanOrEqual(erlangC(c, a) + 1e-12);
      }),
      { numRuns: 300 },
    );
  });
});

describe("service level, mean wait and servers needed", () => {
  // 20 arrivals an hour, 6 minutes each: A = 2 Erlangs.
  const q = { arrivalRate: 20 / 3600, meanServiceSeconds: 360 };

  it("computes the M/M/c service level and mean wait", () => {
    // c = 3: P(wait) = 4/9; P(wait ≤ t) = 1 − 4/9 · e^{−(3−2)·t/360}.
    expect(serviceLevel(3, q, 360)).toBeCloseTo(1 - (4 / 9) * Math.exp(-1), 12);
    expect(meanWaitSeconds(3, q)).toBeCloseTo(((4 / 9) * 360) / 1, 9);
    expect(serviceLevel(2, q, 600)).toBe(0);
    expect(meanWaitSeconds(2, q)).toBe(Infinity);
  });

  it("finds the fewest windows for 80% called within the target", () => {
    // c = 3 gives 1 − 4/9·e^{−600/360} ≈ 0.916 ≥ 0.8 within 10 minutes; c = 2 is unstable.
    expect(serversNeeded(q, 600, 0.8)).toBe(3);
    // Within 1 minute: c = 3 gives 1 − 4/9·e^{−1/6} ≈ 0.624; c = 4: C(4,2) = 4/23, 1 − 4/23·e^{−2/6} ≈ 0.875.
    expect(serversNeeded(q, 60, 0.8)).toBe(4);
    expect(serversNeeded({ arrivalRate: 0, meanServiceSeconds: 300 }, 600, 0.8)).toBe(0);
  });

  it("needs at least as many windows for a stricter target (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 300, noNaN: true }), fc.double({ min: 60, max: 3600, noNaN: true }), (perHour, handle) => {
        const load = { arrivalRate: perHour / 3600, meanServiceSeconds: handle };
        expect(serversNeeded(load, 300, 0.9)).toBeGreaterThanOrEqual(serversNeeded(load, 300, 0.8));
        expect(serversNeeded(load, 120, 0.8)).toBeGreaterThanOrEqual(serversNeeded(load, 600, 0.8));
      }),
      { numRuns: 200 },
    );
  });
});
