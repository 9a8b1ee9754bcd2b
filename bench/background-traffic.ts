// The steady load of the event-to-wall measurements (bench/event-to-wall.ts, bench/cluster-probe.ts): a
// busy simulated day re-stamped to now, sent by the device sockets in batches every 100 ms at the given
// rate, with each batch's ack time. `restamp` and `AckedBatches` serve the province's traffic too
// (bench/province-traffic.ts).
import type { Socket } from "socket.io-client";
import type { HallEvent } from "../contract/index.js";
import { demoSimParams } from "../simulator/demo-hall.js";
import { simulateHallDay } from "../simulator/generate-day.js";
import { BENCH_HALL, BENCH_HALL_ID, BUSY_SCALE } from "./datasets.js";
import { summarize, type Summary } from "./stats.js";

/**
 * A simulated event sent again as a new one: a fresh id (the `n`th of replay `loop`), stamped now, and its
 * ticket renamed per replay so that a replayed day's tickets do not collide with the previous replay's.
 */
export function restamp(e: HallEvent, tag: string, loop: number, n: number): HallEvent {
  const copy = { ...e, id: `${tag}:${loop}:${n}`, ts: new Date().toISOString() } as HallEvent & { ticketId?: string };
  if (copy.ticketId !== undefined) copy.ticketId = `${tag}L${loop}-${copy.ticketId}`;
  return copy;
}

/** Batches sent without waiting for each other: each one's ack time kept, a failed or timed-out emit counted. */
export class AckedBatches<R> {
  readonly ackMs: number[] = [];
  /** Emits that failed or were not acknowledged within 30 s. */
  failed = 0;
  private readonly inflight = new Set<Promise<unknown>>();

  send(socket: Socket, batch: HallEvent[], onAck: (reply: R) => void): void {
    const t = performance.now();
    const p = socket
      .timeout(30_000)
      .emitWithAck("events", batch)
      .then(
        (reply: R) => {
          this.ackMs.push(performance.now() - t);
          onAck(reply);
        },
        () => this.failed++,
      );
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  /** Waits for every batch in flight. */
  async drain(): Promise<void> {
    await Promise.all([...this.inflight]);
  }
}

export function backgroundTraffic(sockets: Socket[], perSecond: number, tag: string): { stop(): Promise<{ sent: number; errors: number; ackMs: Summary }> } {
  const day = simulateHallDay({ hall: BENCH_HALL, hallId: BENCH_HALL_ID, date: "2025-06-10", seed: 3, scale: BUSY_SCALE, params: demoSimParams, idPrefix: "x", ticketIdPrefix: "T" }).events;
  let cursor = 0;
  let loop = 0;
  let sent = 0;
  let refused = 0;
  const batches = new AckedBatches<{ ok: boolean }>();
  const next = (): HallEvent => {
    if (cursor >= day.length) {
      cursor = 0;
      loop++;
    }
    const e = day[cursor++] as HallEvent;
    return restamp(e, tag, loop, cursor);
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
      batches.send(s, batch, (r) => {
        if (r.ok) sent += batch.length;
        else refused++;
      });
    }
  }, 100);
  return {
    async stop() {
      clearInterval(timer);
      await batches.drain();
      return { sent, errors: refused + batches.failed, ackMs: summarize(batches.ackMs) };
    },
  };
}
