import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  busiestHourStart,
  dayPrefixes,
  deviceNode,
  displayNodes,
  displayPlacement,
  expectedEndStates,
  groupLocalCross,
  hallIds,
  hallPhase,
  heavyFactor,
  historyDates,
  provinceZone,
  matchProbes,
  memoryPerHall,
  owedEvents,
  preloadShape,
  probeAt,
  probePairs,
  provinceHalls,
  provinceNodeCounts,
  thirdsGrowth,
  wrongAtEnd,
  type SentProbe,
} from "./province-plan.js";

describe("province plan: settings", () => {
  it("reads the hall count, node counts and heavy factor from the environment, refusing nonsense", () => {
    expect(provinceHalls(undefined, false)).toBe(60);
    expect(provinceHalls(undefined, true)).toBe(12);
    expect(provinceHalls(" 30 ", true)).toBe(30);
    expect(() => provinceHalls("0", false)).toThrow();
    expect(() => provinceHalls("2.5", false)).toThrow();
    expect(provinceNodeCounts(undefined)).toEqual([1, 2]);
    expect(provinceNodeCounts("2, 3")).toEqual([2, 3]);
    expect(() => provinceNodeCounts("1,x")).toThrow();
    expect(() => provinceNodeCounts("9")).toThrow();
    expect(heavyFactor(undefined)).toBe(10);
    expect(heavyFactor("0")).toBe(0);
    expect(() => heavyFactor("-1")).toThrow();
  });

  it("names halls prov-01 … with ids that sort as they are numbered, and distinct prefixes per hall and day", () => {
    expect(hallIds(3)).toEqual(["prov-01", "prov-02", "prov-03"]);
    const many = hallIds(120);
    expect(many[0]).toBe("prov-001");
    expect(many.at(-1)).toBe("prov-120");
    expect([...many].sort()).toEqual(many);
    expect(new Set(many).size).toBe(120);
    const a = dayPrefixes("prov-01", "2026-11-25");
    const b = dayPrefixes("prov-02", "2026-11-25");
    const c = dayPrefixes("prov-01", "2026-11-26");
    expect(new Set([a.ticketIdPrefix, b.ticketIdPrefix, c.ticketIdPrefix]).size).toBe(3);
    expect(a.idPrefix).not.toBe(b.idPrefix);
  });

  it("takes the three days of the last 48 hours in the hall's zone, not UTC's", () => {
    // 2026-11-25T20:00Z is already the 26th in Shanghai (UTC+8), still the 25th in UTC.
    const now = Date.parse("2026-11-25T20:00:00Z");
    expect(historyDates(now, "Asia/Shanghai")).toEqual({ dayBefore: "2026-11-24", yesterday: "2026-11-25", today: "2026-11-26" });
    expect(historyDates(now, "UTC")).toEqual({ dayBefore: "2026-11-23", yesterday: "2026-11-24", today: "2026-11-25" });
    expect(historyDates(Date.parse("2026-03-01T12:00:00Z"), "UTC")).toMatchObject({ dayBefore: "2026-02-27", yesterday: "2026-02-28" });
  });

  it("places the halls in a fixed-offset zone where the run starts in their 15:00 hour, whatever the hour in UTC", () => {
    for (let h = 0; h < 24; h++) {
      const now = Date.parse(`2026-11-27T${String(h).padStart(2, "0")}:20:00Z`);
      const zone = provinceZone(now);
      expect(zone).toMatch(/^Etc\/GMT([+-]\d{1,2})?$/);
      const hour = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", hourCycle: "h23" }).format(now);
      expect(hour).toBe("15");
    }
    expect(provinceZone(Date.parse("2026-11-27T07:00:00Z"))).toBe("Etc/GMT-8");
    expect(provinceZone(Date.parse("2026-11-27T17:20:00Z"))).toBe("Etc/GMT+2");
    expect(provinceZone(Date.parse("2026-11-27T15:00:00Z"))).toBe("Etc/GMT");
  });

  it("shares about 64 batches in flight over one device socket per hall", () => {
    expect(preloadShape(16)).toEqual({ devices: 16, inFlight: 4, batchSize: 100 });
    expect(preloadShape(60).inFlight).toBe(1);
    expect(preloadShape(12).inFlight).toBe(5);
    expect(preloadShape(500).inFlight).toBe(1);
    expect(() => preloadShape(0)).toThrow();
  });
});

describe("province plan: nodes", () => {
  it("puts a hall's displays all on one node with the placement by hall, halls spread evenly over the nodes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 8 }), (halls, perHall, nodes) => {
        const perNode = Array.from({ length: nodes }, () => 0);
        for (let h = 0; h < halls; h++) {
          const ds = displayNodes(h, perHall, nodes, "hall");
          const node = Math.floor(h / nodes) % nodes;
          expect(new Set(ds)).toEqual(new Set([node]));
          perNode[node] = (perNode[node] ?? 0) + ds.length;
        }
        // Blocks of `nodes` halls per node: only the last, partial round of blocks tilts the totals.
        expect(Math.max(...perNode) - Math.min(...perNode)).toBeLessThanOrEqual(perHall * nodes);
      }),
    );
    // With more than one node, every phase's probes (one round of the halls) reach displays on their own
    // node and on another.
    for (const nodes of [2, 3])
      for (const round of [0, 1]) {
        const local = Array.from({ length: 60 }, (_, h) => probeAt(round * 60 + h, 60, nodes).node === (displayNodes(h, 1, nodes, "hall")[0] as number));
        expect(local.some(Boolean) && local.some((x) => !x)).toBe(true);
      }
    expect(displayPlacement(undefined)).toBe("hall");
    expect(displayPlacement(" spread ")).toBe("spread");
    expect(() => displayPlacement("round")).toThrow(/BENCH_PROVINCE_PLACEMENT/);
  });

  it("spreads halls' devices and displays evenly over the nodes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 8 }), (halls, perHall, nodes) => {
        const displays = Array.from({ length: nodes }, () => 0);
        const devices = Array.from({ length: nodes }, () => 0);
        for (let h = 0; h < halls; h++) {
          const ds = displayNodes(h, perHall, nodes);
          expect(ds).toHaveLength(perHall);
          // Every node index in range (one expect per hall, not per display: ~100 runs × 2,400 displays).
          expect(ds.filter((n) => !Number.isInteger(n) || n < 0 || n >= nodes)).toEqual([]);
          // Within a hall, round-robin: the hall's own counts differ by at most one too.
          const own = Array.from({ length: nodes }, () => 0);
          for (const n of ds) {
            own[n] = (own[n] ?? 0) + 1;
            displays[n] = (displays[n] ?? 0) + 1;
          }
          expect(Math.max(...own) - Math.min(...own)).toBeLessThanOrEqual(1);
          devices[deviceNode(h, nodes)] = (devices[deviceNode(h, nodes)] ?? 0) + 1;
        }
        expect(displays.reduce((a, b) => a + b, 0)).toBe(halls * perHall);
        expect(Math.max(...devices) - Math.min(...devices)).toBeLessThanOrEqual(1);
        // Each hall starts at its own index: every whole cycle of `nodes` halls gives each node the same
        // count, so only the last, partial cycle can tilt the totals.
        expect(Math.max(...displays) - Math.min(...displays)).toBeLessThanOrEqual(Math.min(halls % nodes, perHall % nodes));
      }),
    );
    // 20 displays over 3 nodes: 7+7+6 a hall, but 400/400/400 over 60 halls (not 420/420/360).
    const totals = [0, 0, 0];
    for (let h = 0; h < 60; h++) for (const n of displayNodes(h, 20, 3)) totals[n] = (totals[n] ?? 0) + 1;
    expect(totals).toEqual([400, 400, 400]);
  });

  it("probes the halls in turn, each hall alternating paused/open, on different nodes from round to round", () => {
    expect([0, 1, 2, 3].map((k) => probeAt(k, 2, 2))).toEqual([
      { hall: 0, node: 0, round: 0, state: "paused", type: "window.paused" },
      { hall: 1, node: 1, round: 0, state: "paused", type: "window.paused" },
      { hall: 0, node: 1, round: 1, state: "open", type: "window.resumed" },
      { hall: 1, node: 0, round: 1, state: "open", type: "window.resumed" },
    ]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 500 }), (halls, nodes, k) => {
        const p = probeAt(k, halls, nodes);
        expect(p.hall).toBe(k % halls);
        expect(p.node).toBeGreaterThanOrEqual(0);
        expect(p.node).toBeLessThan(nodes);
        // The hall's next probe has the other state, and (with several nodes) goes to another node.
        const next = probeAt(k + halls, halls, nodes);
        expect(next.hall).toBe(p.hall);
        expect(next.state).not.toBe(p.state);
        if (nodes > 1) expect(next.node).not.toBe(p.node);
        // Consecutive probes go to different nodes within a round, so the nodes take turns.
        if (nodes > 1 && (k + 1) % halls !== 0) expect(probeAt(k + 1, halls, nodes).node).not.toBe(p.node);
      }),
    );
  });

  it("lists each probe socket (hall, node) once, and every pair a probe uses", () => {
    const pairs = probePairs(0, 60, 60, 2);
    expect(pairs).toHaveLength(60);
    const two = probePairs(0, 120, 60, 2);
    expect(two).toHaveLength(120);
    for (let k = 0; k < 120; k++) {
      const p = probeAt(k, 60, 2);
      expect(two.some((x) => x.hall === p.hall && x.node === p.node)).toBe(true);
    }
  });
});

describe("province plan: background schedule", () => {
  it("owes each hall its rate over time, staggered, never going back", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 50, noNaN: true }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 600_000 }), fc.integer({ min: 0, max: 10_000 }), (rate, halls, h, t, dt) => {
        const phase = hallPhase(h % halls, halls);
        expect(phase).toBeGreaterThanOrEqual(0);
        expect(phase).toBeLessThan(1);
        const a = owedEvents(t, rate, phase);
        expect(owedEvents(t + dt, rate, phase)).toBeGreaterThanOrEqual(a);
        // Within one event of rate × time.
        expect(Math.abs(a - (t / 1000) * rate)).toBeLessThanOrEqual(1);
      }),
    );
    // The province's total after 60 s at 0.3 ev/s per hall over 60 halls: 18 ev/s, to within a hall's event each.
    const total = Array.from({ length: 60 }, (_, h) => owedEvents(60_000, 0.3, hallPhase(h, 60))).reduce((a, b) => a + b, 0);
    expect(Math.abs(total - 1080)).toBeLessThanOrEqual(60);
    // Staggered: at 1 s, only the halls whose phase tipped them over owe their first event.
    const first = Array.from({ length: 60 }, (_, h) => owedEvents(1000, 0.3, hallPhase(h, 60)));
    expect(first.filter((x) => x === 1).length).toBe(18);
    expect(owedEvents(-5, 1, 0)).toBe(0);
  });

  it("starts the background at the first event of the busiest hour", () => {
    const h = 3_600_000;
    const ts = [0, 10, h, h + 1, h + 2, 2 * h, 2 * h + 5];
    expect(busiestHourStart(ts)).toBe(2);
    expect(busiestHourStart([])).toBe(0);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 24 * h }), { minLength: 1, maxLength: 200 }), (raw) => {
        const sorted = [...raw].sort((a, b) => a - b);
        const i = busiestHourStart(sorted);
        const hour = Math.floor((sorted[i] as number) / h);
        // It is the first event of its hour, and no hour has more events.
        if (i > 0) expect(Math.floor((sorted[i - 1] as number) / h)).toBeLessThan(hour);
        const count = (x: number) => sorted.filter((t) => Math.floor(t / h) === x).length;
        for (const t of sorted) expect(count(Math.floor(t / h))).toBeLessThanOrEqual(count(hour));
      }),
    );
  });
});

describe("province plan: probes seen at the displays", () => {
  const probe = (hall: number, node: number, at: number, state: "paused" | "open", phase = "peak"): SentProbe => ({ hall, node, at, state, phase });

  it("matches each probe to its own hall's displays only, local vs cross-node by the node that took it", () => {
    const probes = [probe(0, 0, 1000, "paused"), probe(1, 1, 2000, "paused"), probe(0, 1, 3000, "open")];
    const displays = [
      { hall: 0, node: 0, changes: [{ at: 1100, state: "paused" }, { at: 3300, state: "open" }] },
      { hall: 0, node: 1, changes: [{ at: 1250, state: "paused" }, { at: 3050, state: "open" }] },
      // Hall 1's display changed at 1200 (before its probe was sent: not its probe) and at 2400.
      { hall: 1, node: 0, changes: [{ at: 1200, state: "paused" }, { at: 2400, state: "open" }, { at: 2500, state: "paused" }] },
    ];
    const m = matchProbes(probes, displays, 2);
    const ms = m.samples.map((s) => [s.probe, s.displayNode, s.probeNode, s.ms]);
    expect(ms).toEqual([
      [0, 0, 0, 100],
      [2, 0, 1, 300],
      [0, 1, 0, 250],
      [2, 1, 1, 50],
      [1, 0, 1, 500],
    ]);
    expect(m.missed).toEqual({ peak: [0, 0] });
    const g = groupLocalCross(m.samples, 2);
    expect(g.all.n).toBe(5);
    expect(g.local.n).toBe(2); // 100 (node 0 took it, display on 0), 50 (node 1 took it, display on 1)
    expect(g.local.max).toBe(100);
    expect(g.cross.n).toBe(3);
    expect(g.cross.p50).toBe(300);
    expect(g.byNode.map((s) => s.n)).toEqual([3, 2]);
  });

  it("counts a pair as missed when the state never showed before the hall's next probe (+ grace)", () => {
    const probes = [probe(0, 0, 1000, "paused"), probe(0, 0, 61_000, "open"), probe(0, 0, 121_000, "paused", "heavy")];
    // The display went paused only after the next probe + 1 s: the first probe is missed, the second
    // (open) never shows either, the third is seen.
    const displays = [{ hall: 0, node: 1, changes: [{ at: 62_500, state: "paused" }, { at: 121_400, state: "paused" }] }];
    const m = matchProbes(probes, displays, 2);
    expect(m.missed).toEqual({ peak: [0, 2], heavy: [0, 0] });
    expect(m.samples).toEqual([{ probe: 2, phase: "heavy", displayNode: 1, probeNode: 0, ms: 400 }]);
  });

  it("never loses a sample: samples + missed = probes × their hall's displays", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.record({ hall: fc.nat(4), node: fc.nat(2), at: fc.integer({ min: 0, max: 10_000 }), paused: fc.boolean() }), { maxLength: 20 }),
        fc.array(fc.record({ hall: fc.nat(4), node: fc.nat(2), changes: fc.array(fc.record({ at: fc.integer({ min: 0, max: 12_000 }), paused: fc.boolean() }), { maxLength: 6 }) }), { maxLength: 10 }),
        (halls, nodes, rawProbes, rawDisplays) => {
          const probes = rawProbes.map((p) => probe(p.hall % halls, p.node % nodes, p.at, p.paused ? "paused" : "open"));
          const displays = rawDisplays.map((d) => ({
            hall: d.hall % halls,
            node: d.node % nodes,
            changes: [...d.changes].sort((a, b) => a.at - b.at).map((c) => ({ at: c.at, state: c.paused ? "paused" : "open" })),
          }));
          const m = matchProbes(probes, displays, nodes);
          const pairs = displays.reduce((s, d) => s + probes.filter((p) => p.hall === d.hall).length, 0);
          const missed = Object.values(m.missed).reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
          expect(m.samples.length + missed).toBe(pairs);
          for (const s of m.samples) {
            expect(s.ms).toBeGreaterThanOrEqual(0);
            // Each sample is of its own hall's probe, seen at a display of that hall.
            expect(probes[s.probe]?.node).toBe(s.probeNode);
            expect(displays.some((d) => d.hall === probes[s.probe]?.hall && d.node === s.displayNode)).toBe(true);
          }
          const g = groupLocalCross(m.samples, nodes);
          expect(g.local.n + g.cross.n).toBe(g.all.n);
          expect(g.byNode.reduce((a, s) => a + s.n, 0)).toBe(g.all.n);
          if (nodes === 1) expect(g.cross.n).toBe(0);
        },
      ),
    );
  });

  it("expects each hall's last probe state at the end (open when never probed) and counts the displays showing another", () => {
    const probes = [probe(0, 0, 5000, "open"), probe(0, 1, 1000, "paused"), probe(1, 0, 2000, "paused")];
    const expected = expectedEndStates(probes, 3);
    expect(expected).toEqual(["open", "paused", "open"]);
    const displays = [
      { hall: 0, node: 0, changes: [{ at: 6000, state: "open" }] },
      { hall: 1, node: 1, changes: [{ at: 2100, state: "paused" }, { at: 2200, state: "open" }] },
      { hall: 2, node: 1, changes: [] },
    ];
    // Hall 1's display ended open (wrong); hall 2's display never saw any state (wrong).
    expect(wrongAtEnd(displays, expected, 2)).toEqual([0, 2]);
  });
});

describe("province plan: memory", () => {
  it("gives MiB per hall and KB per held event from loaded vs empty RSS", () => {
    const m = memoryPerHall([400, 420], [100, 100], 60, 600_000);
    expect(m.loadedMeanMiB).toBe(410);
    expect(m.emptyMeanMiB).toBe(100);
    expect(m.ratio).toBeCloseTo(4.1);
    expect(m.deltaMiB).toBe(310);
    expect(m.perHallMiB).toBeCloseTo(310 / 60);
    // 310 MiB = 325,058,560 bytes over 600,000 events: 541.8 bytes = 0.5418 KB each.
    expect(m.perEventKB).toBeCloseTo(0.5418, 4);
    expect(memoryPerHall([1], [1], 0, 0).perHallMiB).toBeNaN();
  });

  it("compares the last third of a phase's samples with the first", () => {
    expect(thirdsGrowth([100, 100, 100, 110, 110, 110, 120, 120, 120])).toEqual({ firstThird: 100, lastThird: 120, ratio: 1.2 });
    expect(thirdsGrowth([50, 60]).ratio).toBeCloseTo(1.2);
    expect(thirdsGrowth([]).ratio).toBeNaN();
  });
});
