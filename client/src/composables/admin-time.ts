// Instants shown on the admin pages: date and time in the hall's time zone (never the browser's).
import { hallClock, hallDate } from "./format.js";

export function hallDateTime(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  try {
    return `${hallDate(ms, timeZone)} ${hallClock(ms, timeZone)}`;
  } catch {
    return iso;
  }
}
