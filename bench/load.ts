// The ingest workload and the device load generator shared by the ingest and growth measurements: many
// devices on /ingest (socket.io-client, websocket), each keeping several batches awaiting their ack.
import { io, type Socket } from "socket.io-client";
import type { HallEvent } from "../contract/index.js";
import { addDays, utcMidnight, zoneOffsetMinutes } from "../simulator/local-time.js";
import { simulateHallDay } from "../simulator/generate-day.js";
import { demoSimParams } from "../simulator/demo-hall.js";
import { BENCH_HALL, BENCH_HALL_ID, BUSY_SCALE, todayLocal } from "./datasets.js";
import { summarize, type Summary } from "./stats.js";

export interface LoadShape {
  devices: number;
  /** Batches awaiting their ack per device. */
  inFlight: number;
  batchSize: number;
}

/**
 * At least `total` distinct, valid events of the bench hall, split into one stream per device. Each
 * device sends whole simulated days (in time order) of dates 1,100+ days back — before any dataset's
 * history, so a measurement on a dataset adds days rather than changing them — with ids unique to `tag`.
 */
export function ingestWorkload(total: number, devices: number, tag: string): HallEvent[][] {
  const streams: HallEvent[][] = Array.from({ length: devices }, () => []);
  const end = addDays(todayLocal(), -1100);
  let n = 0;
  for (let d = 0; n < total; d++) {
    const date = addDays(end, -d);
    const offset = zoneOffsetMinutes(BENCH_HALL.timezone, utcMidnight(date) + 12 * 3_600_000);
    const events = simulateHallDay({
      hall: BENCH_HALL, hallId: BENCH_HALL_ID, date, seed: 11, scale: BUSY_SCALE, utcOffsetMinutes: offset, params: demoSimParams,
      idPrefix: `${tag}`, ticketIdPrefix: `${tag}-${date}`,
    }).events;
    if (events.length === 0) continue;
    // The stream with the fewest events takes the day.
    const target = streams.reduce((a, b) => (b.length < a.length ? b : a));
    for (const e of events) target.push(e);
    n += events.length;
  }
  return streams;
}

export interface LoadResult {
  events: number;
  ms: number;
  eventsPerSecond: number;
  ackMs: Summary;
  statuses: Record<string, number>;
  errorAcks: number;
  batches: number;
}

type AnySocket = Socket;

export async function connectDevices(url: string, tokens: readonly string[], count: number): Promise<AnySocket[]> {
  const sockets: AnySocket[] = [];
  for (let i = 0; i < count; i++) {
    const s = io(`${url}/ingest`, { auth: { token: tokens[i % tokens.length] }, transports: ["websocket"], forceNew: true, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      s.once("connect", () => resolve());
      s.once("connect_error", (err) => reject(new Error(`ingest connect refused: ${err.message}`)));
    });
    sockets.push(s);
  }
  return sockets;
}

/** Sends every stream through its device socket, `inFlight` batches at a time, and times the acks. */
export async function runLoad(sockets: readonly AnySocket[], streams: readonly HallEvent[][], shape: LoadShape): Promise<LoadResult> {
  const ack: number[] = [];
  const statuses: Record<string, number> = {};
  let errorAcks = 0;
  let batches = 0;
  let events = 0;
  const started = performance.now();
  await Promise.all(
    sockets.map(async (socket, i) => {
      const stream = streams[i] ?? [];
      let next = 0;
      const worker = async () => {
        while (next < stream.length) {
          const batch = stream.slice(next, next + shape.batchSize);
          next += batch.length;
          const t = performance.now();
          const reply = (await socket.timeout(120_000).emitWithAck("events", batch)) as { ok: boolean; data?: { results: { status: string }[] } };
          ack.push(performance.now() - t);
          batches++;
          if (!reply.ok || !reply.data) {
            errorAcks++;
            continue;
          }
          for (const r of reply.data.results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
          events += batch.length;
        }
      };
      await Promise.all(Array.from({ length: shape.inFlight }, worker));
    }),
  );
  const ms = performance.now() - started;
  return { events, ms, eventsPerSecond: (events / ms) * 1000, ackMs: summarize(ack), statuses, errorAcks, batches };
}

export function closeAll(sockets: readonly AnySocket[]): void {
  for (const s of sockets) {
    s.removeAllListeners();
    s.disconnect();
  }
}
