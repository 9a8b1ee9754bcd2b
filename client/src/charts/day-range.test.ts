import { describe, expect, it } from "vitest";
import type { TodayBucket } from "../../../contract/index.js";
import { daySlots, hasDayData } from "./day-range.js";

const DAY = Date.parse("2026-11-24T16:00:00.000Z");
const bucket = (i: number, arrivals = 0): TodayBucket => ({ start: new Date(DAY + i * 900_000).toISOString(), arrivals, served: 0, avgWaitSeconds: null });

describe("today's slots worth drawing", () => {
  it("starts at the full hour before the first active slot (hall time zone)", () => {
    const b = [...Array.from({ length: 34 }, (_, i) => bucket(i)), bucket(34, 3), bucket(35, 1)];
    expect(daySlots(b, "Asia/Shanghai").map((s) => s.label)).toEqual(["08:00", "08:15", "08:30", "08:45"]);
    expect(daySlots(b, "Europe/Berlin")[0]?.label).toBe("01:00");
  });

  it("starts at the first active slot when it is on the hour, and is empty without activity", () => {
    const b = [...Array.from({ length: 36 }, (_, i) => bucket(i)), bucket(36, 2)];
    expect(daySlots(b, "Asia/Shanghai").map((s) => s.label)).toEqual(["09:00"]);
    expect(daySlots([bucket(0), bucket(1)], "Asia/Shanghai")).toEqual([]);
    expect(hasDayData([bucket(0)])).toBe(false);
    expect(hasDayData(undefined)).toBe(false);
    expect(hasDayData([bucket(0, 1)])).toBe(true);
  });
});
