// Changes besides events that every node of a cluster must see (issue #11): a hall's configuration, the
// tokens (a revoked token must stop working on every node at once), item lists, the calendar, follow-up
// cases and consistency findings. Sent with NOTIFY; a node that was disconnected reloads everything
// (`onResync`), because notifications sent meanwhile are gone.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { ClusterNotice, ClusterNotices } from "../../app/cluster-sync.js";
import { PgListener } from "./pg-listener.js";

export const CHANGES_CHANNEL = "hallpulse_changes";

export class PgClusterNotices implements ClusterNotices {
  readonly nodeId = randomUUID();
  private readonly listener: PgListener;
  private handler: ((notice: ClusterNotice) => void) | null = null;
  private resync: (() => void) | null = null;
  private connectedOnce = false;

  constructor(private readonly pool: pg.Pool, url: string, onError: (message: string) => void) {
    this.listener = new PgListener({
      url,
      channels: [CHANGES_CHANNEL],
      onNotification: (_channel, payload) => this.received(payload, onError),
      onConnected: () => {
        // The first connection is the start (everything was just loaded); later ones follow a gap.
        if (this.connectedOnce) this.resync?.();
        this.connectedOnce = true;
      },
      onError: (message) => onError(`cluster notices: ${message}`),
    });
  }

  async start(onNotice: (notice: ClusterNotice) => void, onResync: () => void): Promise<void> {
    this.handler = onNotice;
    this.resync = onResync;
    await this.listener.start();
  }

  async announce(notice: ClusterNotice): Promise<void> {
    await this.pool.query(`select pg_notify($1, $2)`, [CHANGES_CHANNEL, JSON.stringify({ ...notice, node: this.nodeId })]);
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }

  private received(payload: string, onError: (message: string) => void): void {
    let notice: ClusterNotice & { node?: string };
    try {
      notice = JSON.parse(payload) as ClusterNotice & { node?: string };
    } catch {
      onError(`cluster notices: unreadable payload ignored`);
      return;
    }
    if (notice.node === this.nodeId) return;
    const { node: _node, ...rest } = notice;
    this.handler?.(rest as ClusterNotice);
  }
}
