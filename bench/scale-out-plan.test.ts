import { describe, expect, it } from "vitest";
import { hallDayRates, perNode, provinceLoad, roundRobin, summarizeByNode } from "./scale-out-plan.js";

describe("scale-out plan", () => {
  it("spreads clients round-robin, counts differing by at most one", () => {
    expect(roundRobin(7, 3)).toEqual([0, 1, 2, 0, 1, 2, 0]);
    expect(roundRobin(4, 1)).toEqual([0, 0, 0, 0]);
    expect(roundRobin(0, 2)).toEqual([]);
    expect(perNode(500, 3)).toEqual([167, 167, 166]);
    expect(perNode(16, 2)).toEqual([8, 8]);
    expect(() => roundRobin(3, 0)).toThrow();
  });

  it("summarizes the merged samples, not a mean of per-node percentiles", () => {
    // Node 0: 100 fast samples; node 1: 100 slow ones. The merged p99 is a slow sample, the local p99 a fast one.
    const samples = [
      ...Array.from({ length: 100 }, (_, i) => ({ node: 0, ms: 10 + i * 0.1 })),
      ...Array.from({ length: 100 }, (_, i) => ({ node: 1, ms: 300 + i })),
    ];
    const g = summarizeByNode(samples, 2);
    expect(g.all.n).toBe(200);
    expect(g.all.p99).toBe(397);
    expect(g.all.p50).toBeCloseTo(19.9);
    expect(g.local.max).toBeCloseTo(19.9);
    expect(g.remote.p50).toBe(349);
    expect(g.byNode.map((s) => s.n)).toEqual([100, 100]);
  });

  it("has no remote group with one node, and refuses a sample of an unknown node", () => {
    const g = summarizeByNode([{ node: 0, ms: 5 }], 1);
    expect(g.remote.n).toBe(0);
    expect(g.local.p99).toBe(5);
    expect(() => summarizeByNode([{ node: 2, ms: 5 }], 2)).toThrow();
  });

  it("computes a hall day's rates from its timestamps", () => {
    const h = 3_600_000;
    // 2 windows; 10 events in hour 0 (all in its first minute), 2 in hour 1, the day spans 2 hours.
    const ts = [...Array.from({ length: 10 }, (_, i) => i * 1000), 1.5 * h, 2 * h - 1];
    const r = hallDayRates(ts, 2);
    expect(r.events).toBe(12);
    expect(r.peakHourEvents).toBe(10);
    expect(r.peakMinuteEvents).toBe(10);
    expect(r.perWindowHourPeak).toBe(5);
    expect(r.spanHours).toBeCloseTo(2, 5);
    expect(r.perWindowHourMean).toBeCloseTo(3, 5);
    expect(hallDayRates([], 3).events).toBe(0);
  });

  it("estimates a province's load", () => {
    const p = provinceLoad({ halls: 60, windowsPerHall: 30, eventsPerWindowHour: 36, displaysPerHall: 20 });
    expect(p.windows).toBe(1800);
    expect(p.displays).toBe(1200);
    expect(p.eventsPerSecondPerHall).toBeCloseTo(0.3);
    expect(p.eventsPerSecond).toBeCloseTo(18);
    // 0.3 events/s per hall is below one flush per 250 ms: at most 0.3 updates/s per display.
    expect(p.displayUpdatesPerSecond).toBeCloseTo(360);
    // A hall busier than 4 events/s is capped by the coalescing.
    expect(provinceLoad({ halls: 1, windowsPerHall: 1, eventsPerWindowHour: 36_000, displaysPerHall: 10 }).displayUpdatesPerSecond).toBe(40);
  });
});
