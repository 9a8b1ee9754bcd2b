import { describe, expect, it } from "vitest";
import { calibrate, issueEstimates, type IssueEstimate } from "./calibration.js";
import type { WaitEstimates } from "./estimate-waits.js";

const MIN = 60_000;
const T0 = Date.UTC(2025, 2, 10, 1, 0); // 09:00 in Asia/Shanghai
const est = (ticketId: string, categoryId: string, p50: number | null, p80: number | null, issuedAt = T0): IssueEstimate => ({
  ticketId, categoryId, issuedAt, estimatedAt: issuedAt, p50Minutes: p50, p80Minutes: p80, basis: p50 === null ? "unknown" : "measured",
});

describe("calibrate", () => {
  it("counts called tickets by P50 and by P80, and the shown band, per day and category", () => {
    const rows = calibrate(
      [
        { estimate: est("a", "c1", 10, 15), firstCalledAt: T0 + 8 * MIN }, // by P50, earlier than the shown 10–15
        { estimate: est("b", "c1", 10, 15), firstCalledAt: T0 + 12 * MIN }, // by P80, within shown 10–15
        { estimate: est("c", "c1", 10, 15), firstCalledAt: T0 + 20 * MIN }, // late
        { estimate: est("d", "c2", 2, 4), firstCalledAt: T0 + 2 * MIN }, // at P50 counts as by P50
        { estimate: est("e", "c2", null, null), firstCalledAt: T0 + MIN }, // no estimate
        { estimate: est("f", "c2", 2, 4), firstCalledAt: null }, // never called
      ],
      "Asia/Shanghai",
    );
    expect(rows.map((r) => r.categoryId)).toEqual([null, "c1", "c2"]);
    const [all, c1, c2] = rows;
    expect(all).toMatchObject({ day: "2025-03-10", tickets: 4, byP50Share: 0.5, byP80Share: 0.75, noEstimate: 1, notCalled: 1 });
    expect(c1).toMatchObject({ tickets: 3, byP50Share: 1 / 3, byP80Share: 2 / 3, withinShownShare: 1 / 3, laterThanShownShare: 1 / 3 });
    expect(c2).toMatchObject({ tickets: 1, byP50Share: 1, noEstimate: 1, notCalled: 1 });
  });

  it("judges a late estimate from the moment it was made, and groups by the hall-local day of issue", () => {
    const late = { ...est("a", "c1", 5, 8), estimatedAt: T0 + 3 * MIN };
    const nextDay = est("b", "c1", 5, 8, T0 + 24 * 60 * MIN);
    const rows = calibrate([{ estimate: late, firstCalledAt: T0 + 9 * MIN }, { estimate: nextDay, firstCalledAt: nextDay.issuedAt + 9 * MIN }], "Asia/Shanghai");
    expect(rows.filter((r) => r.categoryId === null).map((r) => [r.day, r.byP80Share])).toEqual([["2025-03-10", 1], ["2025-03-11", 0]]);
  });

  it("gives null shares for a day without a called, estimated ticket", () => {
    const [all] = calibrate([{ estimate: est("a", "c1", null, null), firstCalledAt: T0 }], "Asia/Shanghai");
    expect(all).toMatchObject({ tickets: 0, byP50Share: null, byP80Share: null, noEstimate: 1 });
  });
});

describe("issueEstimates", () => {
  const estimates: WaitEstimates = {
    at: T0 + 1000,
    categories: [],
    tickets: [
      { ticketId: "new", ticketNo: "A001", categoryId: "c1", since: T0, ahead: 0, p50Minutes: 3, p80Minutes: 5, basis: "measured" },
      { ticketId: "old", ticketNo: "A002", categoryId: "c1", since: T0, ahead: 1, p50Minutes: 4, p80Minutes: 6, basis: "measured" },
      { ticketId: "moved", ticketNo: "A003", categoryId: "c2", since: T0 + 500, ahead: 0, p50Minutes: 1, p80Minutes: 2, basis: "fallback" },
    ],
  };
  it("records each ticket once, only in the queue it was issued into", () => {
    const out = issueEstimates(estimates, (id) => id === "old", () => T0);
    expect(out).toEqual([{ ticketId: "new", categoryId: "c1", issuedAt: T0, estimatedAt: T0 + 1000, p50Minutes: 3, p80Minutes: 5, basis: "measured" }]);
  });
});
