// ISO-8601 timestamps with an explicit offset, parsed without the host's time zone or Date.parse
// leniency (Date.parse accepts "2026-02-30" and local times; the contract does not).
import { z } from "zod";

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Epoch milliseconds of an ISO-8601 timestamp with offset, or null when it is not one. */
export function parseIsoTimestamp(text: string): number | null {
  const m = ISO_WITH_OFFSET.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number, number, number, number, number,
  ];
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
