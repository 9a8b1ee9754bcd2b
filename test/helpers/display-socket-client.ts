// The test /display client itself: a real socket.io client (websocket transport) that keeps the held view
// by the display's rules (display-held-view.ts), emits `resync` on a gap, and records every message with
// its arrival time, every handshake refusal and disconnect, so that tests can wait for and check the feed's
// promises. Imported through test/helpers/display-client.ts.
import { performance } from "node:perf_hooks";
import { io } from "socket.io-client";
import { applyLoadViewPatch, type Ack, type DisplaySnapshot, type DisplayUpdate, type HallSummary, type LoadView } from "../../contract/index.js";
import type { DisplayClientOptions, DisplaySocket, HandshakeRefusal, Outcome, Received, ReceivedSnapshot, ReceivedUpdate } from "./display-client-types.js";
import { snapshotOutcome, unchangedPatchEntries, updateOutcome } from "./display-held-view.js";

export class DisplayClient {
  readonly socket: DisplaySocket;
  /** The held state. */
  view: LoadView | null = null;
  hall: HallSummary | null = null;
  seq: number | null = null;

  /** Every snapshot and update, in arrival order. */
  readonly received: Received[] = [];
  readonly refusals: HandshakeRefusal[] = [];
  readonly disconnects: { at: number; reason: string }[] = [];
  readonly connectedAt: number[] = [];
  /** Updates applied whose seq had been applied before (must stay 0). */
  duplicatesApplied = 0;
  /** Gaps seen (update baseSeq ≠ held seq) and resyncs this client emitted because of them. */
  gaps = 0;
  resyncsSent = 0;
  /**
   * Patch entries equal to what was already held (a window, category, imbalance or recentCalls that did
   * not change): the contract says patch lists hold only changed entries.
   */
  readonly unchangedPatchEntries: string[] = [];

  private readonly appliedUpdateSeqs = new Set<number>();
  private readonly history = new Map<number, LoadView>();
  private readonly listeners = new Set<() => void>();
  private readonly autoResync: boolean;
  private firstHandshake = true;

  constructor(readonly opts: DisplayClientOptions) {
    this.autoResync = opts.autoResync ?? true;
    if (opts.seed) {
      this.seq = opts.seed.seq;
      this.view = opts.seed.view;
      this.hall = opts.seed.hall ?? null;
      this.history.set(opts.seed.seq, opts.seed.view);
    }
    const socket: DisplaySocket = io(`${opts.url}/display`, {
      transports: ["websocket"],
      forceNew: true,
      autoConnect: false,
      reconnection: opts.reconnection ?? false,
      reconnectionDelay: opts.reconnectionDelayMs ?? 100,
      reconnectionDelayMax: Math.max(500, opts.reconnectionDelayMs ?? 100),
      // Called on every handshake, so a reconnection announces the seq held at that moment.
      auth: (cb) => cb(this.handshakeAuth()),
      ...(opts.query ? { query: opts.query } : {}),
    });
    this.socket = socket;
    socket.on("connect", () => {
      this.connectedAt.push(performance.now());
      this.notify();
    });
    socket.on("connect_error", (err: Error & { data?: { code?: string } }) => {
      this.refusals.push({ at: performance.now(), message: err.message, code: err.data?.code });
      this.notify();
    });
    socket.on("disconnect", (reason) => {
      this.disconnects.push({ at: performance.now(), reason });
      this.notify();
    });
    socket.on("snapshot", (s) => this.onSnapshot(s));
    socket.on("update", (u) => this.onUpdate(u));
    if (opts.autoConnect ?? true) socket.connect();
  }

  /** The handshake auth: token, hall and the seq held (or the configured lastSeq before anything is held). */
  handshakeAuth(): Record<string, unknown> {
    const lastSeq = this.seq ?? (this.firstHandshake ? this.opts.lastSeq : undefined);
    this.firstHandshake = false;
    return {
      token: this.opts.token,
      ...(this.opts.hallId !== undefined ? { hallId: this.opts.hallId } : {}),
      ...(typeof lastSeq === "number" ? { lastSeq } : {}),
      ...(this.opts.compact ? { compact: true } : {}),
      ...(this.opts.floorTickets !== undefined ? { floorTickets: this.opts.floorTickets } : {}),
      ...(this.opts.fieldDeltas ? { fieldDeltas: true } : {}),
    };
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Number of successful connections so far (the `connection` of messages received now). */
  get connections(): number {
    return this.connectedAt.length;
  }

  get snapshots(): ReceivedSnapshot[] {
    return this.received.filter((m): m is ReceivedSnapshot => m.kind === "snapshot");
  }

  get updates(): ReceivedUpdate[] {
    return this.received.filter((m): m is ReceivedUpdate => m.kind === "update");
  }

  /** The view held right after `seq` became the held seq (undefined when this client never held it). */
  viewAt(seq: number): LoadView | undefined {
    return this.history.get(seq);
  }

  /** Resolves once connected with a view held. */
  async ready(timeoutMs = 5000): Promise<this> {
    await this.waitFor((c) => c.connected && c.view !== null, timeoutMs, "connected with a held view");
    return this;
  }

  /** Resolves with the first handshake refusal recorded after `since` (default: any). */
  async refusal(timeoutMs = 5000, since = -Infinity): Promise<HandshakeRefusal> {
    await this.waitFor((c) => c.refusals.some((r) => r.at > since), timeoutMs, "a connect_error");
    return this.refusals.find((r) => r.at > since) as HandshakeRefusal;
  }

  /** Resolves when `predicate` holds, checked on every message and connection change and every 20 ms. */
  waitFor(predicate: (client: this) => boolean, timeoutMs: number, what = "condition"): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        let ok: boolean;
        try {
          ok = predicate(this);
        } catch {
          ok = false; // a predicate reading state not there yet counts as not yet
        }
        if (!ok) return;
        cleanup();
        resolve();
      };
      const poll = setInterval(check, 20);
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`DisplayClient: timed out after ${timeoutMs} ms waiting for ${what}; ${this.describe()}`));
      }, timeoutMs);
      const cleanup = () => {
        clearInterval(poll);
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Emits `resync` and resolves with the ack. */
  async resync(lastSeq: unknown, timeoutMs = 5000): Promise<Ack<{ seq: number }>> {
    return (await this.socket.timeout(timeoutMs).emitWithAck("resync", lastSeq as number | null)) as Ack<{ seq: number }>;
  }

  /** Client-side disconnect (no automatic reconnection follows). */
  disconnect(): void {
    this.socket.disconnect();
  }

  /** Connects again (the handshake carries the held seq as `auth.lastSeq`). */
  reconnect(): void {
    this.socket.connect();
  }

  close(): void {
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.listeners.clear();
  }

  describe(): string {
    const last = this.received.slice(-5).map((m) =>
      m.kind === "snapshot" ? `snapshot ${m.message.seq} (${m.outcome})` : `update ${m.message.baseSeq}→${m.message.seq} (${m.outcome})`,
    );
    return `connected=${this.connected} seq=${this.seq} received=${this.received.length} refusals=${JSON.stringify(this.refusals.map((r) => r.code))} disconnects=${JSON.stringify(this.disconnects.map((d) => d.reason))} last=[${last.join(", ")}]`;
  }

  private onSnapshot(s: DisplaySnapshot): void {
    const heldSeqBefore = this.seq;
    const outcome: Outcome = snapshotOutcome(this, s);
    if (outcome === "applied") {
      this.view = s.view;
      this.hall = s.hall;
      this.seq = s.seq;
      this.history.set(s.seq, s.view);
    }
    this.received.push({ kind: "snapshot", at: performance.now(), connection: this.connections, heldSeqBefore, outcome, message: s });
    this.notify();
  }

  private onUpdate(u: DisplayUpdate): void {
    const heldSeqBefore = this.seq;
    const outcome: Outcome = updateOutcome(this, u);
    if (outcome === "gap") {
      this.gaps += 1;
      if (this.autoResync) {
        this.resyncsSent += 1;
        this.socket.emit("resync", this.view === null ? null : this.seq);
      }
    } else if (outcome === "applied" && this.view !== null) {
      if (this.appliedUpdateSeqs.has(u.seq)) this.duplicatesApplied += 1;
      this.unchangedPatchEntries.push(...unchangedPatchEntries(this.view, u));
      this.appliedUpdateSeqs.add(u.seq);
      this.view = applyLoadViewPatch(this.view, u.view);
      if (u.hall) this.hall = u.hall;
      this.seq = u.seq;
      this.history.set(u.seq, this.view);
    }
    this.received.push({ kind: "update", at: performance.now(), connection: this.connections, heldSeqBefore, outcome, message: u });
    this.notify();
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }
}
