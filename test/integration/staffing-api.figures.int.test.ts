// GET …/staffing's rows (staffing-api-fixture.ts): the period the two loaded Mondays fall in, every row's
// arrivals per hour, mean handling time, Erlang C windows needed and windows open against the figures
// worked out from the raw log, hadOpen's bounds, a higher target and weeks=1, and the defaults.
import { describe, expect, it } from "vitest";
import type { StaffingRow } from "../../contract/index.js";
import { demoHall } from "../../simulator/demo-hall.js";
import { eventsInLogOf } from "../helpers/log-figures.js";
import { addDays, cellsFromLog, DAY_MS, expectedCells, expectedRow, FROM, HALL, keyOf, midnightMs, MONDAYS, server, setUpStaffingServer, staffing, TO } from "./staffing-api-fixture.js";

setUpStaffingServer();

describe("GET …/staffing", () => {
  it("uses the two Mondays inside the last two full weeks before today", () => {
    expect(MONDAYS).toHaveLength(2);
    for (const d of MONDAYS) {
      expect(midnightMs(d)).toBeGreaterThanOrEqual(FROM);
      expect(midnightMs(addDays(d, 1))).toBeLessThanOrEqual(TO);
    }
  });

  it("weeks=2&target=0.8: arrivals per hour, mean handling time, Erlang C windows needed and windows open, per Monday hour and category", async () => {
    const res = await staffing("weeks=2&target=0.8");
    expect({ weeks: res.weeks, target: res.target, waitMinutes: res.waitMinutes }).toEqual({ weeks: 2, target: 0.8, waitMinutes: 20 });
    // Only Mondays were loaded: every row is ISO weekday 1, ordered by hour then category.
    expect(res.rows.length).toBeGreaterThan(50);
    expect(res.rows.every((r) => r.weekday === 1)).toBe(true);
    const keys = res.rows.map((r) => [r.hour, r.categoryId] as const);
    expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)));
    expect(new Set(res.rows.map(keyOf)).size).toBe(res.rows.length);

    const rows = new Map(res.rows.map((r) => [keyOf(r), r]));
    // Every weekday-hour-category where someone came or a serving window was open has a row …
    const observed = [...expectedCells].filter(([, c]) => c.arrivals > 0 || c.openMs > 0);
    expect(res.rows.map(keyOf).sort()).toEqual(expect.arrayContaining(observed.map(([k]) => k)));
    // … and its figures: arrivals / weeks, the mean paired handling time, serversNeeded and the open time.
    for (const [key, c] of observed) {
      const got = rows.get(key) as StaffingRow;
      const want = expectedRow(key, c, 2, 0.8);
      expect({ ...got, hadOpen: 0 }, key).toEqual({ ...want, hadOpen: 0 });
      expect(got.hadOpen, key).toBeCloseTo(want.hadOpen, 9);
    }
    // Rows the log knows nothing about have nothing in them.
    for (const r of res.rows) if (!expectedCells.has(keyOf(r))) expect({ ...r, weekday: 0, hour: 0, categoryId: "" }).toEqual({ weekday: 0, hour: 0, categoryId: "", arrivalsPerHour: 0, avgHandleSeconds: null, needed: 0, hadOpen: 0 });

    // The planted imbalance: 不动产登记 needs more than the two windows it has at its busiest hour.
    const realEstate = res.rows.filter((r) => r.categoryId === "real-estate");
    expect(Math.max(...realEstate.map((r) => r.needed))).toBeGreaterThan(2);
  });

  it("hadOpen is plausible: at least 0, at most the windows serving the category, 0 where none was open", async () => {
    const res = await staffing("weeks=2&target=0.8");
    const servingCount = new Map(demoHall.categories.map((c) => [c.id, demoHall.windows.filter((w) => w.categories.includes(c.id)).length]));
    for (const r of res.rows) {
      expect(r.hadOpen).toBeGreaterThanOrEqual(0);
      expect(r.hadOpen).toBeLessThanOrEqual(servingCount.get(r.categoryId) as number);
      if ((expectedCells.get(keyOf(r))?.openMs ?? 0) === 0) expect(r.hadOpen, keyOf(r)).toBe(0);
    }
    // Before the windows open (tickets from 08:15, windows from 08:30) and after the last one closed.
    expect(res.rows.filter((r) => r.hour < 8).map(keyOf)).toEqual([]);
    const at8 = res.rows.filter((r) => r.hour === 8);
    expect(at8.some((r) => r.hadOpen > 0 && r.hadOpen < 1)).toBe(true);
    // needed always exceeds the offered load A = λ·h (a stable queue), whatever was open.
    for (const r of res.rows) if (r.arrivalsPerHour > 0 && r.avgHandleSeconds !== null) expect(r.needed).toBeGreaterThan((r.arrivalsPerHour * r.avgHandleSeconds) / 3600);
  });

  it("a higher target needs at least as many windows; weeks=1 sees only the later Monday", async () => {
    const low = await staffing("weeks=2&target=0.8");
    const high = await staffing("weeks=2&target=0.95");
    expect(high.rows.map(keyOf)).toEqual(low.rows.map(keyOf));
    for (const [i, r] of high.rows.entries()) expect(r.needed).toBeGreaterThanOrEqual((low.rows[i] as StaffingRow).needed);
    for (const [i, r] of high.rows.entries()) {
      const key = keyOf(r);
      const c = expectedCells.get(key);
      if (c) expect(r.needed, key).toBe(expectedRow(key, c, 2, 0.95).needed);
      expect({ ...r, needed: 0 }).toEqual({ ...(low.rows[i] as StaffingRow), needed: 0 });
    }

    const one = await staffing("weeks=1&target=0.8");
    const lastWeek = cellsFromLog(await eventsInLogOf(server, HALL), TO - 7 * DAY_MS, TO);
    const observed = [...lastWeek].filter(([, c]) => c.arrivals > 0 || c.openMs > 0);
    const rows = new Map(one.rows.map((r) => [keyOf(r), r]));
    expect(observed.length).toBeGreaterThan(50);
    for (const [key, c] of observed) {
      const want = expectedRow(key, c, 1, 0.8);
      const got = rows.get(key) as StaffingRow;
      expect({ ...got, hadOpen: 0 }, key).toEqual({ ...want, hadOpen: 0 });
      expect(got.hadOpen, key).toBeCloseTo(want.hadOpen, 9);
    }
  });

  it("defaults to weeks=8 and target=0.8", async () => {
    const res = await staffing("");
    expect({ weeks: res.weeks, target: res.target }).toEqual({ weeks: 8, target: 0.8 });
    // Both Mondays lie inside the last 8 weeks: arrivals are divided by 8.
    for (const r of res.rows) {
      const c = expectedCells.get(keyOf(r));
      if (c) expect(r.arrivalsPerHour, keyOf(r)).toBe(c.arrivals / 8);
    }
  });
});
