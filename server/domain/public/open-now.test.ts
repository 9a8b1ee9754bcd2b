import { describe, expect, it } from "vitest";
import { WorkingCalendar } from "../calendar/working-calendar.js";
import { openNow } from "./open-now.js";

// National Day 2026 as published: 10-01…10-07 off, Saturday 10-10 worked (调休).
const calendar = new WorkingCalendar([
  { year: 2026, source: "official", holidays: ["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"], workdays: ["2026-09-20", "2026-10-10"] },
]);
/** Epoch ms of a Shanghai wall-clock time (UTC+8). */
const sh = (date: string, hhmm: string) => Date.parse(`${date}T${hhmm}:00+08:00`);
const weekdays = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, from: "09:00", to: "12:00" },
  { weekday, from: "13:30", to: "17:00" },
]);
const hall = { timezone: "Asia/Shanghai", openingHours: [...weekdays, { weekday: 6, from: "09:00", to: "12:00" }] };

describe("openNow", () => {
  it("is open inside today's hours and closed outside them, including the lunch break and the exclusive end", () => {
    // 2026-10-12 is a Monday.
    expect(openNow(hall, calendar, sh("2026-10-12", "09:00"))).toEqual({
      status: "open",
      open: true,
      date: "2026-10-12",
      todayHours: [{ from: "09:00", to: "12:00" }, { from: "13:30", to: "17:00" }],
      makeUpDay: false,
    });
    expect(openNow(hall, calendar, sh("2026-10-12", "12:30"))).toMatchObject({ status: "closed", open: false });
    expect(openNow(hall, calendar, sh("2026-10-12", "16:59"))).toMatchObject({ status: "open", open: true });
    expect(openNow(hall, calendar, sh("2026-10-12", "17:00"))).toMatchObject({ status: "closed", open: false });
    expect(openNow(hall, calendar, sh("2026-10-12", "08:59"))).toMatchObject({ status: "closed", open: false });
  });

  it("closes all day on a public holiday of the official calendar, even inside the weekday's hours", () => {
    // 2026-10-05 is a Monday inside the National Day break.
    expect(openNow(hall, calendar, sh("2026-10-05", "10:00"))).toEqual({ status: "holiday", open: false, date: "2026-10-05", todayHours: [], makeUpDay: false });
  });

  it("opens a make-up working day (调休上班) with the working-day hours, even on a Sunday without weekend hours", () => {
    // 2026-09-20 is a Sunday worked; 2026-10-10 a Saturday worked (the working-day hours, not Saturday's).
    const sunday = openNow(hall, calendar, sh("2026-09-20", "14:00"));
    expect(sunday).toMatchObject({ status: "open", open: true, makeUpDay: true });
    expect(sunday.todayHours).toEqual([{ from: "09:00", to: "12:00" }, { from: "13:30", to: "17:00" }]);
    expect(openNow(hall, calendar, sh("2026-10-10", "15:00"))).toMatchObject({ status: "open", makeUpDay: true });
  });

  it("keeps an ordinary weekend to its own hours (Saturday morning open, Sunday closed)", () => {
    expect(openNow(hall, calendar, sh("2026-10-17", "10:00"))).toMatchObject({ status: "open", todayHours: [{ from: "09:00", to: "12:00" }] });
    expect(openNow(hall, calendar, sh("2026-10-17", "14:00"))).toMatchObject({ status: "closed", open: false });
    expect(openNow(hall, calendar, sh("2026-10-18", "10:00"))).toMatchObject({ status: "closed", open: false, todayHours: [] });
  });

  it("says calendar_unknown for a day past the calendar's known years instead of guessing", () => {
    // 2027-01-04 is a Monday, inside the hours: it might still be a holiday nobody has published yet.
    const v = openNow(hall, calendar, sh("2027-01-04", "10:00"));
    expect(v).toEqual({ status: "calendar_unknown", open: null, date: "2027-01-04", todayHours: [{ from: "09:00", to: "12:00" }, { from: "13:30", to: "17:00" }], makeUpDay: false });
  });

  it("treats a hall without opening hours (absent or empty) as open around the clock, holidays and unknown years included", () => {
    for (const openingHours of [undefined, []]) {
      const h = { timezone: "Asia/Shanghai", ...(openingHours ? { openingHours } : {}) };
      expect(openNow(h, calendar, sh("2026-10-01", "03:00"))).toMatchObject({ status: "open", open: true, todayHours: null });
      expect(openNow(h, calendar, sh("2027-01-04", "23:59"))).toMatchObject({ status: "open", open: true, todayHours: null });
    }
  });

  it("reads the hall's own time zone: 01:30 UTC on Monday is 09:30 in Shanghai", () => {
    expect(openNow(hall, calendar, Date.parse("2026-10-12T01:30:00Z"))).toMatchObject({ status: "open", date: "2026-10-12" });
    // The same instant is still Sunday evening in New York: a Sunday without hours there.
    const ny = { ...hall, timezone: "America/New_York" };
    expect(openNow(ny, calendar, Date.parse("2026-10-12T01:30:00Z"))).toMatchObject({ status: "closed", date: "2026-10-11" });
  });
});
