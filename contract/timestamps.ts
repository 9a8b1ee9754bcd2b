// ISO-8601 timestamps with an explicit offset, parsed without the host's time zone or Date.parse
// leniency (Date.parse accepts "2026-02-30" and local times; the contract does not).
import { z } from "zod";

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;

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

function parseUncached(text: string): number | null {
  const m = ISO_WITH_OFFSET.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, "0").slice(0, 3));
  // Years before 1000 are refused: Date.UTC reads 0–99 as 1900–1999 (an event of "0099-12-31" would
  // count as 1999), and hall-local dates are YYYY-MM-DD with a four-digit year.
  if (year < 1000) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  const zone = m[8] as string;
  if (zone !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4));
    if (oh > 14 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

export const isoTimestampSchema = z
  .string({ error: "invalid ISO-8601 timestamp" })
  .refine((s) => parseIsoTimestamp(s) !== null, { error: "invalid ISO-8601 timestamp" });
