// Stand-ins shared by the load-retry tests (live-halls.load-retry.test.ts, consistency-service.load-retry.test.ts):
// an event log whose reads the test scripts, and waiting for a condition (the hall table: test/helpers/memory-halls.ts).
import type { HallEvent } from "../../contract/index.js";
import type { EventLog } from "./ports.js";

/** An event log of which only `reads` answer; anything else the code under test calls fails loudly. */
export function scriptedLog(reads: Partial<EventLog>): EventLog {
  const unused = () => Promise.reject(new Error("not used here"));
  return {
    append: unused,
    hasEvent: unused,
    existingEventIds: unused,
    eventsOfTypesSince: unused,
    evaluationsRatedAtMost: unused,
    eventsOfTicket: unused,
    getEvent: unused,
    foldEventsForFacts: unused,
    readsHoldEventLoop: true,
    ...reads,
  };
}

/** A `foldEventsForFacts` that hands over what `read` answers, in one batch. */
export function foldsFrom(read: () => Promise<HallEvent[]>): EventLog["foldEventsForFacts"] {
  return async (_hallId, _sinceMs, _toMs, fold) => {
    const events = await read();
    if (events.length > 0) fold(events);
  };
}

/** Fails the first `failures` calls (counted in `state.reads`), then answers `value`. */
export function failingFirst<T>(failures: number, value: T) {
  const state = { reads: 0 };
  const read = async (): Promise<T> => {
    state.reads += 1;
    if (state.reads <= failures) throw new Error(`database unreachable (read ${state.reads})`);
    return value;
  };
  return { read, state };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(5);
  }
}
