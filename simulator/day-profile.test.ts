// Unit tests of the day profile: opening hours, peaks, the lunch dip and weekends.
import { describe, expect, it } from "vitest";
import { arrivalIntensity, dayDemandFactor, dayKindOf, hhmm, minuteShares, scheduleFor } from "./day-profile.js";

describe("day profile", () => {
  it("parses HH:MM", () => {
    expect(hhmm("08:30")).toBe(510);
    expect(hhmm("17:30")).toBe(1050);
    expect(() => hhmm("25:00")).toThrow();
    expect(() => hhmm("9h")).toThrow();
  });

  it("has no arrivals outside ticket hours and on Sundays", () => {
    expect(arrivalIntensity(hhmm("07:00"))).toBe(0);
    expect(arrivalIntensity(hhmm("17:10"))).toBe(0);
    expect(arrivalIntensity(hhmm("10:00"), "closed")).toBe(0);
    expect(arrivalIntensity(hhmm("14:00"), "saturday")).toBe(0);
    expect(arrivalIntensity(hhmm("10:00"), "saturday")).toBeGreaterThan(0);
  });

  it("peaks in the morning and the afternoon and dips at lunch", () => {
    const lunch = arrivalIntensity(hhmm("12:30"));
    expect(arrivalIntensity(hhmm("10:00"))).toBeGreaterThan(5 * lunch);
    expect(arrivalIntensity(hhmm("15:00"))).toBeGreaterThan(5 * lunch);
    expect(arrivalIntensity(hhmm("10:00"))).toBeGreaterThan(arrivalIntensity(hhmm("08:45")));
    expect(arrivalIntensity(hhmm("15:00"))).toBeGreaterThan(arrivalIntensity(hhmm("16:45")));
  });

  it("normalises minute shares to 1", () => {
    const shares = minuteShares("weekday");
    expect(shares).toHaveLength(1440);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(minuteShares("closed").every((s) => s === 0)).toBe(true);
  });

  it("knows weekdays, Saturdays and Sundays", () => {
    expect(dayKindOf("2026-11-24")).toBe("weekday"); // Tuesday
    expect(dayKindOf("2026-11-28")).toBe("saturday");
    expect(dayKindOf("2026-11-29")).toBe("closed");
    expect(scheduleFor("closed")).toBeNull();
    expect(scheduleFor("weekday")?.lunch).toEqual({ start: 720, end: 810 });
    expect(dayDemandFactor("2026-11-23")).toBeGreaterThan(dayDemandFactor("2026-11-27")); // Monday > Friday
    expect(() => dayKindOf("2026-02-30")).toThrow();
  });
});
