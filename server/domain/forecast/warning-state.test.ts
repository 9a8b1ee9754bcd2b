import { describe, expect, it } from "vitest";
import { nextMemory, type Assessment, type CategoryMemory } from "./warning-state.js";

const MIN = 60_000;
const calm: Assessment = { breachedNow: false, breachAt: null, pressure: 0.5 };
const close: Assessment = { breachedNow: false, breachAt: null, pressure: 0.9 };
const warn = (at: number): Assessment => ({ breachedNow: false, breachAt: at, pressure: 1.3 });
const breached: Assessment = { breachedNow: true, breachAt: null, pressure: 1.5 };

/** Runs assessments one minute apart and returns the statuses. */
function statuses(seq: Assessment[]): string[] {
  let m: CategoryMemory | undefined;
  return seq.map((a, i) => (m = nextMemory(m, a, i * MIN)).status);
}

describe("warning hysteresis", () => {
  it("raises at once when a breach is projected, and starts clear otherwise", () => {
    expect(statuses([calm, warn(20 * MIN)])).toEqual(["clear", "warning"]);
  });

  it("holds the warning while the projection stays near the target, then clears after 5 calm minutes", () => {
    const seq = [warn(30 * MIN), close, close, calm, calm, calm, calm, calm, calm];
    expect(statuses(seq)).toEqual(["warning", "warning", "warning", "warning", "warning", "warning", "warning", "warning", "clear"]);
  });

  it("does not flap when the projection wobbles around the target", () => {
    const wobble = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? warn(40 * MIN) : close));
    expect(new Set(statuses(wobble))).toEqual(new Set(["warning"]));
  });

  it("restarts the calm period when a breach is projected again", () => {
    const seq = [warn(30 * MIN), calm, calm, calm, warn(30 * MIN), calm, calm, calm, calm, calm];
    expect(statuses(seq).at(-1)).toBe("warning");
  });

  it("turns into breached when the target breaks, and starts over when nobody waits past it", () => {
    expect(statuses([warn(2 * MIN), breached, breached, calm])).toEqual(["warning", "breached", "breached", "clear"]);
    expect(statuses([breached, warn(10 * MIN)])).toEqual(["breached", "warning"]);
  });

  it("keeps the status's start and remembers the last projected breach time", () => {
    const a = nextMemory(undefined, warn(30 * MIN), 0);
    const b = nextMemory(a, warn(25 * MIN), MIN);
    expect(b).toEqual({ status: "warning", since: 0, lastBreachAt: 25 * MIN, calmSince: null });
    expect(nextMemory(b, calm, 2 * MIN)).toEqual({ ...b, calmSince: 2 * MIN });
  });
});
