// Coalesced flushes of many halls, run one hall per turn of the event loop (issue #11). Each hall's flush
// is due 250 ms after its last; on a province node sixty halls' timers fall due together whenever the
// loop was held for a moment, and Node runs every due timer in one go — the halls' views computed back to
// back while the acks of events already committed (PostgreSQL's answers, waiting in the poll phase) wait
// for all of them. Queued here instead, a flush runs in the loop's check phase (setImmediate), and the
// next one only after the loop has gone round once more: between two halls, I/O is served.

export class FlushTurns {
  /** Halls due, in the order they fell due (a Set keeps insertion order and makes queuing idempotent). */
  private readonly due = new Set<string>();
  private immediate: NodeJS.Immediate | null = null;

  constructor(private readonly flush: (hallId: string) => void) {}

  /** The hall's flush is queued and has not run yet. */
  has(hallId: string): boolean {
    return this.due.has(hallId);
  }

  /** Queues the hall's flush (once, however often asked before it runs). */
  add(hallId: string): void {
    this.due.add(hallId);
    this.arm();
  }

  stop(): void {
    this.due.clear();
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = null;
  }

  private arm(): void {
    if (this.immediate === null && this.due.size > 0) this.immediate = setImmediate(() => this.turn());
  }

  private turn(): void {
    this.immediate = null;
    const next = this.due.values().next();
    if (next.done === true) return;
    this.due.delete(next.value);
    try {
      this.flush(next.value);
    } finally {
      // Armed after the flush, so that whatever the flush itself scheduled for the next turn runs first.
      this.arm();
    }
  }
}
