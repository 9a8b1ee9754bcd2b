import { describe, expect, it } from "vitest";
import { allowedNext, canTransition, followUpReport, isOverdue, isPoorRating, type CaseFacts } from "./follow-up-rules.js";

describe("follow-up case life", () => {
  it("walks open → contacted → rectified → reviewed and nothing else", () => {
    expect(canTransition("open", "contacted")).toBe(true);
    expect(canTransition("contacted", "rectified")).toBe(true);
    expect(canTransition("rectified", "reviewed")).toBe(true);
    expect(canTransition("open", "rectified")).toBe(false);
    expect(canTransition("open", "reviewed")).toBe(false);
    expect(canTransition("reviewed", "open")).toBe(false);
    expect(allowedNext("reviewed")).toEqual([]);
  });

  it("allows an appeal from any open step, decided as upheld or withdrawn", () => {
    for (const s of ["open", "contacted", "rectified"] as const) expect(canTransition(s, "appealed")).toBe(true);
    expect(allowedNext("appealed")).toEqual(["upheld", "withdrawn"]);
    expect(canTransition("upheld", "appealed")).toBe(false);
  });

  it("treats ratings 1 and 2 as poor", () => {
    expect([1, 2, 3, 4, 5].map(isPoorRating)).toEqual([true, true, false, false, false]);
  });

  it("is overdue only after the deadline and only while not closed", () => {
    expect(isOverdue({ deadline: "2026-10-20", state: "contacted" }, "2026-10-20")).toBe(false);
    expect(isOverdue({ deadline: "2026-10-20", state: "contacted" }, "2026-10-21")).toBe(true);
    expect(isOverdue({ deadline: "2026-10-20", state: "reviewed" }, "2026-10-30")).toBe(false);
    expect(isOverdue({ deadline: "2026-10-20", state: "appealed" }, "2026-10-21")).toBe(true);
  });
});

describe("follow-up report", () => {
  const c = (windowId: string, evaluatedOn: string, deadline: string, closedOn: string | null): CaseFacts => ({
    windowId,
    evaluatedOn,
    deadline,
    state: closedOn ? "reviewed" : "contacted",
    closedOn,
  });

  it("gives the followed-up and on-time shares per month and per window", () => {
    const report = followUpReport([
      c("w1", "2026-10-09", "2026-10-30", "2026-10-20"), // on time
      c("w1", "2026-10-15", "2026-11-05", "2026-11-06"), // late
      c("w2", "2026-10-20", "2026-11-10", null), // still open
      c("w2", "2026-11-02", "2026-11-23", "2026-11-03"), // on time
    ]);
    expect(report.byMonth).toEqual([
      { key: "2026-10", poor: 3, followedUp: 2, onTime: 1, followedUpShare: 2 / 3, onTimeShare: 1 / 3 },
      { key: "2026-11", poor: 1, followedUp: 1, onTime: 1, followedUpShare: 1, onTimeShare: 1 },
    ]);
    expect(report.byWindow).toEqual([
      { key: "w1", poor: 2, followedUp: 2, onTime: 1, followedUpShare: 1, onTimeShare: 0.5 },
      { key: "w2", poor: 2, followedUp: 1, onTime: 1, followedUpShare: 0.5, onTimeShare: 0.5 },
    ]);
  });

  it("has no shares without cases", () => {
    expect(followUpReport([])).toEqual({ byMonth: [], byWindow: [] });
  });
});
