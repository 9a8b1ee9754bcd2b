// When LiveHalls reads a hall's live facts from the log: every hall at start, a few at a time (on
// PostgreSQL one hall's read waits on the database while another's events are folded: a province node
// loads sixty halls at start, issue #11); a hall the directory names later (configured after the start, on
// this node or another of a cluster); again after a failed read, with a growing wait (load-retry.ts), until
// held. Two reads of one hall at once are one read.
import { atMostAtOnce } from "./at-most-at-once.js";
import { LoadRetries } from "./load-retry.js";

/** Halls whose logs are read at once at start (more only queue at the database and the event loop). */
const HALLS_READ_AT_ONCE = 4;

export interface LiveHallReadsOptions {
  /** Every configured hall. */
  ids(): readonly string[];
  held(hallId: string): boolean;
  /** Reads the hall's facts from the log and marks it held. */
  read(hallId: string): Promise<void>;
  onError?: (hallId: string, err: unknown) => void;
  retryMs?: number;
}

export class LiveHallReads {
  private readonly reading = new Map<string, Promise<void>>();
  private readonly retries: LoadRetries;

  constructor(private readonly opts: LiveHallReadsOptions) {
    this.retries = new LoadRetries(opts.retryMs);
  }

  /** Every hall, a few at a time; rejects at the first failure. */
  all(): Promise<void> {
    return atMostAtOnce(this.opts.ids(), HALLS_READ_AT_ONCE, (hallId) => this.read(hallId));
  }

  /** The directory changed the hall: read it until held, unless it is held or a retry is waiting. */
  changed(hallId: string): void {
    if (!this.opts.held(hallId) && !this.retries.pending(hallId)) this.untilHeld(hallId);
  }

  /** Reads the hall unless held; a read already running is shared. */
  read(hallId: string): Promise<void> {
    if (this.opts.held(hallId)) return Promise.resolve();
    let reading = this.reading.get(hallId);
    if (!reading) {
      reading = this.opts.read(hallId);
      this.reading.set(hallId, reading);
      // Forgotten by the first reaction to the read's end, so that no caller's reaction (a retry scheduled
      // on failure) sees the read neither running nor failed (`finally` would settle a turn later).
      const forget = () => this.reading.delete(hallId);
      reading.then(forget, forget);
    }
    return reading;
  }

  stop(): void {
    this.retries.stop();
  }

  private untilHeld(hallId: string): void {
    void this.read(hallId).then(
      () => this.retries.held(hallId),
      (err: unknown) => {
        this.opts.onError?.(hallId, err);
        this.retries.failed(hallId, () => this.untilHeld(hallId), () => this.opts.held(hallId));
      },
    );
  }
}
