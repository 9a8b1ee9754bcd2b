import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { at, ev, factsOf, hallConfig, HOUR, MINUTE } from "../test-fixtures.js";
import { idleHistory, localDayPeriods, type Period } from "./idle-history.js";
import { ticketEvents } from "./test-arbitraries.js";

const hall = hallConfig();
const day = (d: number) => ({ key: `2025-03-${d}`, from: at(0) + (d - 10) * 24 * HOUR, to: at(0) + (d - 9) * 24 * HOUR });

describe("idle history", () => {
  it("sums idle time beyond the threshold and counts episodes per window and day", () => {
    const events = [
      ev.opened(at(9), "w1"),
      ev.issued(at(9), "a", "c1"),
      ev.called(at(9, 20), "a", "w1"), // idle 9:05–9:20
      ev.completed(at(9, 30), "a", "w1"),
      ev.issued(at(9, 31), "b", "c1"),
      ev.called(at(9, 45), "b", "w1"), // idle 9:36–9:45
    ];
    expect(idleHistory(factsOf(events), hall, [day(10)], at(23))).toEqual([{ windowId: "w1", key: "2025-03-10", idleMs: 24 * MINUTE, episodes: 2 }]);
  });

  it("splits an episode across midnight by time and counts it on the day it fired", () => {
    const events = [ev.opened(at(23), "w1"), ev.issued(at(23), "a", "c1"), ev.called(at(24, 30), "a", "w1")];
    expect(idleHistory(factsOf(events), hall, [day(10), day(11)], at(30))).toEqual([
      { windowId: "w1", key: "2025-03-10", idleMs: 55 * MINUTE, episodes: 1 },
      { windowId: "w1", key: "2025-03-11", idleMs: 30 * MINUTE, episodes: 0 },
    ]);
  });

  it("bounds a still-running episode by asOf", () => {
    const events = [ev.opened(at(9), "w1"), ev.issued(at(9), "a", "c1")];
    expect(idleHistory(factsOf(events), hall, [day(10)], at(9, 30))).toEqual([{ windowId: "w1", key: "2025-03-10", idleMs: 25 * MINUTE, episodes: 1 }]);
  });

  it("15-minute buckets add up to the day (rows are additive)", () => {
    const buckets: Period[] = Array.from({ length: 96 }, (_, i) => ({ key: String(i), from: at(0) + i * 15 * MINUTE, to: at(0) + (i + 1) * 15 * MINUTE }));
    fc.assert(
      fc.property(ticketEvents, (events) => {
        const facts = factsOf([ev.opened(at(9), "w1"), ev.opened(at(9, 30), "w3"), ...events]);
        const whole = idleHistory(facts, hall, [day(10)], at(23));
        const parts = idleHistory(facts, hall, buckets, at(23));
        for (const windowId of ["w1", "w2", "w3"]) {
          const mine = parts.filter((r) => r.windowId === windowId);
          const w = whole.find((r) => r.windowId === windowId);
          expect(mine.reduce((s, r) => s + r.idleMs, 0)).toBe(w?.idleMs ?? 0);
          expect(mine.reduce((s, r) => s + r.episodes, 0)).toBe(w?.episodes ?? 0);
        }
      }),
    );
  });

  it("localDayPeriods gives real local midnights", () => {
    expect(localDayPeriods(at(9), at(9) + 24 * HOUR, "Asia/Shanghai")).toEqual([day(10), day(11)]);
    const ny = localDayPeriods(Date.UTC(2025, 2, 9, 12), Date.UTC(2025, 2, 9, 13), "America/New_York");
    expect(ny).toEqual([{ key: "2025-03-09", from: Date.UTC(2025, 2, 9, 5), to: Date.UTC(2025, 2, 10, 4) }]);
  });
});
