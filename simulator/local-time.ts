// Calendar arithmetic for the simulator: local dates, fixed UTC offsets and ISO-8601 timestamps with
// an explicit offset ("2026-11-24T09:31:05.120+08:00"), without the host's time zone.
import { utcOffsetMs } from "../contract/index.js";

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of UTC midnight of a "YYYY-MM-DD" date; throws on anything else or an impossible date. */
export function utcMidnight(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`expected a date like "2026-11-24", got "${date}"`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new Error(`no such date "${date}"`);
  return ms;
}

/** Epoch ms of local midnight of `date` in a zone `utcOffsetMinutes` ahead of UTC. */
export function localMidnight(date: string, utcOffsetMinutes: number): number {
  return utcMidnight(date) - utcOffsetMinutes * 60_000;
}

/** The date `days` after (or before, when negative) `date`. */
export function addDays(date: string, days: number): string {
  return new Date(utcMidnight(date) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The local date of instant `ms` in a zone `utcOffsetMinutes` ahead of UTC. */
export function localDateOf(ms: number, utcOffsetMinutes: number): string {
  return new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** "+08:00", "-05:30", "+00:00". */
export function formatOffset(utcOffsetMinutes: number): string {
  const sign = utcOffsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(utcOffsetMinutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** Instant `ms` as local wall time with the offset spelled out, e.g. "2026-11-24T09:31:05.120+08:00". */
export function isoWithOffset(ms: number, utcOffsetMinutes: number, offsetText = formatOffset(utcOffsetMinutes)): string {
  return new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 23) + offsetText;
}

/** The UTC offset of an IANA time zone at instant `ms`, in minutes (Asia/Shanghai → 480). */
export function zoneOffsetMinutes(timeZone: string, ms: number): number {
  return Math.round(utcOffsetMs(ms, timeZone) / 60_000);
}
