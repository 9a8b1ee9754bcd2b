import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoTime } from "./iso-time.js";

describe("isoTime", () => {
  it("is Date#toISOString for any time, asked once or again, before and after the memo starts over", () => {
    const ms = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) });
    fc.assert(
      fc.property(fc.array(ms, { minLength: 1, maxLength: 50 }), (times) => {
        for (const t of [...times, ...times]) expect(isoTime(t)).toBe(new Date(t).toISOString());
      }),
      { numRuns: 400 },
    );
    // More distinct times than the memo holds: the first ones are still right after it started over.
    const base = Date.UTC(2026, 10, 27);
    for (let i = 0; i < 20_000; i++) isoTime(base + i);
    for (const i of [0, 1, 8191, 8192, 19_999]) expect(isoTime(base + i)).toBe(new Date(base + i).toISOString());
  });
});
