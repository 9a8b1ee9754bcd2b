// The real package data, checked at the boundaries the late-publication rule depends on.
import { describe, expect, it } from "vitest";
import { WorkingCalendar } from "../../domain/calendar/working-calendar.js";
import { officialCalendarYears } from "./official-calendar.js";

describe("official calendar from chinese-days", () => {
  const cal = new WorkingCalendar(officialCalendarYears());

  it("covers 2026 and says that 2027 is not covered yet", () => {
    expect(cal.isCovered(2026)).toBe(true);
    expect(cal.isCovered(2027)).toBe(false);
  });

  it("knows National Day 2026 and its make-up days", () => {
    expect(cal.day("2026-10-01")).toEqual({ working: false, provisional: false });
    expect(cal.day("2026-10-10")).toEqual({ working: true, provisional: false });
    expect(cal.day("2026-09-20")).toEqual({ working: true, provisional: false });
    expect(cal.addWorkingDays("2026-09-30", 1)).toEqual({ date: "2026-10-08", provisional: false });
  });

  it("knows the Spring Festival 2026 break", () => {
    expect(cal.day("2026-02-17").working).toBe(false);
    expect(cal.day("2026-02-14").working).toBe(true); // Saturday worked before the break
  });
});
