import { describe, expect, it } from "vitest";
import { isOpenAt, minuteOfDay, openingSchedule, openShare, WEEK_MINUTES } from "./opening-hours.js";

const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: "08:30", to: "17:00" }));

describe("opening hours", () => {
  it("reads HH:MM, 24:00 included, and refuses anything else", () => {
    expect(minuteOfDay("08:30")).toBe(510);
    expect(minuteOfDay("24:00")).toBe(1440);
    for (const bad of ["8:30", "24:01", "12:60", "noon", ""]) expect(() => minuteOfDay(bad)).toThrow(RangeError);
  });

  it("refuses a weekday outside 1–7 and hours that end before they start", () => {
    expect(() => openingSchedule([{ weekday: 0, from: "08:00", to: "09:00" }])).toThrow(RangeError);
    expect(() => openingSchedule([{ weekday: 8, from: "08:00", to: "09:00" }])).toThrow(RangeError);
    expect(() => openingSchedule([{ weekday: 1, from: "09:00", to: "09:00" }])).toThrow(RangeError);
  });

  it("is open around the clock without opening hours (absent or empty)", () => {
    for (const s of [openingSchedule(undefined), openingSchedule([])]) {
      expect(isOpenAt(s, 0)).toBe(true);
      expect(isOpenAt(s, 3 * 1440 + 200)).toBe(true);
      expect(openShare(s, 100, 160)).toBe(1);
    }
  });

  it("is open inside the configured hours only, the end excluded, weekends closed", () => {
    const s = openingSchedule(weekdays);
    expect(isOpenAt(s, 509)).toBe(false);
    expect(isOpenAt(s, 510)).toBe(true);
    expect(isOpenAt(s, 1019)).toBe(true);
    expect(isOpenAt(s, 1020)).toBe(false);
    expect(isOpenAt(s, 5 * 1440 + 600)).toBe(false); // Saturday 10:00
    expect(isOpenAt(s, WEEK_MINUTES + 600)).toBe(true); // wraps into next Monday
  });

  it("gives the open share of a span, by minute", () => {
    const s = openingSchedule(weekdays);
    expect(openShare(s, 480, 540)).toBe(0.5); // 08:00–09:00, open from 08:30
    expect(openShare(s, 990, 1050)).toBe(0.5); // 16:30–17:30
    expect(openShare(s, 600, 600)).toBe(0);
  });
});
