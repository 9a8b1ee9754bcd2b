// Weeks of the log read in slices, the event loop let go between slices: what a server reads after it is
// up (the consistency facts, the follow-up backfill) must not hold the walls and the ingest for the whole
// read. On SQLite a read is synchronous — two months of a busy hall's issues were ~0.6 s in one go,
// ~10 ms a day. Each slice's events go to `each` before the next is read.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { HallEvent } from "../../contract/index.js";
import type { EventLog } from "./ports.js";

export const DAY_MS = 86_400_000;

/** Reads the events with ts in [from, before) — `before` undefined: no upper bound. */
export type SliceRead = (fromMs: number, beforeMs: number | undefined) => Promise<HallEvent[]>;

/**
 * Every event `read` gives for ts ≥ sinceMs (future-stamped ones included), `sliceMs` of ts at a time;
 * the last slice is open-ended: it also takes events stamped after `nowMs` (a device's clock ahead).
 */
export async function forLogSlices(
  sinceMs: number,
  nowMs: number,
  sliceMs: number,
  read: SliceRead,
  each: (events: HallEvent[]) => void | Promise<void>,
): Promise<void> {
  for (let from = sinceMs; ; from += sliceMs) {
    const last = from + sliceMs > nowMs;
    await each(await read(from, last ? undefined : from + sliceMs));
    if (last) return;
    await yieldToEventLoop();
  }
}

/** Every event of `types` with ts ≥ sinceMs (future-stamped ones included), a day of ts at a time. */
export function forEventsOfTypesByDay(
  log: Pick<EventLog, "eventsOfTypesSince">,
  hallId: string,
  types: readonly string[],
  sinceMs: number,
  nowMs: number,
  each: (events: HallEvent[]) => void | Promise<void>,
): Promise<void> {
  return forLogSlices(sinceMs, nowMs, DAY_MS, (from, before) => log.eventsOfTypesSince(hallId, types, from, before), each);
}
