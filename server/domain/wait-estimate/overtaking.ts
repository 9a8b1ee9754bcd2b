// How often the hall calls a ticket ahead of one that entered the same queue earlier: green channel
// (绿色通道) under the call rule, but queue systems also put appointments or transferred tickets first.
// Rather than assume a rule, the estimate measures the rate of such overtakes over the last hour and
// lets that many future arrivals jump the queue in the Monte Carlo — the "ahead" of a ticket grows while
// it waits, as it does in the hall.
import type { QueueStays } from "./queue-stays.js";

export const OVERTAKE_WINDOW_MS = 60 * 60 * 1000;

/** Overtakes per millisecond per category over the last hour: tickets called while an earlier entry still waited. */
export function overtakeRates(stays: ReadonlyMap<string, QueueStays>, now: number): Map<string, number> {
  const from = now - OVERTAKE_WINDOW_MS;
  const rates = new Map<string, number>();
  for (const [categoryId, s] of stays) {
    let overtakes = 0;
    for (let i = 1; i < s.entries.length; i++) {
      const call = s.calls[i] as number;
      // Entries are ascending: an earlier entry called later than this one was overtaken by it.
      if (call >= from && call <= now && (s.latestCallSoFar[i - 1] as number) > call) overtakes += 1;
    }
    rates.set(categoryId, overtakes / OVERTAKE_WINDOW_MS);
  }
  return rates;
}
