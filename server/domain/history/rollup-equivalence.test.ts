// History over 15-minute rollups equals the figures computed over raw events (computeLoadView) for the
// same period — on realistic simulated days of the demo hall, and whatever the bucket boundaries.
import { describe, expect, it } from "vitest";
import { startOfLocalDay, type HallEvent } from "../../../contract/index.js";
import { DEMO_HALL_ID, demoHall, demoSimParams } from "../../../simulator/demo-hall.js";
import { generateHallDay } from "../../../simulator/generate-day.js";
import { HallFacts } from "../hall-facts.js";
import { computeLoadView } from "../load-view.js";
import { aggregateHistory } from "./aggregate-history.js";
import { computeRollup } from "./rollup.js";

const DAY_MS = 86_400_000;

function factsOf(events: readonly HallEvent[]): HallFacts {
  const f = new HallFacts();
  for (const e of events) f.add(e);
  return f;
}

function dayOf(date: string, seed: number) {
  const events = generateHallDay({ hall: demoHall, hallId: DEMO_HALL_ID, date, seed, params: demoSimParams });
  const dayStart = startOfLocalDay(Date.parse(`${date}T12:00:00+08:00`), demoHall.timezone);
  return { events, dayStart, dayEnd: dayStart + DAY_MS };
}

describe("history from rollups equals figures over raw events", () => {
  for (const [date, seed] of [["2026-11-24", 1], ["2026-11-20", 7]] as const) {
    it(`per window, per category and for the day (${date})`, () => {
      const { events, dayStart, dayEnd } = dayOf(date, seed);
      const facts = factsOf(events);
      const view = computeLoadView(facts, demoHall, { hallId: DEMO_HALL_ID, from: dayStart, to: dayEnd, live: false, dayStart });
      const rollup = computeRollup(facts, demoHall, dayStart, dayEnd);
      const req = { from: dayStart, to: dayEnd };

      const byWindow = new Map(aggregateHistory(rollup, demoHall, { ...req, groupBy: "window" }).rows.map((r) => [r.key, r]));
      for (const w of view.windows) {
        const h = byWindow.get(w.windowId);
        if (w.openSeconds === 0 && w.served === 0) continue;
        expect(h, w.windowId).toBeDefined();
        expect(h?.served).toBe(w.served);
        expect(h?.utilization).toBeCloseTo(w.utilization, 12);
        if (w.avgHandleSeconds === null) expect(h?.avgHandleSeconds).toBeNull();
        else expect(h?.avgHandleSeconds).toBeCloseTo(w.avgHandleSeconds, 9);
        if (w.ratingAvg === null) expect(h?.ratingAvg).toBeNull();
        else expect(h?.ratingAvg).toBeCloseTo(w.ratingAvg, 12);
      }

      const byCategory = new Map(aggregateHistory(rollup, demoHall, { ...req, groupBy: "category" }).rows.map((r) => [r.key, r]));
      for (const c of view.categories) {
        const h = byCategory.get(c.categoryId);
        if (c.arrivals === 0 && c.calledCount === 0) continue;
        expect(h?.arrivals, c.categoryId).toBe(c.arrivals);
        expect(h?.waitMaxSeconds).toBe(c.maxWaitSeconds);
      }

      const day = aggregateHistory(rollup, demoHall, { ...req, groupBy: "day" });
      expect(day.rows).toHaveLength(1);
      expect(day.rows[0]?.served).toBe(view.windows.reduce((s, w) => s + w.served, 0));
      expect(day.rows[0]?.arrivals).toBe(view.categories.reduce((s, c) => s + c.arrivals, 0));
      expect(day.imbalance).toHaveLength(1);
      expect(day.imbalance[0]?.cv).toBeCloseTo(view.imbalance.cv, 12);
    });
  }

  it("takes wait percentiles by nearest rank over the tickets first called in the period", () => {
    const { events, dayStart, dayEnd } = dayOf("2026-11-24", 5);
    const facts = factsOf(events);
    const rollup = computeRollup(facts, demoHall, dayStart, dayEnd);
    // Independently: every ticket's wait from its raw issue and first call, grouped by issue category.
    const waits = new Map<string, number[]>();
    for (const t of facts.tickets.values()) {
      const issue = t.issues[0];
      const call = t.calls[0];
      if (!issue || !call || call.ts < dayStart || call.ts >= dayEnd) continue;
      waits.set(issue.categoryId, [...(waits.get(issue.categoryId) ?? []), Math.max(0, call.ts - issue.ts)]);
    }
    const rank = (sorted: number[], p: number) => sorted[Math.ceil((p / 100) * sorted.length) - 1] as number;
    const rows = aggregateHistory(rollup, demoHall, { from: dayStart, to: dayEnd, groupBy: "category" }).rows;
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) {
      const w = (waits.get(String(r.key)) ?? []).sort((a, b) => a - b);
      if (w.length === 0) {
        expect(r.waitP50Seconds).toBeNull();
        continue;
      }
      expect(r.waitP50Seconds).toBe(rank(w, 50) / 1000);
      expect(r.waitP90Seconds).toBe(rank(w, 90) / 1000);
      expect(r.withinTargetShare).toBe(w.filter((x) => x <= demoHall.targets.waitMinutes * 60_000).length / w.length);
    }
  });

  it("gives the same figures whether a period is rolled up in one piece or bucket by bucket", () => {
    const { events, dayStart, dayEnd } = dayOf("2026-11-24", 3);
    const facts = factsOf(events);
    const whole = computeRollup(facts, demoHall, dayStart, dayEnd);
    const halves = [computeRollup(facts, demoHall, dayStart, dayStart + DAY_MS / 2), computeRollup(facts, demoHall, dayStart + DAY_MS / 2, dayEnd)];
    const merged = { windows: halves.flatMap((h) => h.windows), categories: halves.flatMap((h) => h.categories), waits: halves.flatMap((h) => h.waits) };
    for (const groupBy of ["window", "department", "category", "hour", "weekday", "day"] as const)
      expect(aggregateHistory(merged, demoHall, { from: dayStart, to: dayEnd, groupBy })).toEqual(
        aggregateHistory(whole, demoHall, { from: dayStart, to: dayEnd, groupBy }),
      );
  });
});

describe("rollups with late events", () => {
  it("correct a past bucket when a late event lands in it, exactly as if it had come on time", () => {
    const { events, dayStart, dayEnd } = dayOf("2026-11-24", 9);
    // Hold back a few completions and calls, then deliver them after everything else.
    const late = events.filter((e, i) => (e.type === "service.completed" || e.type === "ticket.called") && i % 17 === 0);
    const onTime = events.filter((e) => !late.includes(e));
    const before = computeRollup(factsOf(onTime), demoHall, dayStart, dayEnd);
    const after = computeRollup(factsOf([...onTime, ...late]), demoHall, dayStart, dayEnd);
    const inOrder = computeRollup(factsOf(events), demoHall, dayStart, dayEnd);
    expect(late.length).toBeGreaterThan(10);
    expect(after).toEqual(inOrder);
    // The late events did change past buckets (more served, different waits).
    const served = (r: typeof before) => r.windows.reduce((s, w) => s + w.served, 0);
    expect(served(after)).toBeGreaterThan(served(before));
    expect(aggregateHistory(after, demoHall, { from: dayStart, to: dayEnd, groupBy: "category" })).not.toEqual(
      aggregateHistory(before, demoHall, { from: dayStart, to: dayEnd, groupBy: "category" }),
    );
  });
});
