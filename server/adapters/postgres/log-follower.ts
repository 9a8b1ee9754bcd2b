// Keeps a node's live state in step with events other nodes commit (issue #11): LISTEN on the log's
// channel for a prompt wake-up, then catch up from PostgreSQL by global seq — the same read after a
// restart, after a lost notification or a dropped connection (a poll every second covers those), so
// nothing depends on a message arriving. Seqs become visible in commit order (event-log.ts), so "every
// seq above the last one read" is exactly what is new. A node's own inserts are folded by its ingest
// path: when the seqs after the last one read are all its own up to the notified one, no other node's
// can lie between, and the read is skipped — the node that takes a hall's events read every one of them
// back at each commit only to drop it (issue #11's scale-out profile).
import type pg from "pg";
import type { HallEvent } from "../../../contract/index.js";
import { TrailingRuns } from "../../app/trailing-runs.js";
import { LOG_CHANNEL } from "./event-log.js";
import { PgListener } from "./pg-listener.js";

export interface FollowedEvents {
  hallId: string;
  events: HallEvent[];
  /** The server receive time of each event (device heartbeats), same order. */
  receivedMs: number[];
}

export interface LogFollowerOptions {
  url: string;
  pool: pg.Pool;
  /** Events committed by other nodes, per hall in commit order. */
  onEvents(batch: FollowedEvents): void;
  onError(message: string): void;
  pollMs?: number;
  pageSize?: number;
}

const READS = "log";

export class LogFollower {
  private lastSeq = 0;
  /** Seqs this node inserted (folded by its own ingest path): skipped when read back. */
  private readonly own = new Set<number>();
  private readonly listener: PgListener;
  private poll: NodeJS.Timeout | null = null;
  /** One read at a time; wake-ups during a read ask for one more after it. */
  private readonly reads = new TrailingRuns();
  private stopped = false;
  private lastCaughtUpAt = 0;

  constructor(private readonly opts: LogFollowerOptions) {
    this.listener = new PgListener({
      url: opts.url,
      channels: [LOG_CHANNEL],
      onNotification: (_channel, payload) => this.notified(Number(payload)),
      // Whatever was committed while the connection was down.
      onConnected: () => this.kick(),
      onError: (message) => opts.onError(`log follower: ${message}; polling meanwhile`),
    });
  }

  /** The highest committed seq now: read before the live state loads, so nothing falls between. */
  async headSeq(): Promise<number> {
    const r = await this.opts.pool.query<{ m: string | null }>(`select max(seq) as m from "Event"`);
    return Number(r.rows[0]?.m ?? 0);
  }

  /** Follows from `fromSeq` (exclusive). */
  async start(fromSeq: number): Promise<void> {
    this.lastSeq = fromSeq;
    await this.listener.start();
    this.poll = setInterval(() => this.kick(), this.opts.pollMs ?? 1000);
    this.poll.unref();
    this.kick();
  }

  /** Called with the seqs of this node's own inserts before their commit. */
  markOwn(seqs: readonly number[]): void {
    for (const s of seqs) if (s > this.lastSeq) this.own.add(s);
  }

  status(): { lastSeq: number; listening: boolean; lastCaughtUpAt: number } {
    return { lastSeq: this.lastSeq, listening: this.listener.listening, lastCaughtUpAt: this.lastCaughtUpAt };
  }

  /** Reads until nothing is new; resolves when caught up (tests, shutdown). */
  catchUp(): Promise<void> {
    return this.stopped ? Promise.resolve() : this.read();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    await this.reads.idle(READS);
    await this.listener.stop();
  }

  /** A commit's notice, with its highest seq: read only if another node's seq may lie before it. */
  private notified(seq: number): void {
    // Not while a read runs: its rows would move lastSeq back over seqs skipped here, and fold them.
    if (!this.reads.busy(READS)) {
      this.skipOwn();
      if (Number.isFinite(seq) && seq <= this.lastSeq) {
        this.lastCaughtUpAt = Date.now();
        return;
      }
    }
    this.kick();
  }

  /** Moves past this node's own seqs that directly follow the last one read (none of them is to be folded). */
  private skipOwn(): void {
    while (this.own.delete(this.lastSeq + 1)) this.lastSeq += 1;
  }

  private kick(): void {
    if (!this.stopped) void this.read();
  }

  private read(): Promise<void> {
    return this.reads.run(READS, () => this.readAll().catch((err: Error) => this.opts.onError(`log follower could not read the log: ${err.message}`)));
  }

  private async readAll(): Promise<void> {
    if (this.stopped) return;
    const pageSize = this.opts.pageSize ?? 2000;
    for (;;) {
      const r = await this.opts.pool.query<{ seq: string; hallId: string; payload: string; receivedMs: string }>(
        `select seq, "hallId", payload, "receivedMs" from "Event" where seq > $1 order by seq limit $2`,
        [this.lastSeq, pageSize],
      );
      const byHall = new Map<string, FollowedEvents>();
      for (const row of r.rows) {
        const seq = Number(row.seq);
        this.lastSeq = seq;
        if (this.own.delete(seq)) continue;
        let batch = byHall.get(row.hallId);
        if (!batch) byHall.set(row.hallId, (batch = { hallId: row.hallId, events: [], receivedMs: [] }));
        batch.events.push(JSON.parse(row.payload) as HallEvent);
        batch.receivedMs.push(Number(row.receivedMs));
      }
      // Own seqs never read back (their transaction rolled back) are behind us now.
      for (const s of this.own) if (s <= this.lastSeq) this.own.delete(s);
      for (const batch of byHall.values()) this.opts.onEvents(batch);
      if (r.rows.length < pageSize) break;
    }
    this.lastCaughtUpAt = Date.now();
  }
}
