// The live phase's background traffic: every hall's own simulated peak hour, re-stamped to now, sent from
// that hall's device socket at a given rate, with its acks counted and the send time of each window event
// noted per hall (they move the hall's open windows, as the probes do: bench/overview-match.ts).
import type { Socket } from "socket.io-client";
import type { HallEvent } from "../contract/index.js";
import { AckedBatches, restamp } from "./background-traffic.js";
import * as plan from "./province-plan.js";
import type { Ack, Hall } from "./province-types.js";
import { summarize } from "./stats.js";

/** The halls' own simulated peak hours re-stamped to now, each hall from its device socket, at `perHallPerSecond`. */
export function provinceTraffic(devices: readonly Socket[], halls: readonly Hall[], cursors: { at: number; loop: number }[], perHallPerSecond: number, tag: string) {
  let offered = 0;
  let accepted = 0;
  let notAccepted = 0;
  let refused = 0;
  const batches = new AckedBatches<Ack>();
  const sentByHall = halls.map(() => 0);
  const transitions: number[][] = halls.map(() => []);
  const next = (h: Hall): HallEvent => {
    const c = cursors[h.index] as { at: number; loop: number };
    if (c.at >= h.live.length) {
      c.at = h.liveStart;
      c.loop++;
    }
    const e = h.live[c.at++] as HallEvent;
    return restamp(e, tag, c.loop, c.at);
  };
  const started = performance.now();
  // Each tick sends what each hall owes by now (a late timer must not lower the offered rate).
  const timer = setInterval(() => {
    const elapsed = performance.now() - started;
    for (const h of halls) {
      const owed = plan.owedEvents(elapsed, perHallPerSecond, plan.hallPhase(h.index, halls.length)) - (sentByHall[h.index] as number);
      if (owed <= 0) continue;
      sentByHall[h.index] = (sentByHall[h.index] as number) + owed;
      offered += owed;
      const batch = Array.from({ length: owed }, () => next(h));
      const at = performance.now();
      for (const e of batch) if (e.type.startsWith("window.")) transitions[h.index]?.push(at);
      batches.send(devices[h.index] as Socket, batch, (r) => {
        if (!r.ok || !r.data) return void refused++;
        for (const x of r.data.results) if (x.status === "accepted") accepted++;
        else notAccepted++;
      });
    }
  }, 100);
  return {
    transitions,
    async stop() {
      clearInterval(timer);
      const sendingSeconds = (performance.now() - started) / 1000;
      await batches.drain();
      // Until the last ack: acks running behind (a backlog) lower the acked rate below the offered one.
      const seconds = (performance.now() - started) / 1000;
      return { offered, accepted, notAccepted, errors: refused + batches.failed, ackMs: summarize(batches.ackMs), ackedPerSecond: accepted / seconds, seconds, sendingSeconds };
    },
  };
}
