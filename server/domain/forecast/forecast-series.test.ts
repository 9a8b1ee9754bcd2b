import { describe, expect, it } from "vitest";
import { at, ev, factsOf, hallConfig } from "../test-fixtures.js";
import { buildArrivalProfile } from "./arrival-profile.js";
import { forecastSeries } from "./forecast-series.js";

const MIN = 60_000;
const hall = hallConfig();
const rows = [1, 2, 3, 4].flatMap((k) => Array.from({ length: 36 }, (_, s) => ({ categoryId: "c1", bucket: at(8) - k * 7 * 86_400_000 + s * 15 * MIN, arrivals: 3 })));
const profile = buildArrivalProfile(rows, ["c1", "c2"], hall.timezone);
const facts = factsOf([ev.issued(at(8, 5), "a", "c1"), ev.issued(at(9, 50), "b", "c1"), ev.issued(at(10, 2), "c", "c1")]);

describe("forecast series for the chart", () => {
  const s = forecastSeries({ hall, facts, now: at(10, 5), profile });
  const c1 = s.categories.find((c) => c.categoryId === "c1");
  const slot = (h: number, m: number) => c1?.slots.find((x) => x.start === new Date(at(h, m)).toISOString());

  it("runs from local midnight to the end of the horizon in 15-minute slots", () => {
    expect(s.dayStart).toBe(new Date(at(0)).toISOString());
    expect(s.slotMinutes).toBe(15);
    expect(s.historyDays).toBe(4);
    expect(c1?.slots).toHaveLength(45); // 00:00 … 11:00 (the slot holding 11:05)
  });

  it("gives the history mean, today's count so far, and the forecast with a band for the next hour", () => {
    expect(slot(8, 0)).toEqual({ start: new Date(at(8)).toISOString(), historyMean: 3, today: 1, forecast: null });
    const current = slot(10, 0);
    expect(current?.today).toBe(1);
    // The slot under way: the one arrival so far plus the rest of the slot's forecast.
    expect(current?.forecast?.expected).toBeGreaterThan(1);
    expect(current?.forecast?.low).toBeGreaterThanOrEqual(1);
    const next = slot(10, 15);
    expect(next?.today).toBeNull();
    expect(next?.forecast && next.forecast.low <= next.forecast.expected && next.forecast.expected <= next.forecast.high).toBe(true);
    expect(c1?.factor).toBeLessThan(1); // fewer came than history expected
  });

  it("says 'no history' for a category never seen, with no forecast and no history mean", () => {
    const c2 = s.categories.find((c) => c.categoryId === "c2");
    expect(c2?.status).toBe("no-history");
    expect(c2?.factor).toBeNull();
    expect(c2?.slots.every((x) => x.forecast === null && x.historyMean === null)).toBe(true);
  });

  it("forecasts nothing past the opening hours", () => {
    const closed = forecastSeries({ hall, facts, now: at(10, 5), profile, openingHours: [{ weekday: 1, from: "08:00", to: "10:30" }] });
    const after = closed.categories[0]?.slots.find((x) => x.start === new Date(at(10, 45)).toISOString());
    expect(after?.forecast).toEqual({ expected: 0, low: 0, high: 0 });
  });
});
