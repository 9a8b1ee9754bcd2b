// The probes' send schedule: one a second, at offsets spread evenly over the 250 ms flush cycle.
import { describe, expect, it } from "vitest";
import { PROBE_CYCLE_MS, PROBE_SPREAD_SECOND_MS, probeDueMs, probeOffsetMs } from "./probe-schedule.js";

describe("probe schedule", () => {
  it("keeps one probe a second, each offset within the cycle", () => {
    for (let i = 0; i < 200; i++) {
      expect(probeOffsetMs(i)).toBeGreaterThanOrEqual(0);
      expect(probeOffsetMs(i)).toBeLessThan(PROBE_CYCLE_MS);
      expect(probeDueMs(5_000, i) - (5_000 + i * 1000)).toBeCloseTo(probeOffsetMs(i), 6);
    }
  });

  it("spreads 90 probes evenly over the phases of the flush cycle (every tenth of it holds 7–11)", () => {
    const counts = Array.from({ length: 10 }, () => 0);
    for (let i = 0; i < 90; i++) counts[Math.floor(probeOffsetMs(i) / (PROBE_CYCLE_MS / 10))]! += 1;
    for (const c of counts) {
      expect(c).toBeGreaterThanOrEqual(7);
      expect(c).toBeLessThanOrEqual(11);
    }
  });

  it("spreads the phases of any 20 consecutive probes too (no long run in one part of the cycle)", () => {
    for (let start = 0; start < 70; start++) {
      const halves = [0, 0];
      for (let i = start; i < start + 20; i++) halves[probeOffsetMs(i) < PROBE_CYCLE_MS / 2 ? 0 : 1]! += 1;
      expect(Math.min(...halves)).toBeGreaterThanOrEqual(8);
    }
  });

  it("spread over a whole second, covers both a 2 s cycle (the overview's pushes) and the 250 ms flush cycle", () => {
    const due = Array.from({ length: 60 }, (_, i) => probeDueMs(0, i, PROBE_SPREAD_SECOND_MS));
    due.forEach((t, i) => {
      expect(t).toBeGreaterThanOrEqual(i * 1000);
      expect(t).toBeLessThan((i + 1) * 1000);
    });
    const tenths = (cycle: number) => {
      const counts = Array.from({ length: 10 }, () => 0);
      for (const t of due) counts[Math.floor((t % cycle) / (cycle / 10))]! += 1;
      return counts;
    };
    for (const cycle of [2000, PROBE_CYCLE_MS]) {
      const counts = tenths(cycle);
      expect(Math.min(...counts), `cycle ${cycle}: ${counts.join(",")}`).toBeGreaterThanOrEqual(3);
      expect(Math.max(...counts), `cycle ${cycle}: ${counts.join(",")}`).toBeLessThanOrEqual(9);
    }
  });
});
