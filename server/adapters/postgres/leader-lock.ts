// One node of a cluster runs the background writers (rollups, consistency findings): the one holding a
// session advisory lock (issue #11). The lock lives as long as the holder's connection, so a node that
// dies or loses the database hands it over by itself; the others try again every few seconds.
import pg from "pg";

const LEADER_LOCK = 0x48504c4452; // 'HPLDR'

export class LeaderLock {
  private client: pg.Client | null = null;
  private leader = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly listeners: ((leader: boolean) => void)[] = [];

  constructor(private readonly url: string, private readonly onError: (message: string) => void, private readonly retryMs = 3000) {}

  isLeader(): boolean {
    return this.leader;
  }

  onChange(listener: (leader: boolean) => void): void {
    this.listeners.push(listener);
  }

  async start(): Promise<void> {
    await this.attempt();
    this.timer = setInterval(() => void this.attempt(), this.retryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    const client = this.client;
    this.client = null;
    this.set(false);
    await client?.end().catch(() => undefined);
  }

  private set(leader: boolean): void {
    if (leader === this.leader) return;
    this.leader = leader;
    for (const l of this.listeners) l(leader);
  }

  private async attempt(): Promise<void> {
    if (this.stopped || this.leader) return;
    try {
      if (!this.client) {
        const client = new pg.Client({ connectionString: this.url });
        client.on("error", (err) => this.lost(client, err.message));
        client.on("end", () => this.lost(client, "connection ended"));
        await client.connect();
        this.client = client;
      }
      const r = await this.client.query<{ got: boolean }>(`select pg_try_advisory_lock($1) as got`, [LEADER_LOCK]);
      if (r.rows[0]?.got) this.set(true);
    } catch (err) {
      this.onError(`leader lock: ${(err as Error).message}`);
    }
  }

  private lost(client: pg.Client, why: string): void {
    if (this.client !== client) return;
    this.client = null;
    if (this.leader) this.onError(`leader lock lost (${why}); another node takes over`);
    this.set(false);
  }
}
