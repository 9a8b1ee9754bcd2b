// Periods in the hall's time zone: presets end yesterday (hall-local), custom periods are checked, the
// monthly report defaults to the last full month.
import { describe, expect, it } from "vitest";
import { addDays, daysIn, hallToday, isoWeekday, lastFullMonth, nextMonth, periodProblem, presetPeriod, previousMonth } from "./admin-history-period.js";

// 16:30 UTC on 25 Nov 2026: already 26 Nov in Shanghai (UTC+8), still 25 Nov in Los Angeles.
const NOW = Date.parse("2026-11-25T16:30:00.000Z");

describe("history periods", () => {
  it("takes today in the hall's time zone, not the browser's", () => {
    expect(hallToday("Asia/Shanghai", NOW)).toBe("2026-11-26");
    expect(hallToday("America/Los_Angeles", NOW)).toBe("2026-11-25");
    expect(hallToday("UTC", NOW)).toBe("2026-11-25");
  });

  it("ends every preset yesterday (hall-local) and counts both ends", () => {
    const today = hallToday("Asia/Shanghai", NOW);
    expect(presetPeriod("day", today)).toEqual({ from: "2026-11-25", to: "2026-11-25" });
    expect(presetPeriod("week", today)).toEqual({ from: "2026-11-19", to: "2026-11-25" });
    expect(presetPeriod("month", today)).toEqual({ from: "2026-10-27", to: "2026-11-25" });
    expect(presetPeriod("year", today)).toEqual({ from: "2025-11-26", to: "2026-11-25" });
    expect(daysIn(presetPeriod("week", today))).toBe(7);
    expect(daysIn(presetPeriod("year", today))).toBe(365);
    expect(presetPeriod("week", hallToday("America/Los_Angeles", NOW))).toEqual({ from: "2026-11-18", to: "2026-11-24" });
  });

  it("moves across months, years and leap days", () => {
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(isoWeekday("2026-11-23")).toBe(1);
    expect(isoWeekday("2026-11-29")).toBe(7);
  });

  it("checks a custom period before it is asked for", () => {
    const today = "2026-11-26";
    expect(periodProblem({ from: "2026-11-01", to: "2026-11-20" }, today)).toBeNull();
    expect(periodProblem({ from: "2026-11-26", to: "2026-11-26" }, today)).toBeNull();
    expect(periodProblem({ from: "", to: "2026-11-20" }, today)).toBe("missing");
    expect(periodProblem({ from: "2026-02-30", to: "2026-03-02" }, today)).toBe("missing");
    expect(periodProblem({ from: "2026-11-21", to: "2026-11-20" }, today)).toBe("order");
    expect(periodProblem({ from: "2026-11-21", to: "2026-11-27" }, today)).toBe("future");
    expect(periodProblem({ from: "2025-10-30", to: "2026-11-02" }, today)).toBe("tooLong");
    expect(periodProblem({ from: "2025-10-25", to: "2026-10-27" }, today)).toBe("tooLong"); // 368 days
    expect(periodProblem({ from: "2025-10-26", to: "2026-10-27" }, today)).toBeNull(); // 367 days
  });

  it("defaults the monthly report to the last full month, across the year", () => {
    expect(lastFullMonth("2026-11-26")).toBe("2026-10");
    expect(lastFullMonth("2027-01-01")).toBe("2026-12");
    expect(previousMonth("2026-01")).toBe("2025-12");
    expect(nextMonth("2026-12")).toBe("2027-01");
    expect(lastFullMonth(hallToday("Asia/Shanghai", Date.parse("2026-11-30T16:30:00.000Z")))).toBe("2026-11"); // 1 Dec in Shanghai
  });
});
