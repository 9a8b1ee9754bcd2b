// Sends the history before `endDate`: `days` simulated days with their real past dates and timestamps,
// generated one day ahead of the sender so that generation and acknowledgements overlap.
import { parseIsoTimestamp, type HallConfig, type HallEvent, type IngestResult } from "../contract/index.js";
import { simulateHallDay } from "./generate-day.js";
import type { IngestClient } from "./ingest-client.js";
import { addDays, utcMidnight, zoneOffsetMinutes } from "./local-time.js";
import type { HallSimParams } from "./sim-params.js";

export interface BackfillOptions {
  client: Pick<IngestClient, "send">;
  hall: HallConfig;
  hallId: string;
  /** How many days before endDate to send. */
  days: number;
  /** Local date "YYYY-MM-DD"; the history covers endDate − days … endDate − 1 (endDate itself is left to a live run). */
  endDate: string;
  seed: number;
  scale?: number;
  params?: HallSimParams;
  /** Event-id prefix; default the hall id (ids `${prefix}:${date}:${n}`, so a repeated backfill is all duplicates). */
  idPrefix?: string;
  onDay?(info: { date: string; events: number; done: number; days: number }): void;
}

export interface BackfillSummary {
  days: number;
  from: string;
  to: string;
  events: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  /** Events left out because their time was still in the future (an endDate after today). */
  skippedFuture: number;
  /** The first few rejected results, to see why. */
  rejections: IngestResult[];
  ms: number;
}

export async function backfill(opts: BackfillOptions): Promise<BackfillSummary> {
  const started = Date.now();
  const days = Math.max(0, Math.floor(opts.days));
  utcMidnight(opts.endDate); // validates
  const from = addDays(opts.endDate, -days);
  const summary: BackfillSummary = {
    days, from, to: addDays(opts.endDate, -1), events: 0, accepted: 0, duplicate: 0, rejected: 0, skippedFuture: 0, rejections: [], ms: 0,
  };
  let pending: Promise<void> = Promise.resolve();
  for (let d = 0; d < days; d++) {
    const date = addDays(from, d);
    const offset = zoneOffsetMinutes(opts.hall.timezone, utcMidnight(date) + 12 * 3_600_000);
    const { events } = simulateHallDay({
      hall: opts.hall,
      hallId: opts.hallId,
      date,
      seed: opts.seed,
      utcOffsetMinutes: offset,
      ...(opts.scale !== undefined ? { scale: opts.scale } : {}),
      ...(opts.params ? { params: opts.params } : {}),
      ...(opts.idPrefix !== undefined ? { idPrefix: opts.idPrefix } : {}),
    });
    const now = Date.now();
    const past: HallEvent[] = events.filter((e) => (parseIsoTimestamp(e.ts) as number) <= now);
    summary.skippedFuture += events.length - past.length;
    await pending;
    pending = (async () => {
      const results = past.length > 0 ? await opts.client.send(past) : [];
      for (const r of results) {
        summary[r.status]++;
        if (r.status === "rejected" && summary.rejections.length < 20) summary.rejections.push(r);
      }
      summary.events += past.length;
      opts.onDay?.({ date, events: past.length, done: d + 1, days });
    })();
  }
  await pending;
  summary.ms = Date.now() - started;
  return summary;
}
