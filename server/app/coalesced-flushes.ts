// When each hall's next update runs: at most one per `coalesceMs` after its last flush (the 250 ms
// coalescing of the /display contract), and then in a turn of the event loop of its own (FlushTurns).
import { FlushTurns } from "./flush-turns.js";

export interface CoalescedFlushesOptions {
  coalesceMs: number;
  now: () => number;
  /** When the hall was last flushed (0: never). */
  lastFlushAt: (hallId: string) => number;
  flush: (hallId: string) => void;
}

export class CoalescedFlushes {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly turns: FlushTurns;

  constructor(private readonly opts: CoalescedFlushesOptions) {
    this.turns = new FlushTurns(opts.flush);
  }

  /** A flush of the hall is waiting: for its time, or for its turn. */
  pending(hallId: string): boolean {
    return this.timers.has(hallId) || this.turns.has(hallId);
  }

  /** Flushes the hall once `coalesceMs` have passed since its last flush (at once if they have). */
  schedule(hallId: string): void {
    if (this.pending(hallId)) return;
    const { coalesceMs, now, lastFlushAt } = this.opts;
    const timer = setTimeout(
      () => {
        this.timers.delete(hallId);
        // libuv may fire a timer a millisecond before Date.now() says it is due: never publish early.
        if (now() - lastFlushAt(hallId) < coalesceMs) this.schedule(hallId);
        else this.turns.add(hallId);
      },
      Math.max(0, lastFlushAt(hallId) + coalesceMs - now()),
    );
    this.timers.set(hallId, timer);
  }

  /** Flushes the hall in the next turn unless a flush is waiting already (the heartbeat). */
  soon(hallId: string): void {
    if (!this.pending(hallId)) this.turns.add(hallId);
  }

  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.turns.stop();
  }
}
