// The contract's timestamp parser: exact epoch milliseconds for valid ISO-8601 with offset, null for
// impossible dates, and the same answers from its small cache of recent texts. Since session 21 it reads
// the text character by character; the regular expression it used before is the reference here.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daysInMonth, parseIsoTimestamp } from "./timestamps.js";

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** The parser as it was written with a regular expression (until session 21): the reference. */
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;
function referenceParse(text: string): number | null {
  const m = ISO_WITH_OFFSET.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((k) => Number(m[k]));
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, "0").slice(0, 3));
  if ((year as number) < 1000) return null;
  if ((month as number) < 1 || (month as number) > 12 || (day as number) < 1 || (day as number) > daysInMonth(year as number, month as number)) return null;
  if ((hour as number) > 23 || (minute as number) > 59 || second > 59) return null;
  let offsetMinutes = 0;
  const zone = m[8] as string;
  if (zone !== "Z") {
    const digits = zone.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4));
    if (oh > 14 || om > 59) return null;
    offsetMinutes = (zone.startsWith("-") ? -1 : 1) * (oh * 60 + om);
  }
  return Date.UTC(year as number, (month as number) - 1, day as number, hour as number, minute as number, second, millis) - offsetMinutes * 60_000;
}

/** A part of the text: one of the grammar's pieces nine times in ten, else a broken one. */
const part = (valid: string[], broken: string[]) => fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: 9 }, { arbitrary: fc.constantFrom(...broken), weight: 1 });

/** Texts near the grammar (about one in seven of them valid), then maybe one character changed. */
const nearTimestamp = fc
  .tuple(
    part(["2026", "2024", "1000", "9999"], ["0999", "0099", "20x6", "202"]),
    part(["-"], ["/", ""]),
    part(["01", "02", "11", "12"], ["13", "00", "1"]),
    part(["-"], ["", "T"]),
    part(["01", "28", "29", "30", "31"], ["32", "00", "9"]),
    part(["T"], ["t", " "]),
    part(["00", "09", "23"], ["24", "7"]),
    part([":"], [""]),
    part(["00", "59"], ["60", "5"]),
    part(["", ":00", ":59"], [":60", ":5", ":"]),
    part(["", ".1", ".12", ".123", ".1234", ",5", ".123456789"], [".", ".1234567890", ".x"]),
    part(["Z", "+08:00", "+0800", "-05:30", "+14:00", "-0000"], ["z", "", "+15:00", "+08:60", "+8:00", "+08:0", "+08:00Z", "Z "]),
  )
  .map((parts) => parts.join(""));

const mutated = fc.tuple(nearTimestamp, fc.nat(40), fc.constantFrom("", "0", "9", ":", "-", "+", ".", "Z", "T", "\u0660", "\n")).map(([text, at, ch]) => {
  const i = at % (text.length + 1);
  return text.slice(0, i) + ch + text.slice(i + 1);
});

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

  it("answers exactly as the regular expression it replaced, on valid, near-valid and mangled texts", () => {
    fc.assert(
      fc.property(fc.oneof(nearTimestamp, mutated, fc.string({ maxLength: 40 })), (text) => {
        expect(parseIsoTimestamp(text)).toBe(referenceParse(text));
      }),
      { numRuns: 20_000 },
    );
    // Not a test of refusals alone: a good share of the texts drawn are valid.
    const drawn = fc.sample(nearTimestamp, 2_000);
    expect(drawn.filter((text) => referenceParse(text) !== null).length).toBeGreaterThan(200);
    // The grammar's corners, each against the reference.
    for (const text of ["2026-11-25T09:00Z", "2026-11-25T09:00:00.5+08:00", "2026-11-25T09:00:00,123456789-0530", "2026-11-25T09:00:00.1234567890Z", "2026-11-25T09:00:.5Z", "2026-11-25T09:00:00.Z", "2026-11-25T09:00+08", "2026-11-25T09:00:00+08:00\n"])
      expect(parseIsoTimestamp(text)).toBe(referenceParse(text));
    expect(referenceParse("2026-11-25T09:00:00,123456789-0530")).not.toBeNull();
  });

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
