import { describe, expect, it } from "vitest";
import { at, ev, factsOf, MINUTE } from "../test-fixtures.js";
import { todayWithinTarget } from "./within-target.js";

const dayStart = at(0);
const TARGET = 15 * MINUTE;

describe("todayWithinTarget", () => {
  it("counts today's first calls and those within the target (the target itself is within)", () => {
    const facts = factsOf([
      ev.issued(at(9), "t1", "c1"),
      ev.called(at(9, 5), "t1", "w1"), // 5 min
      ev.issued(at(9), "t2", "c1"),
      ev.called(at(9, 15), "t2", "w1"), // exactly 15 min
      ev.issued(at(9), "t3", "c1"),
      ev.called(at(9, 40), "t3", "w1"), // 40 min
      ev.issued(at(9), "t4", "c1"), // waiting, never called
    ]);
    expect(todayWithinTarget(facts, dayStart, at(10), TARGET)).toEqual({ called: 3, within: 2, changesAt: Infinity });
  });

  it("uses the first call only: a recall later does not change the wait", () => {
    const facts = factsOf([ev.issued(at(9), "t1", "c1"), ev.called(at(9, 10), "t1", "w1"), ev.called(at(9, 50), "t1", "w1")]);
    expect(todayWithinTarget(facts, dayStart, at(10), TARGET)).toEqual({ called: 1, within: 1, changesAt: Infinity });
  });

  it("leaves out tickets first called yesterday, even when called again today", () => {
    const facts = factsOf([
      ev.issued(at(0) - 60 * MINUTE, "y1", "c1"),
      ev.called(at(0) - 30 * MINUTE, "y1", "w1"),
      ev.called(at(8), "y1", "w1"),
      ev.issued(at(0) - 20 * MINUTE, "y2", "c1"), // issued yesterday, first called today after 30 min
      ev.called(at(0) + 10 * MINUTE, "y2", "w1"),
    ]);
    expect(todayWithinTarget(facts, dayStart, at(10), TARGET)).toEqual({ called: 1, within: 0, changesAt: Infinity });
  });

  it("leaves out calls at or after `now`, and says when the earliest of them comes due", () => {
    const facts = factsOf([ev.issued(at(9), "t1", "c1"), ev.called(at(10), "t1", "w1"), ev.issued(at(9), "t2", "c1"), ev.called(at(10, 30), "t2", "w1")]);
    expect(todayWithinTarget(facts, dayStart, at(10), TARGET)).toEqual({ called: 0, within: 0, changesAt: at(10) });
    expect(todayWithinTarget(facts, dayStart, at(10, 1), TARGET)).toEqual({ called: 1, within: 0, changesAt: at(10, 30) });
  });

  it("counts a call stamped before its issue (a device's clock) as no wait", () => {
    const facts = factsOf([ev.issued(at(9, 30), "t1", "c1"), ev.called(at(9, 10), "t1", "w1")]);
    expect(todayWithinTarget(facts, dayStart, at(10), 0)).toEqual({ called: 1, within: 1, changesAt: Infinity });
  });

  it("is zero over zero for an empty hall", () => {
    expect(todayWithinTarget(factsOf([]), dayStart, at(10), TARGET)).toEqual({ called: 0, within: 0, changesAt: Infinity });
  });
});
