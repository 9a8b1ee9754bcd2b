// The batches in which an event log hands a range's events to `foldEventsForFacts` (app/ports.ts): the
// size bounds what a reader holds at once — a thousand parsed events, ~1 MB — whatever the range.
import type { HallEvent } from "../../contract/index.js";

export const FACTS_BATCH = 1_000;

/** Collects events one at a time and hands them to `fold` in batches of FACTS_BATCH; `end` hands the rest. */
export function factsBatches(fold: (batch: HallEvent[]) => void): { push(e: HallEvent): void; end(): void } {
  let batch: HallEvent[] = [];
  const handOver = () => {
    const full = batch;
    batch = [];
    fold(full);
  };
  return {
    push(e) {
      batch.push(e);
      if (batch.length >= FACTS_BATCH) handOver();
    },
    end() {
      if (batch.length > 0) handOver();
    },
  };
}
