// What the ConsistencyFacts tests share (event-facts.test.ts, event-facts.properties.test.ts): folding events
// into facts of a Shanghai hall, and everything the rules read in a canonical order.
import type { HallEvent } from "../../../contract/index.js";
import { ConsistencyFacts } from "./event-facts.js";

export const TZ = "Asia/Shanghai";

export function factsOf(events: readonly HallEvent[]): ConsistencyFacts {
  const facts = new ConsistencyFacts(TZ);
  for (const e of events) facts.add(e);
  return facts;
}

export const byKey = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** Everything the rules read, in a canonical order. */
export function snapshot(facts: ConsistencyFacts, since = "2000-01-01") {
  return {
    visits: facts.visitsSince(since).sort(byKey((v) => v.ticketId)),
    materialRequests: facts.materialRequestsSince(since).sort(byKey((r) => `${r.ticketId}\u0000${r.windowId}`)),
    outcomes: facts.outcomesSince(since),
  };
}
