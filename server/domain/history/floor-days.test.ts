// The floor figures of the day rollups (issue #9): idle time and episodes per window-day as idleHistory
// counts them, summed by window or department in GET /history; and the priority waits stored per day,
// which over any run of days give exactly floor-watch's priorityWaits over the same period.
import { describe, expect, it } from "vitest";
import type { HallEvent, HistoryRow } from "../../../contract/index.js";
import { priorityWaits } from "../floor-watch/priority-waits.js";
import { at, ev, event, factsOf, hallConfig, HOUR, MINUTE } from "../test-fixtures.js";
import { floorDayOf, priorityComparison, withIdle } from "./floor-days.js";
import { computeRollup } from "./rollup.js";

const hall = hallConfig();
const DAY = 24 * HOUR;
const dayRange = (d: number) => ({ day: `2025-03-${d}`, start: at(0) + (d - 10) * DAY, end: at(0) + (d - 9) * DAY });
const green = (ms: number, ticketId: string, categoryId: string) => event("ticket.issued", ms, { ticketId, ticketNo: ticketId.toUpperCase(), categoryId, channel: "kiosk", priority: "green" });
const appointment = (ms: number, ticketId: string, categoryId: string) => event("ticket.issued", ms, { ticketId, ticketNo: ticketId.toUpperCase(), categoryId, channel: "online", priority: "appointment" });

/** As the rollup worker does it: each day from its own rollup's wait samples. */
function floorOfDays(events: HallEvent[], days: number[], asOf: number) {
  const facts = factsOf(events);
  return days.map((d) => {
    const { day, start, end } = dayRange(d);
    return floorDayOf(facts, hall, day, start, end, asOf, computeRollup(facts, hall, start, end).waits);
  });
}

describe("floor figures of the day rollups", () => {
  it("holds idle time and episodes per window-day (the grace minutes excluded, a running episode up to now)", () => {
    const events = [
      ev.opened(at(9), "w1"),
      ev.opened(at(9), "w2"),
      ev.issued(at(9), "a", "c1"),
      ev.called(at(9, 20), "a", "w1"), // w1 idle 9:05–9:20
      ev.issued(at(10), "b", "c2"), // w2 idle from 10:05, still at 10:30 (now)
    ];
    const [d10] = floorOfDays(events, [10], at(10, 30));
    expect(d10?.idle).toEqual([
      { day: "2025-03-10", windowId: "w1", idleMs: 15 * MINUTE, episodes: 1 },
      { day: "2025-03-10", windowId: "w2", idleMs: 25 * MINUTE, episodes: 1 },
      // w3 (c1, c2) was never open: never idle.
    ]);
    // The hall's own threshold (targets.idleMinutes = 10): w1 idle 9:10–9:20, w2 from 10:10.
    const patient = { ...hall, targets: { ...hall.targets, idleMinutes: 10 } };
    const facts = factsOf(events);
    const { day, start, end } = dayRange(10);
    expect(floorDayOf(facts, patient, day, start, end, at(10, 30), []).idle).toEqual([
      { day, windowId: "w1", idleMs: 10 * MINUTE, episodes: 1 },
      { day, windowId: "w2", idleMs: 20 * MINUTE, episodes: 1 },
    ]);
  });

  it("sums the idle rows of the period by window or department, 0 for a window never idle, nothing for other groupings", () => {
    const idle = [
      { day: "2025-03-10", windowId: "w1", idleMs: 15 * MINUTE, episodes: 1 },
      { day: "2025-03-11", windowId: "w1", idleMs: 6 * MINUTE, episodes: 2 },
      { day: "2025-03-11", windowId: "w2", idleMs: 30 * MINUTE, episodes: 1 },
    ];
    const rows = ["w1", "w2", "w3"].map((key) => ({ key }) as HistoryRow);
    expect(withIdle(rows, idle, hall, "window").map((r) => [r.key, r.idleMinutes, r.idleEpisodes])).toEqual([
      ["w1", 21, 3],
      ["w2", 30, 1],
      ["w3", 0, 0],
    ]);
    expect(withIdle([{ key: "Dept" } as HistoryRow], idle, hall, "department")[0]).toMatchObject({ idleMinutes: 51, idleEpisodes: 4 });
    expect(withIdle(rows, idle, hall, "category")[0]?.idleMinutes).toBeUndefined();
  });

  it("gives, over several stored days, exactly priorityWaits' comparison of the same period", () => {
    const events: HallEvent[] = [
      ev.opened(at(8), "w3"),
      ev.issued(at(9), "n1", "c1"),
      ev.issued(at(9, 2), "n2", "c1"),
      green(at(9, 5), "g1", "c1"),
      appointment(at(9, 6), "p1", "c2"),
      ev.issued(at(9, 7), "n3", "c2"),
      ev.called(at(9, 10), "g1", "w3"), // green waited 5 min
      ev.called(at(9, 30), "n1", "w3"), // 30
      ev.called(at(9, 50), "n2", "w3"), // 48
      ev.called(at(10, 0), "p1", "w3"), // appointment 54
      ev.called(at(10, 5), "n3", "w3"), // 58
      // The next day: a green ticket called after 2 minutes, a normal one after 10.
      green(at(33), "g2", "c1"),
      ev.issued(at(33), "n4", "c1"),
      ev.called(at(33, 2), "g2", "w3"),
      ev.called(at(33, 10), "n4", "w3"),
    ];
    const days = floorOfDays(events, [10, 11], at(40));
    const stored = days.flatMap((d) => d.priority);
    const expected = priorityWaits(factsOf(events), [{ key: "p", from: dayRange(10).start, to: dayRange(11).end }]).map(({ key: _key, ...rest }) => rest);
    expect(priorityComparison(stored)).toEqual(expected);
    // And the figures themselves: the hall's green tickets waited 2 and 5 minutes, its normal ones 10–58.
    expect(priorityComparison(stored).filter((r) => r.categoryId === null)).toEqual([
      { categoryId: null, priority: "normal", count: 4, p50Seconds: 30 * 60, p90Seconds: 58 * 60, p50RatioToNormal: 1, p90RatioToNormal: 1 },
      { categoryId: null, priority: "green", count: 2, p50Seconds: 2 * 60, p90Seconds: 5 * 60, p50RatioToNormal: 2 / 30, p90RatioToNormal: 5 / 58 },
      { categoryId: null, priority: "appointment", count: 1, p50Seconds: 54 * 60, p90Seconds: 54 * 60, p50RatioToNormal: 54 / 30, p90RatioToNormal: 54 / 58 },
    ]);
  });
});
