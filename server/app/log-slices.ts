// Weeks of the log read a day at a time, the event loop let go between days: what a server reads after it
// is up (the consistency facts, the follow-up backfill) must not hold the walls and the ingest for the
// whole read. On SQLite a read is synchronous — two months of a busy hall's issues were ~0.6 s in one go,
// ~10 ms a day. Each slice's events go to `each` before the next is read.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { HallEvent } from "../../contract/index.js";
import type { EventLog } from "./ports.js";

const DAY_MS = 86_400_000;

/** Every event of `types` with ts ≥ sinceMs (future-stamped ones included), a day of ts at a time. */
export async function forEventsOfTypesByDay(
  log: Pick<EventLog, "eventsOfTypesSince">,
  hallId: string,
  types: readonly string[],
  sinceMs: number,
  nowMs: number,
  each: (events: HallEvent[]) => void | Promise<void>,
): Promise<void> {
  for (let from = sinceMs; ; from += DAY_MS) {
    // The last slice is open-ended: it also takes events stamped after `nowMs` (a device's clock ahead).
    const last = from + DAY_MS > nowMs;
    await each(await log.eventsOfTypesSince(hallId, types, from, last ? undefined : from + DAY_MS));
    if (last) return;
    await yieldToEventLoop();
  }
}
