// ISO-8601 timestamps with an explicit offset, parsed without the host's time zone or Date.parse
// leniency (Date.parse accepts "2026-02-30" and local times; the contract does not).
import { z } from "zod";

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] as number);
}

/**
 * The last results, by text: one event's timestamp is read by the schema, the rules, the ingest and the
 * fold (4–5 parses of the same text within one batch). Cleared when full, so it stays small.
 */
const recent = new Map<string, number | null>();
const RECENT_MAX = 4096;

/** Epoch milliseconds of an ISO-8601 timestamp with offset, or null when it is not one. */
export function parseIsoTimestamp(text: string): number | null {
  const hit = recent.get(text);
  if (hit !== undefined) return hit;
  const ms = parseUncached(text);
  if (recent.size >= RECENT_MAX) recent.clear();
  recent.set(text, ms);
  return ms;
}

/** The digit at `i` (0–9), or -1. */
function digit(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** The number written by the `n` digits at `i`, or -1 when one of them is not a digit. */
function digits(text: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = digit(text, i + k);
    if (d < 0) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * YYYY-MM-DDTHH:MM[:SS[(.|,)F{1,9}]](Z|±HH[:]MM), read character by character: a regular expression, its
 * captured strings and their conversions were 173 ms of the main thread's ~3.4 busy seconds in the ingest
 * benchmark's profile (50 ms since), the largest item of the ingest loop's own code (issue #8).
 * `timestamps.test.ts` checks it against that expression.
 */
function parseUncached(text: string): number | null {
  const n = text.length;
  if (n < 17) return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0) return null;
  if (text[4] !== "-" || text[7] !== "-" || text[10] !== "T" || text[13] !== ":") return null;
  let i = 16;
  let second = 0;
  let millis = 0;
  if (text[i] === ":") {
    second = digits(text, i + 1, 2);
    if (second < 0) return null;
    i += 3;
    if (text[i] === "." || text[i] === ",") {
      // One to nine digits; the first three are the milliseconds (fewer are padded with zeros).
      let count = 0;
      for (i += 1; count < 9 && digit(text, i) >= 0; i++, count++) if (count < 3) millis = millis * 10 + digit(text, i);
      if (count === 0) return null;
      for (let k = count; k < 3; k++) millis *= 10;
    }
  }
  let offsetMinutes = 0;
  const zone = text[i];
  if (zone === "Z") {
    if (i + 1 !== n) return null;
  } else if (zone === "+" || zone === "-") {
    const oh = digits(text, i + 1, 2);
    const colon = text[i + 3] === ":" ? 1 : 0;
    const om = digits(text, i + 3 + colon, 2);
    if (oh < 0 || om < 0 || i + 5 + colon !== n) return null;
    if (oh > 14 || om > 59) return null;
    offsetMinutes = (zone === "-" ? -1 : 1) * (oh * 60 + om);
  } else return null;
  // Years before 1000 are refused: Date.UTC reads 0–99 as 1900–1999 (an event of "0099-12-31" would
  // count as 1999), and hall-local dates are YYYY-MM-DD with a four-digit year.
  if (year < 1000) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

export const isoTimestampSchema = z
  .string({ error: "invalid ISO-8601 timestamp" })
  .refine((s) => parseIsoTimestamp(s) !== null, { error: "invalid ISO-8601 timestamp" });
