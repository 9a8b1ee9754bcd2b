// Sends hall events to a HallPulse server over socket.io (`/ingest`, event `events`, acknowledged) and
// retries a batch with the same event ids until the server acknowledges it; also an HTTP fallback.
import { io, type Socket } from "socket.io-client";
import {
  INGEST_STATUSES,
  MAX_EVENTS_PER_BATCH,
  type Ack,
  type HallEvent,
  type IngestClientToServer,
  type IngestResult,
  type IngestServerToClient,
} from "../contract/index.js";

/** Ack error codes worth retrying: the server is busy, starting or briefly broken. */
const RETRYABLE = new Set(["rate_limited", "storage_unavailable", "not_ready", "internal"]);

export class IngestError extends Error {
  constructor(
    /** A contract error code (e.g. "unauthorized"), or "closed", "retries_exhausted", "bad_ack", "connect_timeout", "http". */
    readonly code: string,
    message: string,
    /** HTTP status, for postEvents. */
    readonly status?: number,
  ) {
    super(message);
    this.name = "IngestError";
  }
}

/** What the client needs from a socket; the default wraps socket.io-client (tests pass a fake). */
export interface IngestSocketLike {
  readonly connected: boolean;
  /** False once the server refused the connection or after disconnect(): no automatic reconnection. */
  readonly active: boolean;
  onConnect(fn: () => void): void;
  onDisconnect(fn: (reason: string) => void): void;
  onConnectError(fn: (err: Error & { data?: unknown }) => void): void;
  connect(): void;
  disconnect(): void;
  /** Emits `events` with the batch and resolves with the raw ack; rejects on timeout or disconnect. */
  emitEvents(batch: readonly HallEvent[], timeoutMs: number): Promise<unknown>;
}

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

type ParsedAck =
  | { kind: "ok"; results: IngestResult[] }
  | { kind: "error"; code: string; message: string }
  | { kind: "malformed"; message: string };

function parseAck(reply: unknown, expected: number): ParsedAck {
  if (typeof reply !== "object" || reply === null) return { kind: "malformed", message: "ack is not an object" };
  const r = reply as { ok?: unknown; data?: unknown; error?: unknown };
  if (r.ok === false) {
    const e = (typeof r.error === "object" && r.error !== null ? r.error : {}) as { code?: unknown; message?: unknown };
    return { kind: "error", code: typeof e.code === "string" ? e.code : "internal", message: typeof e.message === "string" ? e.message : "error ack" };
  }
  if (r.ok !== true) return { kind: "malformed", message: "ack without ok" };
  const results = (r.data as { results?: unknown } | undefined)?.results;
  if (!Array.isArray(results)) return { kind: "malformed", message: "ack without data.results" };
  if (results.length !== expected) return { kind: "malformed", message: `ack has ${results.length} results for ${expected} events` };
  for (const x of results) {
    const status = (x as { status?: unknown } | null)?.status;
    if (!(INGEST_STATUSES as readonly unknown[]).includes(status)) return { kind: "malformed", message: `unknown result status ${String(status)}` };
  }
  return { kind: "ok", results: results as IngestResult[] };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function backoffMs(attempt: number, base: number, max: number): number {
  const exp = Math.min(max, base * 2 ** Math.min(attempt - 1, 20));
  return exp * (0.5 + Math.random() * 0.5);
}

function errorCodeOf(err: Error & { data?: unknown }): string | null {
  const data = err.data as { code?: unknown; error?: { code?: unknown } } | undefined;
  const code = data?.code ?? data?.error?.code;
  if (typeof code === "string") return code;
  const m = /\b(unauthorized|forbidden|not_ready|rate_limited|storage_unavailable|internal)\b/.exec(err.message);
  return m ? (m[1] as string) : null;
}

/** The default socket: socket.io-client on `${url}/ingest`, websocket only, token in the handshake. */
export function socketIoIngestSocket(url: string, token: string): IngestSocketLike {
  const socket: Socket<IngestServerToClient, IngestClientToServer> = io(`${url.replace(/\/+$/, "")}/ingest`, {
    auth: { token },
    transports: ["websocket"],
    autoConnect: false,
    forceNew: true,
    reconnectionDelay: 250,
    reconnectionDelayMax: 5000,
  });
  return {
    get connected() {
      return socket.connected;
    },
    get active() {
      return socket.active;
    },
    onConnect: (fn) => void socket.on("connect", fn),
    onDisconnect: (fn) => void socket.on("disconnect", (reason) => fn(reason)),
    onConnectError: (fn) => void socket.on("connect_error", fn),
    connect: () => void socket.connect(),
    disconnect: () => void socket.disconnect(),
    emitEvents: (batch, timeoutMs) => socket.timeout(timeoutMs).emitWithAck("events", batch) as Promise<Ack<{ results: IngestResult[] }>>,
  };
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

export interface PostEventsOptions {
  /** Resends of one batch after a network error, 429 or 5xx; default 5. */
  maxRetries?: number;
  retryBaseMs?: number;
  /** Events per request, at most 500; default 500. */
  batchSize?: number;
}

/**
 * POST /api/halls/:hallId/events with `Authorization: Bearer <token>`, in requests of ≤ 500 events;
 * resolves with one result per event in input order. Throws IngestError on a 4xx answer.
 */
export async function postEvents(url: string, token: string, hallId: string, events: readonly HallEvent[], opts: PostEventsOptions = {}): Promise<IngestResult[]> {
  const endpoint = `${url.replace(/\/+$/, "")}/api/halls/${encodeURIComponent(hallId)}/events`;
  const maxRetries = opts.maxRetries ?? 5;
  const base = opts.retryBaseMs ?? 250;
  const out: IngestResult[] = [];
  for (const batch of chunk(events, Math.max(1, Math.min(MAX_EVENTS_PER_BATCH, opts.batchSize ?? MAX_EVENTS_PER_BATCH)))) {
    const body = JSON.stringify(batch);
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, backoffMs(attempt, base, 10_000)));
      let res: Response;
      try {
        res = await fetch(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body,
        });
      } catch (err) {
        if (attempt < maxRetries) continue;
        throw new IngestError("http", `POST ${endpoint} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      const text = await res.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = null;
      }
      if (res.ok) {
        const results = (json as { results?: unknown } | null)?.results;
        if (!Array.isArray(results) || results.length !== batch.length) throw new IngestError("bad_ack", `POST ${endpoint}: expected ${batch.length} results`);
        out.push(...(results as IngestResult[]));
        break;
      }
      const error = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
      const code = typeof error?.code === "string" ? error.code : "http";
      const message = typeof error?.message === "string" ? error.message : `HTTP ${res.status}`;
      if ((res.status === 429 || res.status >= 500) && attempt < maxRetries) continue;
      throw new IngestError(code, `POST ${endpoint}: ${res.status} ${message}`, res.status);
    }
  }
  return out;
}
