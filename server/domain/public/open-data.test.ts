// Open data equals the history aggregation for the same day and key, with small cells suppressed.
import { describe, expect, it } from "vitest";
import { localDayRange, type HallConfig } from "../../../contract/index.js";
import { DEMO_HALL_ID, demoHall, demoSimParams } from "../../../simulator/demo-hall.js";
import { generateHallDay } from "../../../simulator/generate-day.js";
import { HallFacts } from "../hall-facts.js";
import { aggregateDays } from "../history/aggregate-days.js";
import { foldDay, type DayRollup } from "../history/day-rollup.js";
import { computeRollup, type Rollup } from "../history/rollup.js";
import { at, ev, hallConfig } from "../test-fixtures.js";
import { openDataRows } from "./open-data.js";
import { openFindingsPerDay } from "./open-findings.js";

function rollupOf(hall: HallConfig, days: readonly string[], factsOfDay: (day: string, i: number) => HallFacts): DayRollup {
  const buckets: Rollup = { windows: [], categories: [], waits: [] };
  days.forEach((day, i) => {
    const { start, end } = localDayRange(day, hall.timezone);
    const r = computeRollup(factsOfDay(day, i), hall, start, end);
    buckets.windows.push(...r.windows);
    buckets.categories.push(...r.categories);
    buckets.waits.push(...r.waits);
  });
  return foldDay(buckets, hall.timezone);
}

describe("openDataRows on two simulated days of the demo hall", () => {
  const days = ["2026-11-17", "2026-11-18"];
  const rollup = rollupOf(demoHall, days, (date, i) => {
    const facts = new HallFacts();
    for (const e of generateHallDay({ hall: demoHall, hallId: DEMO_HALL_ID, date, seed: i + 3, params: demoSimParams })) facts.add(e);
    return facts;
  });
  const rows = openDataRows(rollup, demoHall, days, 5);

  it("has one hall row, one per configured category and one per configured window, per day", () => {
    expect(rows.length).toBe(days.length * (1 + demoHall.categories.length + demoHall.windows.length));
    expect(rows.filter((r) => r.level === "hall").map((r) => r.date)).toEqual(days);
  });

  it("publishes every unsuppressed figure exactly as the history aggregation of that day gives it", () => {
    for (const date of days) {
      const { start, end } = localDayRange(date, demoHall.timezone);
      const only: DayRollup = {
        windows: rollup.windows.filter((x) => x.day === date),
        categories: rollup.categories.filter((x) => x.day === date),
        hours: rollup.hours.filter((x) => x.day === date),
        waits: rollup.waits.filter((x) => x.day === date),
      };
      for (const [level, groupBy] of [["hall", "day"], ["category", "category"], ["window", "window"]] as const) {
        const history = aggregateDays(only, demoHall, { from: start, to: end, groupBy }).rows;
        for (const r of rows.filter((x) => x.date === date && x.level === level && !x.suppressed)) {
          const h = history.find((x) => String(x.key) === (r.key ?? date));
          if (!h) {
            // A window closed all day: no history row; published as an empty cell.
            expect([r.arrivals, r.served, r.waitP50Seconds], `${date} ${level} ${r.key}`).toEqual([0, 0, null]);
            continue;
          }
          expect([r.arrivals, r.served, r.noShows, r.waitP50Seconds, r.waitP90Seconds, r.withinTargetShare, r.poorEvaluations]).toEqual([
            h!.arrivals,
            h!.served,
            h!.noShows,
            h!.waitP50Seconds,
            h!.waitP90Seconds,
            h!.withinTargetShare,
            h!.poorRatings,
          ]);
        }
      }
    }
    const hallRow = rows.find((r) => r.level === "hall")!;
    expect(hallRow.suppressed).toBe(false);
    expect(hallRow.arrivals).toBeGreaterThan(100);
    expect(hallRow.evaluations).toBeGreaterThan(0);
  });

  it("counts evaluations as the sum of the cells' evaluations (windows add up to the hall)", () => {
    for (const date of days) {
      const hallEvals = rows.find((r) => r.date === date && r.level === "hall")!.evaluations!;
      expect(rollup.windows.filter((w) => w.day === date).reduce((s, w) => s + w.ratingCount, 0)).toBe(hallEvals);
    }
  });
});

describe("openDataRows suppression", () => {
  // c1: 6 tickets, c2: 2 tickets, c3: 7 tickets; all served at w1 (c1), w2 (c2), w3 (c3).
  const hall: HallConfig = hallConfig({ categories: ["c1", "c2", "c3"], windows: [{ id: "w1", categories: ["c1"] }, { id: "w2", categories: ["c2"] }, { id: "w3", categories: ["c3"] }] });
  const date = "2025-03-10";
  const rollup = rollupOf(hall, [date], () => {
    const facts = new HallFacts();
    let n = 0;
    for (const [cat, win, count] of [["c1", "w1", 6], ["c2", "w2", 2], ["c3", "w3", 7]] as const) {
      facts.add(ev.opened(at(8, 30), win));
      for (let i = 0; i < count; i++) {
        const id = `t${++n}`;
        facts.add(ev.issued(at(9, n), id, cat));
        facts.add(ev.called(at(9, n + 5), id, win));
        facts.add(ev.started(at(9, n + 5), id, win));
        facts.add(ev.completed(at(9, n + 6), id, win));
        facts.add(ev.evaluated(at(9, n + 7), id, win, n === 7 ? 1 : 5));
      }
    }
    return facts;
  });

  it("blanks a cell under the minimum and its complement, with a flag, and keeps the rest", () => {
    const rows = openDataRows(rollup, hall, [date], 5);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    expect(byKey.get(null)).toMatchObject({ suppressed: false, arrivals: 15, served: 15, evaluations: 15, poorEvaluations: 1 });
    // c2 (2 tickets) is under 5; c1 (6) is the smallest other and goes too; c3 (7) stays.
    expect(byKey.get("c2")).toEqual({ date, level: "category", key: "c2", name: "Category c2", suppressed: true, arrivals: null, served: null, waitP50Seconds: null, waitP90Seconds: null, withinTargetShare: null, noShows: null, evaluations: null, poorEvaluations: null });
    expect(byKey.get("c1")?.suppressed).toBe(true);
    expect(byKey.get("c3")).toMatchObject({ suppressed: false, arrivals: 7, served: 7 });
    expect(byKey.get("w2")?.suppressed).toBe(true);
    expect(byKey.get("w1")?.suppressed).toBe(true);
    expect(byKey.get("w3")?.suppressed).toBe(false);
  });

  it("takes the hall's own minimum: 2 publishes every cell, 16 suppresses the whole day", () => {
    expect(openDataRows(rollup, hall, [date], 2).every((r) => !r.suppressed)).toBe(true);
    expect(openDataRows(rollup, hall, [date], 16).every((r) => r.suppressed && r.arrivals === null)).toBe(true);
  });

  it("publishes a day without any ticket as zeros, not as suppressed", () => {
    const rows = openDataRows(rollup, hall, ["2025-03-11"], 5);
    expect(rows.every((r) => !r.suppressed && r.arrivals === 0 && r.waitP50Seconds === null)).toBe(true);
  });
});

describe("openFindingsPerDay", () => {
  it("counts a finding on every local day from first seen to closed, both included, per rule", () => {
    const rows = [
      { rule: "visit-limit", firstSeen: "2026-03-01T20:00:00Z", closedAt: "2026-03-03T01:00:00Z" }, // 03-02 … 03-03 in Shanghai
      { rule: "visit-limit", firstSeen: "2026-03-03T02:00:00Z", closedAt: null },
      { rule: "offline-only", firstSeen: "2026-02-01T00:00:00Z", closedAt: null },
    ];
    const out = openFindingsPerDay(rows, ["2026-03-01", "2026-03-02", "2026-03-03"], "Asia/Shanghai");
    const get = (date: string, rule: string) => out.find((f) => f.date === date && f.rule === rule)?.open;
    expect([get("2026-03-01", "visit-limit"), get("2026-03-02", "visit-limit"), get("2026-03-03", "visit-limit")]).toEqual([0, 1, 2]);
    expect(get("2026-03-01", "offline-only")).toBe(1);
    expect(get("2026-03-02", "extra-materials")).toBe(0);
  });
});
