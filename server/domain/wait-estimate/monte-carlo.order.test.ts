// The Monte Carlo takes the earliest free window from an ordered heap (free-order.ts) instead of scanning
// every window at every call: the same waits, draw for draw, as the scan it replaced, for any hall —
// shared windows, busy, paused and free starts, overtakers, pauses, pickups, ties and a short horizon.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simulateWaitsByScan } from "./monte-carlo.by-scan.test-support.js";
import { simulateWaits, type McInput, type McStart } from "./monte-carlo.js";

const MIN = 60_000;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
// Whole minutes, so that windows often come free at the same time (the tie rule is part of the order).
const lengths = (min: number) => fc.array(fc.integer({ min: 1, max: 20 }).map((m) => m * MIN), { minLength: min, maxLength: 6 }).map(sorted);

const inputArb = fc.integer({ min: 1, max: 4 }).chain((cats) =>
  fc.record({
    tickets: fc.array(fc.record({ cat: fc.integer({ min: 0, max: cats - 1 }), probe: fc.boolean() }), { maxLength: 30 }),
    windows: fc.array(
      fc.record({
        cats: fc.uniqueArray(fc.integer({ min: 0, max: cats - 1 }), { minLength: 0, maxLength: cats }),
        start: fc.oneof(
          fc.constant<McStart>({ kind: "free" }),
          fc.record({ kind: fc.constant("busy" as const), elapsedMs: fc.integer({ min: 0, max: 30 }).map((m) => m * MIN), cat: fc.option(fc.integer({ min: 0, max: cats - 1 }), { nil: null }) }),
          fc.record({ kind: fc.constant("paused" as const), elapsedMs: fc.integer({ min: 0, max: 30 }).map((m) => m * MIN) }),
        ),
      }),
      { maxLength: 12 },
    ),
    cycles: fc.array(lengths(1), { minLength: cats, maxLength: cats }),
    hallWide: lengths(1),
    pauses: lengths(0),
    pickups: lengths(0),
    pauseRate: fc.constantFrom(0, 1 / (60 * MIN), 1 / (10 * MIN)),
    jumpRates: fc.array(fc.constantFrom(0, 0, 1 / (15 * MIN), 1 / (3 * MIN)), { minLength: cats, maxLength: cats }),
    reps: fc.integer({ min: 1, max: 12 }),
    seed: fc.nat(),
    horizonMs: fc.constantFrom(30 * MIN, 3 * 60 * MIN, 12 * 60 * MIN),
  }),
);

describe("simulateWaits with the windows kept in order of their free time", () => {
  it("gives the very waits of the scan over every window", () => {
    fc.assert(
      fc.property(inputArb, (input: McInput) => {
        expect(Array.from(simulateWaits(input))).toEqual(Array.from(simulateWaitsByScan(input)));
      }),
      { numRuns: 600 },
    );
  });

  it("agrees on a busy hall's size: 30 windows sharing 6 categories, 150 waiting tickets", () => {
    const cats = 6;
    const input: McInput = {
      tickets: Array.from({ length: 150 }, (_, i) => ({ cat: (i * 7) % cats, probe: i % 37 === 0 })),
      windows: Array.from({ length: 30 }, (_, k) => ({
        cats: k % 5 === 0 ? [0, 1, 2, 3, 4, 5] : [k % cats],
        start: k % 4 === 0 ? { kind: "paused", elapsedMs: k * MIN } : k % 3 === 0 ? { kind: "free" } : { kind: "busy", elapsedMs: (k % 9) * MIN, cat: k % cats },
      })),
      cycles: Array.from({ length: cats }, (_, c) => sorted([3, 5, 8, 12, 20].map((m) => (m + c) * MIN))),
      hallWide: [6 * MIN, 9 * MIN],
      pauses: [5 * MIN, 15 * MIN, 40 * MIN],
      pickups: [0, MIN],
      pauseRate: 1 / (45 * MIN),
      jumpRates: Array.from({ length: cats }, (_, c) => (c % 2 === 0 ? 1 / (20 * MIN) : 0)),
      reps: 50,
      seed: 12345,
      horizonMs: 12 * 60 * MIN,
    };
    const waits = simulateWaits(input);
    expect(Array.from(waits)).toEqual(Array.from(simulateWaitsByScan(input)));
    expect(waits.filter(Number.isFinite).length).toBeGreaterThan(100 * 50); // most are called: a real run, not an empty one
  });
});
