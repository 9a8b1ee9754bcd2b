import { describe, expect, it } from "vitest";
import type { HallEvent } from "../../../contract/index.js";
import { at, ev, factsOf, hallConfig } from "../test-fixtures.js";
import { cycleTimes } from "./cycle-times.js";

const MIN = 60_000;
const hall = hallConfig();

/** `n` c1 tickets at w1 from `start`: 1 min walk-up, `serviceMin` of service, the next called 1 min after. */
function served(prefix: string, start: number, n: number, serviceMin: number): HallEvent[] {
  const out: HallEvent[] = [];
  const step = (serviceMin + 2) * MIN;
  for (let i = 0; i < n; i++) {
    const t = `${prefix}${i}`;
    const call = start + i * step;
    out.push(ev.issued(start, t, "c1"), ev.called(call, t, "w1"), ev.started(call + MIN, t, "w1"), ev.completed(call + MIN + serviceMin * MIN, t, "w1"));
  }
  return out;
}

describe("cycle times", () => {
  it("uses the last two hours when they have enough services: walk-up + service + turnaround", () => {
    const c = cycleTimes(factsOf(served("r", at(9), 6, 6)), hall, at(11));
    expect(c.get("c1")).toEqual({ cycleMs: 8 * MIN, samples: 6, source: "recent" });
  });

  it("falls back to the 48 hours in memory, then to history's handling time, then to nothing", () => {
    const facts = factsOf([...served("y", at(9) - 86_400_000, 6, 10), ...served("r", at(10), 2, 6)]);
    expect(cycleTimes(facts, hall, at(11)).get("c1")?.source).toBe("live");
    const c2 = cycleTimes(facts, hall, at(11), new Map([["c2", 300]])).get("c2");
    expect(c2?.source).toBe("history");
    expect(c2?.cycleMs).toBeGreaterThanOrEqual(5 * MIN);
    expect(cycleTimes(facts, hall, at(11)).has("c2")).toBe(false);
  });

  it("counts a no-show for the time it held the window", () => {
    const events = [...served("r", at(9), 5, 6), ev.issued(at(9), "ns", "c1"), ev.called(at(10, 30), "ns", "w1"), ev.noShow(at(10, 33), "ns", "w1")];
    const c = cycleTimes(factsOf(events), hall, at(11)).get("c1");
    expect(c?.samples).toBe(6);
    expect(c?.cycleMs).toBeCloseTo((5 * 7 * MIN + 3 * MIN) / 6 + MIN, -3);
  });
});
