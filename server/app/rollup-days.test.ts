// rollupDaysOf is memoized per UTC quarter hour: it must answer exactly what the direct computation does,
// for any instant and in zones whose offsets are not whole hours (India +5:30, Nepal +5:45).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { localDate, startOfLocalDay } from "../../contract/index.js";
import { rollupDaysOf } from "./ingest-events.js";

const direct = (ts: number, tz: string) => [localDate(ts, tz), localDate(startOfLocalDay(ts, tz) + 36 * 3_600_000, tz)];

describe("rollupDaysOf", () => {
  it("equals the direct computation at any instant, twice in a row (cached or not)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.constantFrom("Asia/Shanghai", "Asia/Kolkata", "Asia/Kathmandu", "Europe/Berlin", "America/St_Johns", "UTC"),
        (ts, tz) => {
          expect(rollupDaysOf(ts, tz)).toEqual(direct(ts, tz));
          expect(rollupDaysOf(ts, tz)).toEqual(direct(ts, tz));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("is right on both sides of a local midnight in a +5:45 zone", () => {
    const midnight = startOfLocalDay(Date.UTC(2026, 10, 25, 12), "Asia/Kathmandu");
    expect(rollupDaysOf(midnight - 1, "Asia/Kathmandu")).toEqual(["2026-11-24", "2026-11-25"]);
    expect(rollupDaysOf(midnight, "Asia/Kathmandu")).toEqual(["2026-11-25", "2026-11-26"]);
  });
});
