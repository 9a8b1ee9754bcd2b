// The contract's timestamp parser: exact epoch milliseconds for valid ISO-8601 with offset, null for
// impossible dates, and the same answers from its small cache of recent texts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daysInMonth, parseIsoTimestamp } from "./timestamps.js";

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

describe("daysInMonth", () => {
  it("agrees with the Date object for every month of 1000–9999", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        expect(daysInMonth(y, m)).toBe(new Date(Date.UTC(y, m, 0)).getUTCDate());
      }),
      { numRuns: 2000 },
    );
    expect([daysInMonth(2000, 2), daysInMonth(1900, 2), daysInMonth(2024, 2), daysInMonth(2026, 2)]).toEqual([29, 28, 29, 28]);
  });
});

describe("parseIsoTimestamp", () => {
  it("reads any valid instant with any offset exactly", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1000-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (d, offsetMinutes) => {
          const local = new Date(d.getTime() + offsetMinutes * 60_000);
          if (local.getUTCFullYear() < 1000 || local.getUTCFullYear() > 9999) return;
          const sign = offsetMinutes < 0 ? "-" : "+";
          const abs = Math.abs(offsetMinutes);
          const text = `${local.toISOString().slice(0, 23)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
          expect(parseIsoTimestamp(text)).toBe(d.getTime());
          expect(parseIsoTimestamp(text)).toBe(d.getTime()); // again, from the cache
        },
      ),
      { numRuns: 3000 },
    );
  });

  it.each(["2026-02-29T09:00:00Z", "2026-02-30T09:00:00Z", "2026-04-31T09:00:00+08:00", "2026-13-01T00:00:00Z", "2026-11-25T24:00:00Z", "0099-12-31T00:00:00Z", "2026-11-25T09:00:00", "2026-11-25T09:00:00+15:00"])(
    "refuses %s (also when asked again)",
    (text) => {
      expect(parseIsoTimestamp(text)).toBeNull();
      expect(parseIsoTimestamp(text)).toBeNull();
    },
  );

  it("accepts 29 February of a leap year", () => {
    expect(parseIsoTimestamp("2024-02-29T08:00:00+08:00")).toBe(Date.UTC(2024, 1, 29, 0, 0, 0));
  });

  it("stays exact past the cache's size", () => {
    const base = Date.UTC(2026, 10, 25);
    for (let i = 0; i < 10_000; i++) {
      const ms = base + i * 1234;
      expect(parseIsoTimestamp(new Date(ms).toISOString())).toBe(ms);
    }
  });
});
