// Sends hall events to a HallPulse server over socket.io (`/ingest`, event `events`, acknowledged) and
// retries a batch with the same event ids until the server acknowledges it. The HTTP fallback, the socket
// adapter and the ack helpers live in their own modules and are re-exported here for existing importers.
import { MAX_EVENTS_PER_BATCH, type HallEvent, type IngestResult } from "../contract/index.js";
import { RETRYABLE, errorCodeOf, parseAck } from "./ingest-ack.js";
import { backoffMs, chunk } from "./ingest-backoff.js";
import { IngestError } from "./ingest-error.js";
import { socketIoIngestSocket, type IngestSocketLike } from "./ingest-socket.js";

export { IngestError } from "./ingest-error.js";
export { socketIoIngestSocket, type IngestSocketLike } from "./ingest-socket.js";
export { postEvents, type PostEventsOptions } from "./post-events.js";

export interface IngestClientOptions {
  /** Server base URL, e.g. "http://127.0.0.1:3000" (the namespace "/ingest" is appended). */
  url: string;
  /** A device token for the hall. */
  token: string;
  /** How long to wait for an ack before resending; default 10 000 ms. */
  ackTimeoutMs?: number;
  /** Batches awaiting their ack at once; default 4. */
  maxInFlight?: number;
  /** Events per batch, at most 500 (the contract's limit); default 500. */
  batchSize?: number;
  /** connect() gives up after this long; default 15 000 ms. */
  connectTimeoutMs?: number;
  /** Resends of one batch before send() fails; default Infinity (retry until acknowledged). */
  maxRetries?: number;
  /** First backoff delay (doubling, with jitter, up to retryMaxMs); default 250 ms. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Called before each resend. */
  onRetry?: (info: { attempt: number; events: number; reason: string }) => void;
  /** For tests: the socket to use instead of socket.io-client. */
  createSocket?: (url: string, token: string) => IngestSocketLike;
}

export interface IngestStats {
  /** Events handed to send() (each counted once, however often it was resent). */
  sent: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  /** Batch resends (after a timeout, a disconnect or a retryable error ack). */
  retries: number;
  /** Events carried by those resends. */
  retriedEvents: number;
  /** Batches acknowledged. */
  batches: number;
  timeouts: number;
  disconnects: number;
  /** Acks of the form { ok: false } by error code. */
  errorAcks: Record<string, number>;
  /** The first 20 rejected results, to see why. */
  rejections: IngestResult[];
}

export class IngestClient {
  private readonly socket: IngestSocketLike;
  private readonly ackTimeoutMs: number;
  private readonly maxInFlight: number;
  private readonly batchSize: number;
  private readonly connectTimeoutMs: number;
  private readonly maxRetries: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly onRetry: IngestClientOptions["onRetry"];
  private readonly counters: IngestStats = {
    sent: 0, accepted: 0, duplicate: 0, rejected: 0, retries: 0, retriedEvents: 0, batches: 0, timeouts: 0,
    disconnects: 0, errorAcks: {}, rejections: [],
  };
  private closed = false;
  private fatal: IngestError | null = null;
  private waiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private inFlight = 0;
  private slotQueue: (() => void)[] = [];
  private readonly timers = new Set<{ timer: NodeJS.Timeout; done: () => void }>();
  private reconnectAttempt = 0;

  constructor(opts: IngestClientOptions) {
    this.ackTimeoutMs = opts.ackTimeoutMs ?? 10_000;
    this.maxInFlight = Math.max(1, opts.maxInFlight ?? 4);
    this.batchSize = Math.max(1, Math.min(MAX_EVENTS_PER_BATCH, opts.batchSize ?? MAX_EVENTS_PER_BATCH));
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 15_000;
    this.maxRetries = opts.maxRetries ?? Infinity;
    this.retryBaseMs = opts.retryBaseMs ?? 250;
    this.retryMaxMs = opts.retryMaxMs ?? 10_000;
    this.onRetry = opts.onRetry;
    this.socket = (opts.createSocket ?? socketIoIngestSocket)(opts.url, opts.token);
    this.socket.onConnect(() => {
      this.reconnectAttempt = 0;
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w.resolve();
    });
    this.socket.onDisconnect((reason) => {
      if (this.closed) return;
      this.counters.disconnects++;
      // socket.io reconnects by itself unless the server closed the socket on purpose.
      if (reason === "io server disconnect") this.reconnectLater();
    });
    this.socket.onConnectError((err) => {
      if (this.closed || this.socket.active) return; // still retrying by itself
      const code = errorCodeOf(err);
      if (code !== null && RETRYABLE.has(code)) this.reconnectLater();
      else this.fail(new IngestError(code ?? "unauthorized", `connection refused: ${err.message}`));
    });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** A snapshot of the counters. */
  get stats(): IngestStats {
    return { ...this.counters, errorAcks: { ...this.counters.errorAcks }, rejections: [...this.counters.rejections] };
  }

  /** Connects; rejects when the server refuses the token or nothing connects within connectTimeoutMs. */
  async connect(): Promise<void> {
    if (this.closed) throw new IngestError("closed", "client closed");
    if (this.fatal) throw this.fatal;
    if (this.socket.connected) return;
    if (!this.socket.active) this.socket.connect();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new IngestError("connect_timeout", `no connection within ${this.connectTimeoutMs} ms`)), this.connectTimeoutMs);
    });
    try {
      await Promise.race([this.waitConnected(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Sends events in batches of ≤ 500 (at most maxInFlight awaiting acks) and resolves with one result per
   * event, in input order, once every batch is acknowledged. Resends on timeout, disconnect or a retryable
   * error ack; fails on a permanent error ack (e.g. unauthorized), on close(), or after maxRetries.
   */
  async send(events: readonly HallEvent[]): Promise<IngestResult[]> {
    if (this.closed) throw new IngestError("closed", "client closed");
    if (this.fatal) throw this.fatal;
    const batches = chunk(events, this.batchSize);
    const results = await Promise.all(batches.map((b) => this.withSlot(() => this.sendBatch(b, true))));
    return results.flat();
  }

  /** Disconnects for good; pending sends fail with code "closed". */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const err = new IngestError("closed", "client closed");
    for (const w of this.waiters.splice(0)) w.reject(err);
    for (const t of this.timers) {
      clearTimeout(t.timer);
      t.done();
    }
    this.timers.clear();
    this.socket.disconnect();
  }

  private async sendBatch(batch: HallEvent[], count: boolean): Promise<IngestResult[]> {
    if (count) this.counters.sent += batch.length;
    let reason = "";
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) {
        if (attempt > this.maxRetries) throw new IngestError("retries_exhausted", `gave up after ${this.maxRetries} retries (${reason})`);
        this.counters.retries++;
        this.counters.retriedEvents += batch.length;
        this.onRetry?.({ attempt, events: batch.length, reason });
        await this.sleep(backoffMs(attempt, this.retryBaseMs, this.retryMaxMs));
      }
      this.throwIfDone();
      await this.waitConnected();
      let reply: unknown;
      try {
        reply = await this.socket.emitEvents(batch, this.ackTimeoutMs);
      } catch (err) {
        this.throwIfDone();
        const message = err instanceof Error ? err.message : String(err);
        if (/timed out/i.test(message)) this.counters.timeouts++;
        reason = message;
        continue;
      }
      const ack = parseAck(reply, batch.length);
      if (ack.kind === "ok") {
        this.counters.batches++;
        for (const r of ack.results) {
          this.counters[r.status]++;
          if (r.status === "rejected" && this.counters.rejections.length < 20) this.counters.rejections.push(r);
        }
        return ack.results;
      }
      if (ack.kind === "malformed") {
        reason = `bad ack: ${ack.message}`;
        if (attempt >= 2) throw new IngestError("bad_ack", ack.message);
        continue;
      }
      this.counters.errorAcks[ack.code] = (this.counters.errorAcks[ack.code] ?? 0) + 1;
      if (ack.code === "payload_too_large" && batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        const first = await this.sendBatch(batch.slice(0, half), false);
        const second = await this.sendBatch(batch.slice(half), false);
        return [...first, ...second];
      }
      if (!RETRYABLE.has(ack.code)) throw new IngestError(ack.code, ack.message);
      reason = `${ack.code}: ${ack.message}`;
    }
  }

  private throwIfDone(): void {
    if (this.closed) throw new IngestError("closed", "client closed");
    if (this.fatal) throw this.fatal;
  }

  private waitConnected(): Promise<void> {
    if (this.closed) return Promise.reject(new IngestError("closed", "client closed"));
    if (this.fatal) return Promise.reject(this.fatal);
    if (this.socket.connected) return Promise.resolve();
    if (!this.socket.active) this.socket.connect();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private fail(err: IngestError): void {
    this.fatal = err;
    for (const w of this.waiters.splice(0)) w.reject(err);
  }

  private reconnectLater(): void {
    this.reconnectAttempt++;
    void this.sleep(backoffMs(this.reconnectAttempt, 500, 10_000)).then(() => {
      if (!this.closed && !this.fatal && !this.socket.active) this.socket.connect();
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.timers.delete(entry);
          resolve();
        }, ms),
        done: resolve,
      };
      this.timers.add(entry);
    });
  }

  private async withSlot<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inFlight >= this.maxInFlight) await new Promise<void>((resolve) => this.slotQueue.push(resolve));
    else this.inFlight++;
    try {
      return await fn();
    } finally {
      const nextInLine = this.slotQueue.shift();
      if (nextInLine) nextInLine();
      else this.inFlight--;
    }
  }
}
