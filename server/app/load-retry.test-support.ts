// Stand-ins shared by the load-retry tests (live-halls.load-retry.test.ts, consistency-service.load-retry.test.ts):
// a hall table in memory, an event log whose reads the test scripts, and waiting for a condition.
import type { HallConfig } from "../../contract/index.js";
import type { EventLog, HallRepository } from "./ports.js";

export function memoryHalls(): HallRepository {
  const halls = new Map<string, HallConfig>();
  return {
    get: async (id) => halls.get(id) ?? null,
    put: async (id, config) => {
      const created = !halls.has(id);
      halls.set(id, config);
      return { created };
    },
    list: async () => [...halls].map(([hallId, config]) => ({ hallId, config })),
  };
}

/** An event log of which only `reads` answer; anything else the code under test calls fails loudly. */
export function scriptedLog(reads: Partial<EventLog>): EventLog {
  const unused = () => Promise.reject(new Error("not used here"));
  return { append: unused, hasEvent: unused, existingEventIds: unused, eventsOfTypesSince: unused, eventsOfTicket: unused, getEvent: unused, eventsForFacts: unused, ...reads };
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
