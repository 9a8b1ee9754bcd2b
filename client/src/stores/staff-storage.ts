// What the staff console keeps in this browser's local storage: the outbox of actions not yet
// acknowledged, the staff number last used to open the window, and the ticket just served (to rate it).
// Kept apart so that the store and its outbox (staff-outbox.ts) read and write the same keys.

export const PENDING_KEY = "hallpulse.staff.pending";
export const STAFF_ID_KEY = "hallpulse.staff.staffId";
export const LAST_SERVED_KEY = "hallpulse.staff.lastServed";

/** Read on every use (not once at load): tests and private windows may have none. */
export const storage = () => globalThis.localStorage as Storage | undefined;

/** A stored JSON value; null when missing or unreadable (a damaged entry must not stop the console). */
export function readJson<T>(key: string): T | null {
  try {
    const text = storage()?.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}
