// Rule 7 (完成审批程序后1个工作日内公开) on the REAL official calendar: 2026 National Day 10-01…10-07 off
// with make-up working days Sunday 09-20 and Saturday 10-10, Mid-autumn 09-25…09-27 off, 2027 not
// covered (weekday fallback, provisional) unless an administrator enters it.
import { describe, expect, it } from "vitest";
import type { ServiceItem } from "../../../../contract/index.js";
import { officialCalendarYears } from "../../../adapters/calendar/official-calendar.js";
import { WorkingCalendar } from "../../calendar/working-calendar.js";
import { inputsOf, item, list, run } from "../test-fixtures.js";
import { latePublication } from "./late-publication.js";

const official = new WorkingCalendar(officialCalendarYears());
const withAdmin2027 = new WorkingCalendar([...officialCalendarYears(), { year: 2027, source: "admin", holidays: ["2027-01-01"], workdays: [] }]);

function judge(changed: Partial<ServiceItem>, today = "2026-10-12", calendar = official) {
  return run(latePublication, inputsOf(calendar, { today, online: list(3, [item("MZ-001", changed)]) }));
}

describe("the calendar the cases rely on", () => {
  it("is the real package data: 2026 covered, 2027 not", () => {
    expect(official.isCovered(2026)).toBe(true);
    expect(official.isCovered(2027)).toBe(false);
    expect(official.day("2026-10-10")).toEqual({ working: true, provisional: false });
    expect(official.day("2026-09-25")).toEqual({ working: false, provisional: false });
  });
});

describe("late-publication: published items", () => {
  it("on time: approved Wednesday 09-30 (last working day before National Day), published Thursday 10-08", () => {
    expect(judge({ approvedAt: "2026-09-30", publishedAt: "2026-10-08" })).toEqual([]);
  });

  it("late: approved 09-30, published Friday 10-09 — 2 working days", () => {
    const found = judge({ approvedAt: "2026-09-30", publishedAt: "2026-10-09" });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ key: "late-publication:online:MZ-001", rule: "late-publication", severity: "medium", itemCode: "MZ-001" });
    expect(found[0]?.evidence).toEqual({
      source: "online",
      version: 3,
      approvedAt: "2026-09-30",
      publishedAt: "2026-10-09",
      workingDays: 2,
      deadline: "2026-10-08",
    });
    expect(found[0]?.provisional).toBeUndefined();
    expect(found[0]?.messages["zh-CN"]).toContain("2 个工作日");
  });

  it("on time: approved Friday 10-09, published on the make-up working Saturday 10-10", () => {
    expect(judge({ approvedAt: "2026-10-09", publishedAt: "2026-10-10" })).toEqual([]);
  });

  it("late: approved Friday 10-09, published Monday 10-12 (the make-up Saturday 10-10 was the deadline)", () => {
    const found = judge({ approvedAt: "2026-10-09", publishedAt: "2026-10-12" });
    expect(found.map((f) => [f.evidence.workingDays, f.evidence.deadline])).toEqual([[2, "2026-10-10"]]);
  });

  it("on time: approved Thursday 09-24, published Monday 09-28 over the Mid-autumn break (09-25…09-27 off)", () => {
    expect(judge({ approvedAt: "2026-09-24", publishedAt: "2026-09-28" })).toEqual([]);
    expect(judge({ approvedAt: "2026-09-24", publishedAt: "2026-09-29" }).map((f) => f.evidence.workingDays)).toEqual([2]);
  });

  it("counts the make-up working Sunday 09-20: approved Friday 09-18, published Monday 09-21 is late", () => {
    const found = judge({ approvedAt: "2026-09-18", publishedAt: "2026-09-21" });
    expect(found.map((f) => [f.evidence.workingDays, f.evidence.deadline])).toEqual([[2, "2026-09-20"]]);
  });

  it("uses the date of date-times and accepts publication on the day of approval", () => {
    expect(judge({ approvedAt: "2026-09-30T17:45:00+08:00", publishedAt: "2026-10-08T09:00:00+08:00" })).toEqual([]);
    expect(judge({ approvedAt: "2026-09-30", publishedAt: "2026-09-30" })).toEqual([]);
    expect(judge({ approvedAt: "2026-09-30T10:00:00+08:00", publishedAt: "2026-10-09T08:00:00+08:00" })).toHaveLength(1);
  });

  it("ignores items without an approval date (not changed)", () => {
    expect(judge({ publishedAt: "2026-10-09" })).toEqual([]);
    expect(judge({ approvedAt: null, publishedAt: null }, "2027-06-01")).toEqual([]);
  });

  it("marks a result that depends on 2027 provisional, and not once an administrator entered 2027", () => {
    // 12-31 (Thu) → 2027-01-05 (Tue): weekday fallback counts 01-01, 01-04, 01-05.
    const fallback = judge({ approvedAt: "2026-12-31", publishedAt: "2027-01-05" });
    expect(fallback).toHaveLength(1);
    expect(fallback[0]).toMatchObject({ provisional: true, evidence: { workingDays: 3, deadline: "2027-01-01" } });
    // With 2027-01-01 a holiday: 01-04, 01-05.
    const admin = judge({ approvedAt: "2026-12-31", publishedAt: "2027-01-05" }, "2027-01-10", withAdmin2027);
    expect(admin).toHaveLength(1);
    expect(admin[0]?.evidence).toMatchObject({ workingDays: 2, deadline: "2027-01-04" });
    expect(admin[0]?.provisional).toBeUndefined();
  });

  it("lets administrator data change the verdict: 12-31 → 2027-01-04 is late on the fallback, on time with 01-01 off", () => {
    expect(judge({ approvedAt: "2026-12-31", publishedAt: "2027-01-04" })).toMatchObject([{ provisional: true, evidence: { workingDays: 2 } }]);
    expect(judge({ approvedAt: "2026-12-31", publishedAt: "2027-01-04" }, "2027-01-10", withAdmin2027)).toEqual([]);
  });
});

describe("late-publication: unpublished items, judged on today", () => {
  it("is not late on the deadline nor on the holidays before it", () => {
    expect(judge({ approvedAt: "2026-09-30" }, "2026-10-07")).toEqual([]);
    expect(judge({ approvedAt: "2026-09-30", publishedAt: null }, "2026-10-08")).toEqual([]);
  });

  it("is late once more than 1 working day has passed: approved 09-30, still unpublished on 10-09", () => {
    const found = judge({ approvedAt: "2026-09-30" }, "2026-10-09");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ key: "late-publication:online:MZ-001", itemCode: "MZ-001" });
    expect(found[0]?.evidence).toEqual({
      source: "online",
      version: 3,
      approvedAt: "2026-09-30",
      publishedAt: null,
      workingDays: 2,
      deadline: "2026-10-08",
    });
    expect(found[0]?.provisional).toBeUndefined();
  });

  it("is not late on a day off right after the deadline (publishing that day would still be on time)", () => {
    // Approved Thursday 10-15, due Friday 10-16; Saturday 10-17 is not a working day.
    expect(judge({ approvedAt: "2026-10-15" }, "2026-10-17")).toEqual([]);
    expect(judge({ approvedAt: "2026-10-15" }, "2026-10-19").map((f) => f.evidence.workingDays)).toEqual([2]);
  });

  it("is late and provisional: approved 2026-12-30, unpublished on 2027-01-04 (2027 has no official data)", () => {
    const found = judge({ approvedAt: "2026-12-30" }, "2027-01-04");
    expect(found).toHaveLength(1);
    expect(found[0]?.provisional).toBe(true);
    expect(found[0]?.evidence).toMatchObject({ approvedAt: "2026-12-30", publishedAt: null, deadline: "2026-12-31", workingDays: 3 });
  });

  it("is late and not provisional once an administrator entered 2027 (01-01 off)", () => {
    const found = judge({ approvedAt: "2026-12-30" }, "2027-01-04", withAdmin2027);
    expect(found).toHaveLength(1);
    expect(found[0]?.provisional).toBeUndefined();
    expect(found[0]?.evidence).toMatchObject({ deadline: "2026-12-31", workingDays: 2 });
  });
});

describe("late-publication: both lists", () => {
  it("judges the online and the hall list under separate keys, and judges nothing without lists", () => {
    const changed = item("MZ-001", { approvedAt: "2026-09-30", publishedAt: "2026-10-09" });
    const found = run(latePublication, inputsOf(official, { online: list(3, [changed]), hallList: list(8, [changed]) }));
    expect(found.map((f) => [f.key, f.evidence.source, f.evidence.version])).toEqual([
      ["late-publication:online:MZ-001", "online", 3],
      ["late-publication:hall:MZ-001", "hall", 8],
    ]);
    expect(run(latePublication, inputsOf(official))).toEqual([]);
  });
});
