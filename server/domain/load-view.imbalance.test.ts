// computeLoadView: which windows are eligible, hot and cold, and the hall's imbalance.
import { describe, expect, it } from "vitest";
import { cat, hall, win } from "./load-view.test-support.js";
import { at, ev, hallConfig, viewOf } from "./test-fixtures.js";

describe("computeLoadView: eligibility and imbalance", () => {
  it("is hot by utilization and cold when idle; imbalanced when both exist", () => {
    const events = [
      ev.opened(at(9), "w1"),
      ev.started(at(9), "t1", "w1"),
      ev.completed(at(9, 55), "t1", "w1"),
      ev.opened(at(9), "w2"),
    ];
    const view = viewOf(events, hall, at(9), at(10));
    expect(win(view, "w1")).toMatchObject({ utilization: 55 / 60, eligible: true, hot: true, cold: false });
    expect(win(view, "w2")).toMatchObject({ utilization: 0, eligible: true, hot: false, cold: true });
    expect(win(view, "w3")).toMatchObject({ eligible: false, hot: false, cold: false });
    // utilizations 11/12 and 0: mean 11/24, σ 11/24 → cv 1.
    expect(view.imbalance.cv).toBeCloseTo(1, 12);
    expect(view.imbalance).toMatchObject({ hot: ["w1"], cold: ["w2"], imbalanced: true });
  });

  it("does not call a window cold in the live view while its category has a waiting ticket", () => {
    const events = [
      ev.opened(at(9), "w1"),
      ev.started(at(9), "t1", "w1"),
      ev.completed(at(9, 55), "t1", "w1"),
      ev.opened(at(9), "w2"),
      ev.issued(at(9, 58), "t9", "c2"),
    ];
    const live = viewOf(events, hall, at(9), at(10), true);
    expect(win(live, "w2")).toMatchObject({ eligible: true, cold: false, hot: false });
    expect(live.imbalance).toMatchObject({ hot: ["w1"], cold: [], imbalanced: false });
    const past = viewOf(events, hall, at(9), at(10), false);
    expect(win(past, "w2")).toMatchObject({ cold: true });
    expect(past.imbalance).toMatchObject({ hot: ["w1"], cold: ["w2"], imbalanced: true });
  });

  it("is hot by an over-target wait only in the live view", () => {
    const events = [
      ev.opened(at(9), "w1"),
      ev.started(at(9), "t1", "w1"),
      ev.completed(at(9, 30), "t1", "w1"),
      ev.opened(at(9), "w2"),
      ev.opened(at(9), "w3"),
      ev.issued(at(9, 40), "t2", "c1"), // waiting 20 min at 10:00 > 15 min target
    ];
    const live = viewOf(events, hall, at(9), at(10), true);
    expect(cat(live, "c1")).toMatchObject({ waitingNow: 1, oldestWaitSeconds: 1200 });
    expect(live.windows.map((w) => [w.windowId, w.hot, w.cold])).toEqual([
      ["w1", true, false], // utilization 0.5 but c1 over target
      ["w2", false, true], // c2 empty
      ["w3", true, false], // serves c1 too
    ]);
    expect(live.imbalance).toMatchObject({ hot: ["w1", "w3"], cold: ["w2"], imbalanced: true });
    const past = viewOf(events, hall, at(9), at(10), false);
    expect(past.windows.map((w) => [w.windowId, w.hot, w.cold])).toEqual([
      ["w1", false, false],
      ["w2", false, true],
      ["w3", false, true],
    ]);
    expect(past.imbalance).toMatchObject({ hot: [], cold: ["w2", "w3"], imbalanced: false });
    // utilizations 0.5, 0, 0: mean 1/6, σ = √2/6 → cv √2.
    expect(past.imbalance.cv).toBeCloseTo(Math.SQRT2, 12);
    expect(live.imbalance.cv).toBeCloseTo(Math.SQRT2, 12);
  });

  it("needs a wait strictly longer than the target", () => {
    const base = [ev.opened(at(9), "w1")];
    const exactly = viewOf([...base, ev.issued(at(9, 45), "t1", "c1")], hall, at(9), at(10), true);
    expect(cat(exactly, "c1").oldestWaitSeconds).toBe(900);
    expect(win(exactly, "w1").hot).toBe(false);
    const longer = viewOf([...base, ev.issued(at(9, 45) - 1, "t1", "c1")], hall, at(9), at(10), true);
    expect(win(longer, "w1").hot).toBe(true);
  });

  it("uses the configured thresholds", () => {
    const custom = hallConfig({ hotUtilization: 0.5, coldUtilization: 0.2 });
    const events = [ev.opened(at(9), "w1"), ev.started(at(9), "t1", "w1"), ev.completed(at(9, 30), "t1", "w1"), ev.opened(at(9), "w2"), ev.started(at(9), "t2", "w2"), ev.completed(at(9, 15), "t2", "w2")];
    const view = viewOf(events, custom, at(9), at(10));
    expect(win(view, "w1")).toMatchObject({ utilization: 0.5, hot: true });
    expect(win(view, "w2")).toMatchObject({ utilization: 0.25, cold: false, hot: false });
  });

  it("requires 10 open minutes in an interval of an hour", () => {
    const justEnough = viewOf([ev.opened(at(9, 50), "w1")], hall, at(9), at(10));
    expect(win(justEnough, "w1")).toMatchObject({ openSeconds: 600, eligible: true, cold: true });
    const tooShort = viewOf([ev.opened(at(9, 50) + 1, "w1")], hall, at(9), at(10));
    expect(win(tooShort, "w1")).toMatchObject({ openSeconds: 599.999, eligible: false, cold: false });
  });

  it("requires all of an interval shorter than 10 minutes", () => {
    const events = [ev.opened(at(9), "w1"), ev.opened(at(9, 56), "w2")];
    const view = viewOf(events, hall, at(9, 55), at(10));
    expect(win(view, "w1")).toMatchObject({ openSeconds: 300, eligible: true, cold: true });
    expect(win(view, "w2")).toMatchObject({ openSeconds: 240, eligible: false, cold: false });
  });
});
