// IANA time-zone arithmetic without the host's zone: local parts, UTC offset, local midnight, local date.
// Shared by the server (hall-local days), the simulator and the pages (clocks in the hall's zone).

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Local parts straight from Intl (≈ 10 µs a call): the reference the cached path is tested against. */
export function localPartsViaIntl(ms: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

function offsetViaIntl(ms: number, timeZone: string): number {
  const p = localPartsViaIntl(ms, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - (ms - (((ms % 1000) + 1000) % 1000));
}

// Intl is the slow part of every hall-local date (ingest computes a few per event; staffing and heatmaps
// one per 15-minute bucket of a year). A zone's offset is constant between transitions, so it is cached
// per 15 minutes of UTC: a slot whose first and last second have the same offset cannot hold a transition
// (two transitions within 15 minutes do not occur), and within it local time is UTC + offset. A slot with
// a transition is marked and answered by Intl.
const SLOT_MS = 15 * 60_000;
const MIXED = Number.NaN;
const offsetSlots = new Map<string, Map<number, number>>();

function cachedOffset(ms: number, timeZone: string): number | null {
  let slots = offsetSlots.get(timeZone);
  if (!slots) {
    slots = new Map();
    offsetSlots.set(timeZone, slots);
  }
  const slot = Math.floor(ms / SLOT_MS);
  let offset = slots.get(slot);
  if (offset === undefined) {
    const first = offsetViaIntl(slot * SLOT_MS, timeZone);
    const last = offsetViaIntl(slot * SLOT_MS + SLOT_MS - 1000, timeZone);
    offset = first === last ? first : MIXED;
    if (slots.size >= 200_000) slots.clear(); // ≈ 5.7 years of slots per zone: bounded memory
    slots.set(slot, offset);
  }
  return Number.isNaN(offset) ? null : offset;
}

/** The hall-local calendar parts of instant `ms` in `timeZone`. */
export function localParts(ms: number, timeZone: string): LocalParts {
  const offset = cachedOffset(ms, timeZone);
  if (offset === null) return localPartsViaIntl(ms, timeZone);
  const d = new Date(ms + offset);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** Offset of local time from UTC at instant `ms`, in milliseconds (UTC+8 → 28 800 000). */
export function utcOffsetMs(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/** Epoch ms of local midnight starting the local day that contains `ms`. */
export function startOfLocalDay(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const midnightAsUtc = Date.UTC(p.year, p.month - 1, p.day);
  // Try the offset of `ms`, then correct once if midnight falls on the other side of a DST change.
  let guess = midnightAsUtc - utcOffsetMs(ms, timeZone);
  const corrected = midnightAsUtc - utcOffsetMs(guess, timeZone);
  if (corrected !== guess && localParts(corrected, timeZone).day === p.day) guess = corrected;
  return guess;
}

/** The local calendar date of `ms` as YYYY-MM-DD. */
export function localDate(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** Whether `YYYY-MM-DD` is a real calendar date (no 2026-02-30, no month 13). */
export function isCalendarDate(day: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** Start and end (epoch ms) of the hall-local calendar day `YYYY-MM-DD` in `timeZone`. */
export function localDayRange(day: string, timeZone: string): { start: number; end: number } {
  if (!isCalendarDate(day)) throw new RangeError(`not a calendar date: ${day}`);
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const noonUtc = Date.UTC(y, m - 1, d, 12);
  // Local noon of that date, whatever the zone's offset, then its local midnight.
  const start = startOfLocalDay(noonUtc - utcOffsetMs(noonUtc, timeZone), timeZone);
  return { start, end: startOfLocalDay(start + 36 * 3_600_000, timeZone) };
}
