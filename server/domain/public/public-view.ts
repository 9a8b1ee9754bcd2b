// The public live view of a hall (issue #10): what a citizen's phone shows — per category the open
// windows, the tickets waiting and the expected wait band, and whether the hall is open now. Built from
// the live view (its floor section's bands), the configuration and the calendar; it copies no window id,
// ticket number, staff id or case reference out of the live view, only counts and bands.
import type { HallConfig, LoadView } from "../../../contract/index.js";
import type { PublicCategory, PublicHallView } from "../../../contract/public.js";
import type { WorkingCalendar } from "../calendar/working-calendar.js";
import { openNow } from "./open-now.js";

export interface PublicViewInput {
  hallId: string;
  hall: HallConfig;
  /** The hall's live view (with its floor section). */
  view: LoadView;
  calendar: WorkingCalendar;
  now: number;
}

export function publicHallView({ hallId, hall, view, calendar, now }: PublicViewInput): PublicHallView {
  const openWindowIds = new Set(view.windows.filter((w) => w.state === "open").map((w) => w.windowId));
  const waits = new Map((view.floor?.waits ?? []).map((w) => [w.categoryId, w]));
  const queues = new Map(view.categories.map((c) => [c.categoryId, c.waitingNow]));
  const categories = hall.categories.map((c): PublicCategory => {
    const wait = waits.get(c.id);
    const b = wait?.band ?? null;
    return {
      categoryId: c.id,
      name: c.name,
      openWindows: hall.windows.filter((w) => w.categories.includes(c.id) && openWindowIds.has(w.id)).length,
      // The view's own queue count is fresh at every flush; the floor section's is up to 5 s old.
      waiting: queues.get(c.id) ?? wait?.waiting ?? 0,
      // Copied field by field: the public shape is fixed here, whatever the live view grows.
      band: b ? { lowMinutes: b.lowMinutes, highMinutes: b.highMinutes, text: b.text } : null,
    };
  });
  return {
    hallId,
    name: hall.name,
    timezone: hall.timezone,
    asOf: new Date(now).toISOString(),
    open: openNow(hall, calendar, now),
    categories,
    licence: hall.public?.licence ?? null,
  };
}
