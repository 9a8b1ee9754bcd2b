import { describe, expect, it } from "vitest";
import { WorkingCalendar } from "./working-calendar.js";

// National Day 2026 as published (and as chinese-days has it): 10-01…10-07 off, Sunday 09-20 and
// Saturday 10-10 worked (调休); Mid-autumn 09-25…09-27 off.
const official2026 = {
  year: 2026,
  source: "official" as const,
  holidays: ["2026-09-25", "2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"],
  workdays: ["2026-09-20", "2026-10-10"],
};

describe("WorkingCalendar", () => {
  const cal = new WorkingCalendar([official2026]);

  it("knows holidays, make-up working days and ordinary weekends of an official year", () => {
    expect(cal.day("2026-10-01")).toEqual({ working: false, provisional: false });
    expect(cal.day("2026-09-20")).toEqual({ working: true, provisional: false }); // Sunday worked
    expect(cal.day("2026-09-25")).toEqual({ working: false, provisional: false }); // Friday off (中秋)
    expect(cal.day("2026-10-10")).toEqual({ working: true, provisional: false }); // Saturday worked
    expect(cal.day("2026-10-03")).toEqual({ working: false, provisional: false }); // Saturday in the break
    expect(cal.day("2026-09-30")).toEqual({ working: true, provisional: false });
  });

  it("counts one working day after the last working day before National Day as the first day after it", () => {
    // Approved on Wednesday 09-30: the next working day is Thursday 10-08 (10-01…10-07 are off).
    expect(cal.addWorkingDays("2026-09-30", 1)).toEqual({ date: "2026-10-08", provisional: false });
    // Approved on Friday 10-09: the next working day is the make-up Saturday 10-10.
    expect(cal.addWorkingDays("2026-10-09", 1)).toEqual({ date: "2026-10-10", provisional: false });
  });

  it("falls back to Monday–Friday in a year without data, and says so", () => {
    expect(cal.day("2027-01-01")).toEqual({ working: true, provisional: true }); // a Friday
    expect(cal.addWorkingDays("2026-12-31", 1)).toEqual({ date: "2027-01-01", provisional: true });
    expect(cal.addWorkingDays("2026-12-30", 1)).toEqual({ date: "2026-12-31", provisional: false });
  });

  it("uses administrator data for a year the package does not cover", () => {
    const withAdmin = new WorkingCalendar([official2026, { year: 2027, source: "admin", holidays: ["2027-01-01"], workdays: [] }]);
    expect(withAdmin.day("2027-01-01")).toEqual({ working: false, provisional: false });
    expect(withAdmin.addWorkingDays("2026-12-31", 1)).toEqual({ date: "2027-01-04", provisional: false });
    expect(withAdmin.coveredYears()).toEqual([
      { year: 2026, source: "official" },
      { year: 2027, source: "admin" },
    ]);
  });

  it("counts working days between two dates", () => {
    expect(cal.workingDaysBetween("2026-09-30", "2026-10-08")).toEqual({ count: 1, provisional: false });
    expect(cal.workingDaysBetween("2026-10-08", "2026-10-08")).toEqual({ count: 0, provisional: false });
    expect(cal.workingDaysBetween("2026-09-18", "2026-09-21")).toEqual({ count: 2, provisional: false }); // Sun 20 worked, Mon 21
    expect(cal.workingDaysBetween("2026-09-24", "2026-09-28")).toEqual({ count: 1, provisional: false }); // Fri 25 off, Mon 28
  });

  it("ignores dates filed under the wrong year", () => {
    const odd = new WorkingCalendar([{ year: 2026, source: "admin", holidays: ["2025-12-31"], workdays: [] }]);
    expect(odd.day("2025-12-31").provisional).toBe(true);
  });
});
