import { describe, expect, it } from "vitest";
import { simulateWaits, waitQuantiles, type McInput } from "./monte-carlo.js";

const MIN = 60_000;
const base: McInput = {
  tickets: [],
  windows: [],
  cycles: [[5 * MIN], [5 * MIN]],
  hallWide: [5 * MIN],
  pauses: [],
  pickups: [],
  pauseRate: 0,
  jumpRates: [0, 0],
  reps: 20,
  seed: 7,
  horizonMs: 12 * 60 * MIN,
};
const medians = (input: McInput) => waitQuantiles(simulateWaits(input), input.reps, [0.5]).map(([m]) => (m === null || m === undefined ? null : m / MIN));

describe("simulateWaits", () => {
  it("calls a queue in order, a cycle apart, from a busy window's remaining cycle", () => {
    const input = { ...base, tickets: [0, 0, 0].map((cat) => ({ cat, probe: false })), windows: [{ cats: [0], start: { kind: "busy" as const, elapsedMs: 2 * MIN, cat: 0 } }] };
    expect(medians(input)).toEqual([3, 8, 13]);
  });

  it("lets a shared window take its categories in the hall's call order", () => {
    const tickets = [1, 0, 1].map((cat) => ({ cat, probe: false }));
    expect(medians({ ...base, tickets, windows: [{ cats: [0, 1], start: { kind: "free" } }] })).toEqual([0, 5, 10]);
  });

  it("records a probe's call without spending window time on it", () => {
    const tickets = [{ cat: 0, probe: true }, { cat: 1, probe: false }, { cat: 1, probe: false }];
    expect(medians({ ...base, tickets, windows: [{ cats: [0, 1], start: { kind: "free" } }] })).toEqual([0, 0, 5]);
  });

  it("never calls from a window paused longer than any pause seen, nor a category without a window", () => {
    const tickets = [{ cat: 0, probe: false }, { cat: 1, probe: false }];
    expect(medians({ ...base, tickets, windows: [{ cats: [0], start: { kind: "paused", elapsedMs: 30 * MIN } }], pauses: [10 * MIN] })).toEqual([null, null]);
    expect(medians({ ...base, tickets, windows: [{ cats: [0], start: { kind: "paused", elapsedMs: 4 * MIN } }], pauses: [10 * MIN] })).toEqual([6, null]);
  });

  it("delays the queue by the tickets expected to overtake it", () => {
    const tickets = Array.from({ length: 6 }, () => ({ cat: 0, probe: false }));
    const windows = [{ cats: [0], start: { kind: "free" as const } }];
    const plain = medians({ ...base, tickets, windows, reps: 200 });
    const overtaken = medians({ ...base, tickets, windows, reps: 200, jumpRates: [1 / (10 * MIN), 0] });
    expect((overtaken.at(-1) as number) > (plain.at(-1) as number)).toBe(true);
  });

  it("is reproducible for a seed", () => {
    const input = { ...base, cycles: [[2 * MIN, 5 * MIN, 9 * MIN], [4 * MIN]], tickets: [0, 0, 0, 0].map((cat) => ({ cat, probe: false })), windows: [{ cats: [0], start: { kind: "free" as const } }] };
    expect(simulateWaits(input)).toEqual(simulateWaits(input));
    expect(simulateWaits(input)).not.toEqual(simulateWaits({ ...input, seed: 8 }));
  });
});
