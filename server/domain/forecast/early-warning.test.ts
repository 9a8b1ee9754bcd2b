import { describe, expect, it } from "vitest";
import type { HallEvent } from "../../../contract/index.js";
import { at, ev, factsOf, hallConfig, viewOf } from "../test-fixtures.js";
import { buildArrivalProfile } from "./arrival-profile.js";
import { earlyWarnings, type EarlyWarningInput } from "./early-warning.js";

const MIN = 60_000;
const hall = hallConfig({ waitMinutes: 15 }); // w1: c1, w2: c2, w3: c1 + c2
const noHistory = buildArrivalProfile([], ["c1", "c2"], hall.timezone);

/** Yesterday: w1 served six c1 tickets of 8 minutes each (so the handling time is known). */
function yesterday(): HallEvent[] {
  const y = (h: number, m: number) => at(h, m) - 24 * 60 * MIN;
  const out: HallEvent[] = [ev.opened(y(9, 0), "w1")];
  for (let i = 0; i < 6; i++) {
    const t = `y${i}`;
    out.push(ev.issued(y(9, i * 8), t, "c1"), ev.called(y(9, i * 8), t, "w1"), ev.started(y(9, i * 8), t, "w1"), ev.completed(y(9, i * 8 + 8), t, "w1"));
  }
  return [...out, ev.closed(y(12, 0), "w1")];
}

/** Today at 10:00: w1 open and idle, `n` c1 tickets waiting since 09:58. */
function today(n: number): HallEvent[] {
  return [ev.opened(at(9, 0), "w1"), ...Array.from({ length: n }, (_, i) => ev.issued(at(9, 58), `t${i}`, "c1"))];
}

function run(events: HallEvent[], extra: Partial<EarlyWarningInput> = {}, now = at(10)) {
  const facts = factsOf(events);
  return earlyWarnings({ hall, facts, view: viewOf(facts, hall, now - 60 * MIN, now, true), now, profile: noHistory, ...extra });
}

describe("early warning", () => {
  it("without history says so, and still warns from the queue waiting now (a lower bound)", () => {
    const r = run([...yesterday(), ...today(4)]);
    const c1 = r.categories.find((c) => c.categoryId === "c1");
    expect(c1?.arrivals).toEqual({ categoryId: "c1", status: "no-history" });
    // Called at 10:00, 10:08, 10:16, 10:24: the third waits 18 min → breach at 09:58 + 15.
    expect(r.warnings).toEqual([
      { categoryId: "c1", expectedBreachAt: new Date(at(10, 13)).toISOString(), minutesAhead: 13, predictedWaitMinutes: 26, forecastArrivals: null, openWindows: ["w1"], helperWindowId: null },
    ]);
    expect(c1?.status).toBe("warning");
    expect(c1?.cycleSeconds).toBe(480);
  });

  it("raises nothing for a queue the open windows clear in time", () => {
    const r = run([...yesterday(), ...today(2)]);
    expect(r.warnings).toEqual([]);
    expect(r.categories.find((c) => c.categoryId === "c1")?.status).toBe("clear");
  });

  it("reports a category no open window serves as unstaffed, and one without any handling time as such", () => {
    const r = run([...yesterday(), ...today(1), ev.issued(at(9, 30), "x1", "c2")]);
    expect(r.categories.find((c) => c.categoryId === "c2")?.status).toBe("no-handling-time");
    const withHistory = run([...yesterday(), ...today(1), ev.issued(at(9, 30), "x1", "c2")], { historyHandleSeconds: new Map([["c2", 300]]) });
    const c2 = withHistory.categories.find((c) => c.categoryId === "c2");
    expect(c2?.status).toBe("unstaffed");
    expect(c2?.cycleSeconds).toBe(300);
    expect(withHistory.warnings).toEqual([]);
  });

  it("says breached, not warning, once a ticket has waited past the target", () => {
    const r = run([...yesterday(), ev.opened(at(9, 0), "w1"), ev.issued(at(9, 40), "old", "c1")]);
    expect(r.categories.find((c) => c.categoryId === "c1")?.status).toBe("breached");
    expect(r.warnings).toEqual([]);
  });

  it("carries its memory: a warning is held for 5 calm minutes before it clears", () => {
    const first = run([...yesterday(), ...today(4)]);
    // The queue is gone (the tickets were called, say by a colleague's terminal): nothing is projected.
    const events = [...yesterday(), ...today(4), ...[0, 1, 2, 3].map((i) => ev.called(at(9, 59), `t${i}`, "w2"))];
    const held = run(events, { memory: first.memory });
    expect(held.warnings.map((w) => w.categoryId)).toEqual(["c1"]);
    expect(held.warnings[0]?.expectedBreachAt).toBe(first.warnings[0]?.expectedBreachAt);
    const later = run(events, { memory: held.memory }, at(10, 5));
    expect(later.warnings).toEqual([]);
    expect(later.categories.find((c) => c.categoryId === "c1")?.status).toBe("clear");
    // Without the memory, the calm projection raises nothing in the first place.
    expect(run(events).warnings).toEqual([]);
  });

  it("forecasts no arrivals outside opening hours", () => {
    const rows = [1, 2, 3].flatMap((k) => Array.from({ length: 40 }, (_, s) => ({ categoryId: "c1", bucket: at(8) - k * 7 * 86_400_000 + s * 15 * MIN, arrivals: 6 })));
    const profile = buildArrivalProfile(rows, ["c1", "c2"], hall.timezone);
    const open = run([...yesterday(), ...today(0)], { profile });
    const closed = run([...yesterday(), ...today(0)], { profile, openingHours: [{ weekday: 1, from: "08:00", to: "10:00" }] });
    const expected = (r: typeof open) => {
      const a = r.categories.find((c) => c.categoryId === "c1")?.arrivals;
      return a?.status === "ok" ? a.expected : null;
    };
    expect(expected(open)).toBeGreaterThan(0);
    expect(expected(closed)).toBe(0);
    expect(closed.warnings).toEqual([]);
  });
});
