// The steady load of the event-to-wall measurements (bench/event-to-wall.ts, bench/cluster-probe.ts): a
// busy simulated day re-stamped to now, sent by the device sockets in batches every 100 ms at the given
// rate, with each batch's ack time.
import type { Socket } from "socket.io-client";
import type { HallEvent } from "../contract/index.js";
import { demoSimParams } from "../simulator/demo-hall.js";
import { simulateHallDay } from "../simulator/generate-day.js";
import { BENCH_HALL, BENCH_HALL_ID, BUSY_SCALE } from "./datasets.js";
import { summarize, type Summary } from "./stats.js";

export function backgroundTraffic(sockets: Socket[], perSecond: number, tag: string): { stop(): Promise<{ sent: number; errors: number; ackMs: Summary }> } {
  const day = simulateHallDay({ hall: BENCH_HALL, hallId: BENCH_HALL_ID, date: "2025-06-10", seed: 3, scale: BUSY_SCALE, params: demoSimParams, idPrefix: "x", ticketIdPrefix: "T" }).events;
  let cursor = 0;
  let loop = 0;
  let sent = 0;
  let errors = 0;
  const ack: number[] = [];
  const inflight = new Set<Promise<unknown>>();
  const next = (): HallEvent => {
    if (cursor >= day.length) {
      cursor = 0;
      loop++;
    }
    const e = day[cursor++] as HallEvent & { ticketId?: string };
    const copy = { ...e, id: `${tag}:${loop}:${cursor}`, ts: new Date().toISOString() } as HallEvent & { ticketId?: string };
    if (copy.ticketId !== undefined) copy.ticketId = `${tag}L${loop}-${copy.ticketId}`;
    return copy;
  };
  // Each tick sends what the rate owes by now, not a fixed batch: a timer that fires late (this process
  // is busy receiving the displays' updates) must not lower the offered rate, or the server is measured
  // at less load than stated.
  const started = performance.now();
  let offered = 0;
  const timer = setInterval(() => {
    const owed = Math.floor(((performance.now() - started) / 1000) * perSecond) - offered;
    if (owed <= 0) return;
    offered += owed;
    const per = Math.ceil(owed / sockets.length);
    let left = owed;
    for (const s of sockets) {
      if (left <= 0) break;
      const batch = Array.from({ length: Math.min(per, left) }, next);
      left -= batch.length;
      const t = performance.now();
      const p = s
        .timeout(30_000)
        .emitWithAck("events", batch)
        .then(
          (r: { ok: boolean }) => {
            ack.push(performance.now() - t);
            if (r.ok) sent += batch.length;
            else errors++;
          },
          () => errors++,
        );
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    }
  }, 100);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all([...inflight]);
      return { sent, errors, ackMs: summarize(ack) };
    },
  };
}
