import { describe, expect, it } from "vitest";
import type { HallConfig } from "../../../contract/index.js";
import { serversNeeded } from "../queueing/erlang-c.js";
import { foldHourCells } from "./day-rollup.js";
import type { CategoryBucket, WindowBucket } from "./rollup.js";
import { staffingRows } from "./staffing.js";

const hall: HallConfig = {
  name: "测试",
  timezone: "Asia/Shanghai",
  categories: [
    { id: "social", name: "社保", itemCodes: [] },
    { id: "fund", name: "公积金", itemCodes: [] },
  ],
  windows: [
    { id: "w1", name: "1号", department: "人社局", categories: ["social"] },
    { id: "w2", name: "2号", department: "人社局", categories: ["social"] },
    { id: "w3", name: "3号", department: "公积金中心", categories: ["fund"] },
  ],
  targets: { waitMinutes: 10 },
};

// Monday 2026-11-16 09:00 and 09:15 in Shanghai, and the Monday a week later.
const mon9 = Date.parse("2026-11-16T09:00:00+08:00");
const WEEK = 7 * 86_400_000;
const Q = 15 * 60_000;

const category = (bucket: number, categoryId: string, arrivals: number, handleMsSum: number, handleCount: number): CategoryBucket => ({
  categoryId, bucket, arrivals, firstCalls: 0, waitMsSum: 0, waitMsMax: 0, served: handleCount, handleMsSum, handleCount, ratingSum: 0, ratingCount: 0, poorRatings: 0, noShows: 0,
});
const windowOpen = (bucket: number, windowId: string, openMs: number): WindowBucket => ({
  windowId, bucket, openMs, busyMs: 0, served: 0, handleMsSum: 0, handleCount: 0, ratingSum: 0, ratingCount: 0, poorRatings: 0, noShows: 0, firstCalls: 0,
});

describe("staffing recommendation", () => {
  it("gives arrivals per hour, handling time, the Erlang C need and the windows that were open", () => {
    const rows = staffingRows(
      foldHourCells({
        categories: [
          // Two Mondays 9–10: 12 + 8 social arrivals, handled in 6 minutes on average.
          category(mon9, "social", 12, 12 * 360_000, 12),
          category(mon9 + WEEK + Q, "social", 8, 8 * 360_000, 8),
          category(mon9, "fund", 2, 2 * 600_000, 2),
        ],
        windows: [
          // w1 open the whole hour both weeks; w2 only the first week; w3 half an hour each week.
          ...[0, 1, 2, 3].map((k) => windowOpen(mon9 + k * Q, "w1", Q)),
          ...[0, 1, 2, 3].map((k) => windowOpen(mon9 + WEEK + k * Q, "w1", Q)),
          ...[0, 1, 2, 3].map((k) => windowOpen(mon9 + k * Q, "w2", Q)),
          windowOpen(mon9, "w3", Q),
          windowOpen(mon9 + WEEK, "w3", Q),
        ],
      }, hall.timezone),
      hall,
      { weeks: 2, target: 0.8 },
    );
    const social = rows.find((r) => r.categoryId === "social" && r.weekday === 1 && r.hour === 9);
    expect(social).toMatchObject({ arrivalsPerHour: 10, avgHandleSeconds: 360, hadOpen: 1.5 });
    expect(social?.needed).toBe(serversNeeded({ arrivalRate: 10 / 3600, meanServiceSeconds: 360 }, 600, 0.8));
    expect(social?.needed).toBeGreaterThanOrEqual(2); // A = 1 Erlang needs at least 2 windows for 80% within 10 min
    const fund = rows.find((r) => r.categoryId === "fund");
    expect(fund).toMatchObject({ weekday: 1, hour: 9, arrivalsPerHour: 1, avgHandleSeconds: 600, hadOpen: 0.25 });
  });

  it("needs no window where nobody came, but still shows the open ones", () => {
    const rows = staffingRows(foldHourCells({ categories: [], windows: [windowOpen(mon9, "w3", Q)] }, hall.timezone), hall, { weeks: 1, target: 0.8 });
    expect(rows).toEqual([{ weekday: 1, hour: 9, categoryId: "fund", arrivalsPerHour: 0, avgHandleSeconds: null, needed: 0, hadOpen: 0.25 }]);
  });
});
