// Formatting helpers for figures and times in the hall's time zone (never the browser's).
import { localParts } from "../../../contract/time-zone.js";

const pad = (n: number) => String(n).padStart(2, "0");

export function hallClock(ms: number, timeZone: string, withSeconds = true): string {
  const p = localParts(ms, timeZone);
  return withSeconds ? `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` : `${pad(p.hour)}:${pad(p.minute)}`;
}

export function hallDate(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** Weekday 1 (Monday) … 7 (Sunday) of the hall-local date. */
export function hallWeekday(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** "12:05" as minutes:seconds, or "1:02:05" past an hour. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

export const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;
export const minutes = (seconds: number | null) => (seconds === null ? null : Math.round(seconds / 60));
