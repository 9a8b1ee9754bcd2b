// A simulated ingest device of the crash loop: sends its share of the stream over socket.io `/ingest`
// with acks, resends a batch with the same ids until acknowledged (whatever kills happen meanwhile), and
// sometimes pretends an ack it did receive was lost, resending that batch after the next restart — the
// server must answer `duplicate`. Everything it learns is recorded in the shared Ledger.
import { io, type Socket } from "socket.io-client";
import type { Ack, HallEvent, IngestClientToServer, IngestResult, IngestServerToClient } from "../../contract/index.js";
import type { Rng } from "../../simulator/random.js";
import type { Ledger } from "./ledger.js";
import { sleep } from "./wait.js";

type IngestSocket = Socket<IngestServerToClient, IngestClientToServer>;

interface Batch {
  events: HallEvent[];
  /** Attempts that got no ack (disconnect, kill, timeout). */
  lostAttempts: number;
  /** Set when the device pretended to lose an ack it received: resent after the next restart. */
  replay: boolean;
  /** Taken from the queue once (counted against the allowance). */
  taken: boolean;
}

export class Device {
  readonly socket: IngestSocket;
  private readonly queue: Batch[] = [];
  private readonly deferred: { batch: Batch; generation: number }[] = [];
  private readonly inFlightBatches = new Set<Batch>();
  private lossDoneInGeneration = -1;
  private stopped = false;
  private workers: Promise<void>[] = [];

  constructor(
    readonly index: number,
    url: string,
    token: string,
    batches: HallEvent[][],
    private readonly ledger: Ledger,
    private readonly rng: Rng,
    private readonly opts: { inFlight: number; ackTimeoutMs: number; lossRate: number; devices: number; lastGeneration: number; paceMs: number },
  ) {
    for (const events of batches) this.queue.push({ events, lostAttempts: 0, replay: false, taken: false });
    this.socket = io(`${url}/ingest`, {
      auth: { token },
      transports: ["websocket"],
      forceNew: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 250,
    });
    // After a restart, batches whose ack was pretended lost in an earlier generation go first.
    this.socket.on("connect", () => {
      for (let i = this.deferred.length - 1; i >= 0; i--) {
        const d = this.deferred[i] as { batch: Batch; generation: number };
        if (d.generation < this.ledger.generation) {
          this.deferred.splice(i, 1);
          this.queue.unshift(d.batch);
        }
      }
    });
  }

  /** Events in batches emitted and not yet acknowledged. */
  get eventsInFlight(): number {
    let n = 0;
    for (const b of this.inFlightBatches) n += b.events.length;
    return n;
  }

  get batchesInFlight(): number {
    return this.inFlightBatches.size;
  }

  /** Nothing to send before the next restart (only batches whose ack was pretended lost remain). */
  get idle(): boolean {
    return this.queue.length === 0 && this.inFlightBatches.size === 0;
  }

  get done(): boolean {
    return this.queue.length === 0 && this.deferred.length === 0 && this.inFlightBatches.size === 0;
  }

  start(): void {
    this.workers = Array.from({ length: this.opts.inFlight }, () => this.work());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.workers);
    this.socket.disconnect();
  }

  private async work(): Promise<void> {
    while (!this.stopped) {
      const batch = this.queue.shift();
      if (!batch) {
        if (this.done) return;
        await sleep(10); // deferred replays wait for the next restart
        continue;
      }
      if (!batch.taken) {
        if (this.ledger.taken >= this.ledger.allowance) {
          this.queue.unshift(batch); // the loop has not released more of the stream yet
          await sleep(5);
          continue;
        }
        batch.taken = true;
        this.ledger.taken += batch.events.length;
      }
      this.inFlightBatches.add(batch);
      await this.deliver(batch);
      this.inFlightBatches.delete(batch);
      await sleep(this.rng.int(0, 2 * this.opts.paceMs)); // a device's pace: kills land during and between batches
    }
  }

  /** Sends one batch until acknowledged, with the same ids every time. */
  private async deliver(batch: Batch): Promise<void> {
    const replaying = batch.replay;
    for (;;) {
      if (this.stopped) return;
      if (!this.socket.connected) {
        await sleep(10);
        continue;
      }
      let reply: Ack<{ results: IngestResult[] }>;
      try {
        reply = (await this.socket.timeout(this.opts.ackTimeoutMs).emitWithAck("events", batch.events)) as Ack<{ results: IngestResult[] }>;
      } catch {
        batch.lostAttempts += 1; // disconnected (the kill) or no ack in time: resend the same ids
        await sleep(this.rng.int(20, 80));
        continue;
      }
      if (!reply.ok) {
        // storage_unavailable / not_ready while starting: retry like any device
        await sleep(this.rng.int(20, 80));
        continue;
      }
      const results = reply.data.results;
      this.ledger.noteServerAck(results);
      // Pretend this ack was lost: keep the batch for after the next restart.
      if (!replaying && this.ledger.generation < this.opts.lastGeneration && this.lossDoneInGeneration < this.ledger.generation) {
        const forced = this.ledger.generation % this.opts.devices === this.index;
        if (forced || this.rng.chance(this.opts.lossRate)) {
          this.lossDoneInGeneration = this.ledger.generation;
          batch.replay = true;
          this.deferred.push({ batch, generation: this.ledger.generation });
          return;
        }
      }
      for (const r of results) this.record(batch, r, replaying);
      return;
    }
  }

  private record(batch: Batch, r: IngestResult, replaying: boolean): void {
    if (r.id === null) return;
    const l = this.ledger;
    if (r.status === "rejected") {
      l.rejected.push(r);
      return;
    }
    if (batch.lostAttempts > 0) {
      l.retriedAfterLostAck += 1;
      if (r.status === "duplicate") l.lostAckDuplicates += 1;
    }
    if (replaying) {
      l.replayed += 1;
      if (r.status === "duplicate") l.replayedDuplicates += 1;
      else l.replayedNotDuplicate.push(r.id);
    }
    if (r.status === "duplicate" && batch.lostAttempts === 0 && !replaying) l.unexpectedDuplicates.push(r.id);
    if (!l.acked.has(r.id)) l.acked.set(r.id, r.status);
  }
}
