// How hourCellsOf reads the day level (hour-cells-query.test-support.ts): the repeated hour of a 25-hour
// day counts twice, and a long period reads buckets only for its partial edge days.
import { describe, expect, it } from "vitest";
import { localDayRange } from "../../contract/index.js";
import { DEMO_HALL_ID } from "../../simulator/demo-hall.js";
import { hourCellsOf } from "./history-query.js";
import { cases, newYork, shanghai } from "./hour-cells-query.test-support.js";

describe("reading the day level", () => {
  it("counts the repeated hour of the 25-hour day twice (both 01:00s in hour 1)", async () => {
    const { start, end } = localDayRange("2026-11-01", newYork.timezone);
    const cells = await hourCellsOf((cases[1] as (typeof cases)[number]).data.reader, DEMO_HALL_ID, newYork.timezone, start, end);
    expect(cells.windows.some((w) => w.hour === 1 && w.openMs > 3_600_000)).toBe(true);
  });

  it("reads buckets only for the partial edge days of a long period", async () => {
    const { reader, reads } = (cases[0] as (typeof cases)[number]).data;
    reads.buckets = 0;
    reads.cells = 0;
    await hourCellsOf(reader, DEMO_HALL_ID, shanghai.timezone, Date.parse("2026-11-14T09:15:00+08:00"), Date.parse("2026-11-18T16:45:00+08:00"));
    expect(reads).toEqual({ buckets: 2, cells: 1 });
  });
});
