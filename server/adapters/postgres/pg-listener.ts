// One LISTEN connection that comes back by itself (issue #11): PostgreSQL delivers a notification only
// to sessions listening at commit time, so whoever uses this must also catch up by reading the database
// whenever the connection is (re)established — `onConnected` is the cue.
import pg from "pg";

export interface PgListenerOptions {
  url: string;
  channels: readonly string[];
  onNotification(channel: string, payload: string): void;
  /** After every (re)connection: read what may have been missed. */
  onConnected?(): void;
  onError(message: string): void;
  retryMs?: number;
}

export class PgListener {
  private client: pg.Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly opts: PgListenerOptions) {}

  get listening(): boolean {
    return this.client !== null;
  }

  /** Connects once; resolves when listening (rejects when the first connection fails). */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.opts.url });
    const lost = (why: string) => {
      if (this.client !== client) return;
      this.client = null;
      void client.end().catch(() => undefined);
      if (!this.stopped) {
        this.opts.onError(`LISTEN connection lost (${why}); reconnecting`);
        this.scheduleRetry();
      }
    };
    client.on("notification", (n) => this.opts.onNotification(n.channel, n.payload ?? ""));
    client.on("error", (err) => lost(err.message));
    client.on("end", () => lost("connection ended"));
    await client.connect();
    for (const channel of this.opts.channels) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.opts.onConnected?.();
  }

  private scheduleRetry(): void {
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect().catch((err: Error) => {
        if (this.stopped) return;
        this.opts.onError(`LISTEN reconnect failed (${err.message}); retrying`);
        this.scheduleRetry();
      });
    }, this.opts.retryMs ?? 1000);
    this.retry.unref();
  }
}
