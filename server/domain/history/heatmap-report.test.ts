import { describe, expect, it } from "vitest";
import type { HallConfig } from "../../../contract/index.js";
import { foldDay, foldHourCells, type DayRollup } from "./day-rollup.js";
import { arrivalsHeatmap, utilizationHeatmap } from "./heatmap.js";
import { monthlyReport } from "./monthly-report.js";
import type { CategoryBucket, Rollup, WindowBucket } from "./rollup.js";

const hall: HallConfig = {
  name: "测试",
  timezone: "Asia/Shanghai",
  categories: [{ id: "a", name: "甲", itemCodes: [] }],
  windows: [
    { id: "w1", name: "1号", department: "甲局", categories: ["a"] },
    { id: "w2", name: "2号", department: "乙局", categories: ["a"] },
  ],
  targets: { waitMinutes: 20 },
};
const Q = 15 * 60_000;
const cat = (bucket: number, arrivals: number): CategoryBucket => ({
  categoryId: "a", bucket, arrivals, firstCalls: 0, waitMsSum: 0, waitMsMax: 0, served: 0, handleMsSum: 0, handleCount: 0, ratingSum: 0, ratingCount: 0, poorRatings: 0, noShows: 0,
});
const win = (windowId: string, bucket: number, openMs: number, busyMs: number, served = 0, poorRatings = 0): WindowBucket => ({
  windowId, bucket, openMs, busyMs, served, handleMsSum: 0, handleCount: 0, ratingSum: 0, ratingCount: poorRatings, poorRatings, noShows: 0, firstCalls: 0,
});
const empty: Rollup = { windows: [], categories: [], waits: [] };
/** The day level of buckets, as the rollup worker writes it. */
const days = (r: Rollup): DayRollup => foldDay(r, hall.timezone);

describe("heatmaps", () => {
  // Two weeks from Monday 2026-11-09 00:00 Shanghai: each weekday occurs twice.
  const from = Date.parse("2026-11-09T00:00:00+08:00");
  const to = from + 14 * 86_400_000;
  const mon9 = Date.parse("2026-11-09T09:00:00+08:00");

  it("averages arrivals per weekday and hour over the weekdays of the period", () => {
    const h = arrivalsHeatmap(foldHourCells({ ...empty, categories: [cat(mon9, 6), cat(mon9 + Q, 4), cat(mon9 + 7 * 86_400_000, 10)] }, hall.timezone), hall, from, to);
    expect(h.rows).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(h.cells[0]?.[9]).toBe(10); // (6 + 4 + 10) / 2 Mondays
    expect(h.cells[0]?.[10]).toBe(0);
    expect(h.cells[1]?.[9]).toBe(0);
  });

  it("gives each window's utilization per hour of the day, null where it never opened", () => {
    const h = utilizationHeatmap(foldHourCells({ ...empty, windows: [win("w1", mon9, Q, Q / 2), win("w1", mon9 + Q, Q, Q), win("w2", mon9, Q, 0)] }, hall.timezone), hall);
    expect(h.rows).toEqual(["w1", "w2"]);
    expect(h.cells[0]?.[9]).toBe(0.75);
    expect(h.cells[1]?.[9]).toBe(0);
    expect(h.cells[0]?.[10]).toBeNull();
  });
});

describe("monthly report (月度通报)", () => {
  const nov = { label: "2026-11", from: Date.parse("2026-11-01T00:00:00+08:00"), to: Date.parse("2026-12-01T00:00:00+08:00") };
  const oct = { label: "2026-10", from: Date.parse("2026-10-01T00:00:00+08:00"), to: nov.from };
  const inNov = Date.parse("2026-11-10T09:00:00+08:00");
  const inOct = Date.parse("2026-10-12T09:00:00+08:00");

  it("ranks windows and departments and names those at the bottom two months running", () => {
    const r = monthlyReport(
      {
        // w2 serves fewer and idles more in both months; w1 has the poor rating only in November.
        month: days({ ...empty, windows: [win("w1", inNov, Q, Q, 8, 1), win("w2", inNov, Q, Q / 3, 2)] }),
        previous: days({ ...empty, windows: [win("w1", inOct, Q, Q, 9), win("w2", inOct, Q, Q / 5, 1, 1)] }),
      },
      hall,
      nov,
      oct,
    );
    expect(r.windows.find((w) => w.key === "w2")).toMatchObject({ served: 2, poorRatings: 0, idleSeconds: (Q - Q / 3) / 1000 });
    expect(r.lastTwoMonthsRunning).toEqual(
      expect.arrayContaining([
        { measure: "served", level: "window", key: "w2" },
        { measure: "idleSeconds", level: "window", key: "w2" },
        { measure: "served", level: "department", key: "乙局" },
      ]),
    );
    // Poor ratings: w1 at the bottom in November, w2 in October — not two months running.
    expect(r.lastTwoMonthsRunning.some((x) => x.measure === "poorRatings" && x.level === "window")).toBe(false);
  });
});
