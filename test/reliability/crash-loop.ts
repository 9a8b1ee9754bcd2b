// The crash loop (issue #7, durability): simulator-like devices send events over socket.io `/ingest`
// with acks and retries, and displays follow `/display` with reconnection on, while the server process
// is killed with SIGKILL at random (seeded) moments and restarted on the same SQLite file, over and over.
//
// What it proves, per run:
// - every event the server acknowledged is in the database exactly once — checked on the file itself
//   after every kill (the server down, the file as the crash left it) and at the end;
// - `PRAGMA integrity_check` is ok after every kill and at the end;
// - an acknowledgement lost to a kill is retried with the same ids and answered `duplicate`, never
//   counted twice; batches a device pretends it lost are resent after the next restart and must all be
//   `duplicate`;
// - after the last restart the server's figures equal those computed from the log alone;
// - the displays connected through the restarts hold exactly the server's snapshot and the live view of
//   GET /load, and none applied an update twice or on top of the wrong seq.
//
// Used by test/integration/crash-loop.int.test.ts (a few cycles) and scripts/crash-loop.ts (any number,
// `npm run test:crash -- --cycles 200 [--seed S]`).
import { stableFigures } from "../helpers/stable-figures.js";
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { performance } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import type { Ack, HallEvent, IngestClientToServer, IngestResult, IngestServerToClient } from "../../contract/index.js";
import { Rng } from "../../simulator/random.js";
import { Api } from "../helpers/api.js";
import { DisplayClient } from "../helpers/display-client.js";
import { testHall } from "../helpers/hall-fixture.js";
import { figuresFromLog } from "../helpers/log-figures.js";
import { ROOT, ServerProcess } from "../helpers/server-process.js";

type IngestSocket = Socket<IngestServerToClient, IngestClientToServer>;

export interface CrashLoopOptions {
  /** Kill/restart cycles (each: SIGKILL at a random moment, check the file, restart). */
  cycles: number;
  /** Ingest devices sending at once (default 4). */
  devices?: number;
  /** /display clients following the hall through the restarts (default 2, at least 2 recommended). */
  displays?: number;
  /** Seed of the event stream, the kill moments and the pretended ack losses (default: random). */
  seed?: number;
  /** Events sent between two kills, on average (default 120). */
  eventsPerCycle?: number;
  /** Largest batch a device sends (default 30). */
  batchMax?: number;
  /** Batches a device keeps awaiting their ack at once (default 2). */
  inFlight?: number;
  /**
   * Probability that a device, in a generation (the time between two kills), pretends to have lost one
   * ack it did receive and resends that batch after the next restart. One device per generation always
   * does (default 0.5).
   */
  ackLossRate?: number;
  /** Mean pause of a device between two batches, in ms (default 20). */
  paceMs?: number;
  /**
   * Probability that a restart is itself killed at a random moment of the server's start (migrations
   * check, rebuild of the live halls, …) before the real restart (default 0.2).
   */
  bootKillRate?: number;
  /** Per-step deadline in ms (waiting for devices, displays, health; default 60 000). */
  stepTimeoutMs?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /** Keep the temp directory with the database (default: removed when every check passed). */
  keepDir?: boolean;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

export interface DisplayReport {
  clients: number;
  /** Connections over all clients (each client: 1 + one per restart it followed). */
  connections: number;
  snapshotsApplied: number;
  updatesApplied: number;
  /** Updates received that were not applied because their seq was already held or passed (server resends). */
  staleUpdates: number;
  /** Updates received whose baseSeq was not the held seq (not applied, resync asked). */
  gaps: number;
  /** Updates applied a second time (same seq) — must be 0. */
  appliedTwice: number;
  /** Updates applied on top of another seq than their baseSeq — must be 0. */
  appliedOnWrongBase: number;
  /** Applied seqs not strictly increasing — must be 0. */
  seqRegressions: number;
}

export interface CrashLoopReport {
  seed: number;
  cycles: number;
  kills: number;
  /** Extra kills during a restart (not counted in `kills`). */
  bootKills: number;
  devices: number;
  /** Events in the generated stream. */
  events: number;
  /** Events the devices hold as acknowledged at the end (accepted or duplicate). */
  acked: number;
  /** Acked events whose first acknowledgement said `accepted`. */
  accepted: number;
  /** Acked events whose acknowledgement said `duplicate` (their earlier ack was lost or pretended lost). */
  duplicates: number;
  /** Events resent because an attempt got no ack (a kill, a disconnect or a timeout). */
  retriedAfterLostAck: number;
  /** … of those, acknowledged `duplicate`: committed before the kill, the ack lost with the process. */
  lostAckDuplicates: number;
  /** Events of batches a device pretended to have lost the ack of, resent after the next restart. */
  replayed: number;
  /** … of those, acknowledged `duplicate` (must equal `replayed`). */
  replayedDuplicates: number;
  rejected: number;
  /** Acknowledged events missing from the database (at any check) — must be 0. */
  lost: number;
  /** Events stored more than once, or acknowledged `accepted` twice — must be 0. */
  doubled: number;
  /** Rows in the database (this hall's events) at the end. */
  rowsInDb: number;
  /** Kills that happened with at least one batch awaiting its ack. */
  killsWithEventsInFlight: number;
  /** Events awaiting their ack at the kills, summed. */
  eventsInFlightAtKills: number;
  integrity: string;
  display: DisplayReport;
  checks: CheckResult[];
  ok: boolean;
  durationMs: number;
  /** The temp directory of the run (kept when a check failed or keepDir). */
  dir: string;
  /** The command that replays this run (same seed and stream parameters). */
  replay: string;
}

const HALL = "crash-hall";
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function until(predicate: () => boolean, timeoutMs: number, what: string, pollMs = 5): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`crash loop: timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(pollMs);
  }
}

// ── the event stream ─────────────────────────────────────────────────────────────────────────

/**
 * A hall's stream of about `total` events, all inside the last 20 minutes before `nowMs` (so inside the
 * 60-minute live view for a run of up to 40 minutes): the three windows open, then tickets are issued, called,
 * served and evaluated; some wait, some stay in service, a few are no-shows. Ids contain no long digit
 * runs (the personal-data check would quarantine them).
 */
export function crashStream(rng: Rng, hallId: string, nowMs: number, total: number): HallEvent[] {
  const prefix = `c${(rng.uint32() >>> 0).toString(36)}`;
  let n = 0;
  const ev = (tsMs: number, fields: Record<string, unknown>): HallEvent =>
    ({ id: `${prefix}-e${(n++).toString(36)}`, hallId, ts: new Date(Math.round(tsMs)).toISOString(), ...fields }) as HallEvent;
  const start = nowMs - 20 * 60_000;
  const end = nowMs - 60_000;
  const events: HallEvent[] = [];
  for (const w of testHall.windows) events.push(ev(start, { type: "window.opened", windowId: w.id, staffId: `s-${w.id}` }));
  const tickets = Math.max(1, Math.ceil((total - events.length) / 4.2));
  for (let i = 0; i < tickets; i++) {
    const issued = start + 30_000 + ((end - start - 6 * 60_000) * i) / tickets;
    const ticketId = `${prefix}-t${i.toString(36)}`;
    const categoryId = rng.chance(0.35) ? "estate" : "social";
    const windowId = categoryId === "estate" ? "w3" : rng.chance(0.5) ? "w1" : "w2";
    events.push(ev(issued, { type: "ticket.issued", ticketId, ticketNo: `A${i.toString(36).toUpperCase()}`, categoryId, channel: rng.chance(0.8) ? "kiosk" : "online" }));
    if (rng.chance(0.08)) continue; // still waiting
    const called = issued + rng.uniform(10_000, 4 * 60_000);
    events.push(ev(called, { type: "ticket.called", ticketId, windowId }));
    if (rng.chance(0.05)) {
      events.push(ev(called + 60_000, { type: "ticket.no_show", ticketId, windowId }));
      continue;
    }
    const started = called + rng.uniform(5_000, 40_000);
    events.push(ev(started, { type: "service.started", ticketId, windowId }));
    if (rng.chance(0.06)) continue; // still in service
    const completed = Math.min(end, started + rng.uniform(30_000, 5 * 60_000));
    events.push(ev(completed, { type: "service.completed", ticketId, windowId, outcome: rng.chance(0.15) ? "needs_materials" : "done" }));
    if (rng.chance(0.6)) events.push(ev(completed + 5_000, { type: "evaluation.submitted", ticketId, windowId, rating: rng.int(1, 5) }));
  }
  return events;
}

// ── devices ──────────────────────────────────────────────────────────────────────────────────

interface Batch {
  events: HallEvent[];
  /** Attempts that got no ack (disconnect, kill, timeout). */
  lostAttempts: number;
  /** Set when the device pretended to lose an ack it received: resent after the next restart. */
  replay: boolean;
  /** Taken from the queue once (counted against the allowance). */
  taken: boolean;
}

/** What every device shares: the per-event ledger and the generation (kills so far). */
class Ledger {
  generation = 0;
  /** Events the devices may take up for a first send; the loop raises it cycle by cycle. */
  allowance = 0;
  /** Events taken up for a first send so far. */
  taken = 0;
  /** Ids the server acknowledged at least once (accepted or duplicate), pretended losses included. */
  readonly serverAcked = new Set<string>();
  /** Ids the devices hold as acknowledged, with the status of that acknowledgement. */
  readonly acked = new Map<string, IngestResult["status"]>();
  /** Ids acknowledged `accepted` more than once. */
  readonly acceptedTwice = new Set<string>();
  private readonly acceptedOnce = new Set<string>();
  readonly rejected: IngestResult[] = [];
  retriedAfterLostAck = 0;
  lostAckDuplicates = 0;
  replayed = 0;
  replayedDuplicates = 0;
  replayedNotDuplicate: string[] = [];
  /** Duplicates answered for an event never sent before — impossible unless ids collide. */
  unexpectedDuplicates: string[] = [];

  noteServerAck(results: readonly IngestResult[]): void {
    for (const r of results) {
      if (r.id === null) continue;
      if (r.status === "accepted" || r.status === "duplicate") this.serverAcked.add(r.id);
      if (r.status === "accepted") {
        if (this.acceptedOnce.has(r.id)) this.acceptedTwice.add(r.id);
        this.acceptedOnce.add(r.id);
      }
    }
  }
}

class Device {
  readonly socket: IngestSocket;
  private readonly queue: Batch[] = [];
  private readonly deferred: { batch: Batch; generation: number }[] = [];
  private readonly inFlightBatches = new Set<Batch>();
  private lossDoneInGeneration = -1;
  private stopped = false;
  private workers: Promise<void>[] = [];

  constructor(
    readonly index: number,
    url: string,
    token: string,
    batches: HallEvent[][],
    private readonly ledger: Ledger,
    private readonly rng: Rng,
    private readonly opts: { inFlight: number; ackTimeoutMs: number; lossRate: number; devices: number; lastGeneration: number; paceMs: number },
  ) {
    for (const events of batches) this.queue.push({ events, lostAttempts: 0, replay: false, taken: false });
    this.socket = io(`${url}/ingest`, {
      auth: { token },
      transports: ["websocket"],
      forceNew: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 250,
    });
    // After a restart, batches whose ack was pretended lost in an earlier generation go first.
    this.socket.on("connect", () => {
      for (let i = this.deferred.length - 1; i >= 0; i--) {
        const d = this.deferred[i] as { batch: Batch; generation: number };
        if (d.generation < this.ledger.generation) {
          this.deferred.splice(i, 1);
          this.queue.unshift(d.batch);
        }
      }
    });
  }

  /** Events in batches emitted and not yet acknowledged. */
  get eventsInFlight(): number {
    let n = 0;
    for (const b of this.inFlightBatches) n += b.events.length;
    return n;
  }

  get batchesInFlight(): number {
    return this.inFlightBatches.size;
  }

  /** Nothing to send before the next restart (only batches whose ack was pretended lost remain). */
  get idle(): boolean {
    return this.queue.length === 0 && this.inFlightBatches.size === 0;
  }

  get done(): boolean {
    return this.queue.length === 0 && this.deferred.length === 0 && this.inFlightBatches.size === 0;
  }

  start(): void {
    this.workers = Array.from({ length: this.opts.inFlight }, () => this.work());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.workers);
    this.socket.disconnect();
  }

  private async work(): Promise<void> {
    while (!this.stopped) {
      const batch = this.queue.shift();
      if (!batch) {
        if (this.done) return;
        await sleep(10); // deferred replays wait for the next restart
        continue;
      }
      if (!batch.taken) {
        if (this.ledger.taken >= this.ledger.allowance) {
          this.queue.unshift(batch); // the loop has not released more of the stream yet
          await sleep(5);
          continue;
        }
        batch.taken = true;
        this.ledger.taken += batch.events.length;
      }
      this.inFlightBatches.add(batch);
      await this.deliver(batch);
      this.inFlightBatches.delete(batch);
      await sleep(this.rng.int(0, 2 * this.opts.paceMs)); // a device's pace: kills land during and between batches
    }
  }

  /** Sends one batch until acknowledged, with the same ids every time. */
  private async deliver(batch: Batch): Promise<void> {
    const replaying = batch.replay;
    for (;;) {
      if (this.stopped) return;
      if (!this.socket.connected) {
        await sleep(10);
        continue;
      }
      let reply: Ack<{ results: IngestResult[] }>;
      try {
        reply = (await this.socket.timeout(this.opts.ackTimeoutMs).emitWithAck("events", batch.events)) as Ack<{ results: IngestResult[] }>;
      } catch {
        batch.lostAttempts += 1; // disconnected (the kill) or no ack in time: resend the same ids
        await sleep(this.rng.int(20, 80));
        continue;
      }
      if (!reply.ok) {
        // storage_unavailable / not_ready while starting: retry like any device
        await sleep(this.rng.int(20, 80));
        continue;
      }
      const results = reply.data.results;
      this.ledger.noteServerAck(results);
      // Pretend this ack was lost: keep the batch for after the next restart.
      if (!replaying && this.ledger.generation < this.opts.lastGeneration && this.lossDoneInGeneration < this.ledger.generation) {
        const forced = this.ledger.generation % this.opts.devices === this.index;
        if (forced || this.rng.chance(this.opts.lossRate)) {
          this.lossDoneInGeneration = this.ledger.generation;
          batch.replay = true;
          this.deferred.push({ batch, generation: this.ledger.generation });
          return;
        }
      }
      for (const r of results) this.record(batch, r, replaying);
      return;
    }
  }

  private record(batch: Batch, r: IngestResult, replaying: boolean): void {
    if (r.id === null) return;
    const l = this.ledger;
    if (r.status === "rejected") {
      l.rejected.push(r);
      return;
    }
    if (batch.lostAttempts > 0) {
      l.retriedAfterLostAck += 1;
      if (r.status === "duplicate") l.lostAckDuplicates += 1;
    }
    if (replaying) {
      l.replayed += 1;
      if (r.status === "duplicate") l.replayedDuplicates += 1;
      else l.replayedNotDuplicate.push(r.id);
    }
    if (r.status === "duplicate" && batch.lostAttempts === 0 && !replaying) l.unexpectedDuplicates.push(r.id);
    if (!l.acked.has(r.id)) l.acked.set(r.id, r.status);
  }
}

/**
 * Starts the server on the same file and port as `server` would, and kills it with SIGKILL `delayMs`
 * later, wherever its start has got to (it may even have become healthy).
 */
async function startAndKillDuringBoot(server: ServerProcess, delayMs: number): Promise<void> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(server.port),
    HOST: "127.0.0.1",
    DATABASE_URL: `file:${server.dbFile}`,
    NODE_ENV: "test",
    LOG_LEVEL: "warn",
    ADMIN_TOKEN: server.adminToken,
  };
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], { cwd: ROOT, env, stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await Promise.race([sleep(delayMs), exited]);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await exited;
}

// ── the file as the crash left it ────────────────────────────────────────────────────────────

interface FileCheck {
  integrity: string;
  ids: Set<string>;
  rows: number;
  /** Event ids stored more than once. */
  doubled: number;
}

/**
 * Reads the SQLite file directly. It reads a copy of the database and its WAL, so that the restarted
 * server is still the first to open the file after the crash and does the WAL recovery itself.
 */
function checkFile(dbFile: string): FileCheck {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hallpulse-crash-check-"));
  const copy = path.join(dir, "copy.db");
  fs.copyFileSync(dbFile, copy);
  if (fs.existsSync(`${dbFile}-wal`)) fs.copyFileSync(`${dbFile}-wal`, `${copy}-wal`);
  const db = new Database(copy, { fileMustExist: true });
  try {
    const integrity = (db.prepare("pragma integrity_check").pluck().all() as string[]).join("; ");
    const ids = db.prepare(`select eventId from "Event" where hallId = ?`).pluck().all(HALL) as string[];
    const doubled = db.prepare(`select count(*) from (select eventId from "Event" where hallId = ? group by eventId having count(*) > 1)`).pluck().get(HALL) as number;
    return { integrity, ids: new Set(ids), rows: ids.length, doubled };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ── displays ─────────────────────────────────────────────────────────────────────────────────


/** The display promises read from a client's records. */
function displayRecords(c: DisplayClient): Omit<DisplayReport, "clients" | "connections"> {
  let snapshotsApplied = 0;
  let updatesApplied = 0;
  let staleUpdates = 0;
  let gaps = 0;
  let appliedTwice = 0;
  let appliedOnWrongBase = 0;
  let seqRegressions = 0;
  const appliedUpdateSeqs = new Set<number>();
  let lastApplied = -Infinity;
  for (const m of c.received) {
    if (m.kind === "update" && m.outcome === "stale") staleUpdates += 1;
    if (m.kind === "update" && m.outcome === "gap") gaps += 1;
    if (m.outcome !== "applied") continue;
    if (m.message.seq <= lastApplied) seqRegressions += 1;
    lastApplied = m.message.seq;
    if (m.kind === "snapshot") {
      snapshotsApplied += 1;
      continue;
    }
    updatesApplied += 1;
    if (appliedUpdateSeqs.has(m.message.seq)) appliedTwice += 1;
    appliedUpdateSeqs.add(m.message.seq);
    if (m.message.baseSeq !== m.heldSeqBefore) appliedOnWrongBase += 1;
  }
  appliedTwice = Math.max(appliedTwice, c.duplicatesApplied);
  return { snapshotsApplied, updatesApplied, staleUpdates, gaps, appliedTwice, appliedOnWrongBase, seqRegressions };
}

/** Equal as JSON values (what travels over the wire), whatever the key order. */
function deepEqual(a: unknown, b: unknown): boolean {
  const json = (x: unknown): unknown => (x === undefined ? undefined : JSON.parse(JSON.stringify(x)));
  return isDeepStrictEqual(json(a), json(b));
}

/** Names of the top-level fields (and window/category ids) where two views differ, for a failure's detail. */
function diffSummary(a: unknown, b: unknown): string {
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return `${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out: string[] = [];
  for (const k of keys) {
    const x = (a as Record<string, unknown>)[k];
    const y = (b as Record<string, unknown>)[k];
    if (!deepEqual(x, y)) out.push(`${k}: ${JSON.stringify(x)?.slice(0, 300)} ≠ ${JSON.stringify(y)?.slice(0, 300)}`);
  }
  return out.join("; ");
}

// ── the loop ─────────────────────────────────────────────────────────────────────────────────

export async function runCrashLoop(options: CrashLoopOptions): Promise<CrashLoopReport> {
  const began = performance.now();
  const cycles = Math.max(0, Math.floor(options.cycles));
  const devicesN = Math.max(1, options.devices ?? 4);
  const displaysN = Math.max(0, options.displays ?? 2);
  const seed = (options.seed ?? Math.floor(Math.random() * 2 ** 31)) >>> 0;
  const perCycle = Math.max(20, options.eventsPerCycle ?? 120);
  const batchMax = Math.max(1, Math.min(500, options.batchMax ?? 30));
  const stepTimeout = options.stepTimeoutMs ?? 60_000;
  const log = options.log ?? (() => {});
  const rng = new Rng(seed);
  const checks: CheckResult[] = [];
  const check = (name: string, ok: boolean, detail: string) => {
    checks.push({ name, ok, detail });
    if (!ok) log(`FAILED ${name}: ${detail}`);
  };

  const server = new ServerProcess();
  const ledger = new Ledger();
  const devices: Device[] = [];
  const displays: DisplayClient[] = [];
  let kills = 0;
  let bootKills = 0;
  const bootKillRate = Math.min(1, Math.max(0, options.bootKillRate ?? 0.2));
  let killsWithEventsInFlight = 0;
  let eventsInFlightAtKills = 0;
  let lostAtKills = 0;
  /** The most event ids stored more than once seen at any kill. */
  let doubledAtKills = 0;
  const integrityFailures: string[] = [];
  let final: FileCheck | null = null;
  let events: HallEvent[] = [];

  try {
    log(`crash loop: seed=${seed} cycles=${cycles} devices=${devicesN} displays=${displaysN} (replay with --seed ${seed})`);
    const tFirst = performance.now();
    await server.start();
    const firstStartMs = performance.now() - tFirst;
    const admin = new Api(server.url, server.adminToken);
    const put = await admin.putHall(HALL, testHall);
    if (put.status !== 201 && put.status !== 200) throw new Error(`PUT hall answered ${put.status}`);
    const deviceToken = (await admin.createToken({ role: "device", hallId: HALL })).body.token;
    const displayToken = (await admin.createToken({ role: "display", hallId: HALL })).body.token;

    // The stream, cut into batches of random size dealt to the devices at random.
    const startMs = Date.now();
    // Long enough for every cycle to take its share plus what is in flight at the kill (on average about
    // 1.1 shares, at most 2), with the rest sent after the last restart.
    events = crashStream(rng, HALL, startMs, Math.ceil(perCycle * (1.6 * cycles + 2)));
    const perDevice: HallEvent[][][] = Array.from({ length: devicesN }, () => []);
    for (let i = 0; i < events.length; ) {
      const size = rng.int(1, batchMax);
      perDevice[rng.int(0, devicesN - 1)]?.push(events.slice(i, i + size));
      i += size;
    }
    // Kill moments: once a random 20–100 % of a cycle's share has been acknowledged since the restart,
    // plus a random few milliseconds, so kills land before, during and after commits and acks. The devices
    // may take up a whole share more than that, so that batches are in flight when the kill comes.
    // Half of the kills come at once when the count is reached (right after an ack went out), the other
    // half a random 1–10 ms later (anywhere in a commit, an ack or between batches).
    const killAt = Array.from({ length: cycles }, () => ({ acked: Math.round(perCycle * rng.uniform(0.2, 1)), delayMs: rng.chance(0.5) ? 0 : rng.int(1, 10) }));

    for (let i = 0; i < displaysN; i++)
      displays.push(new DisplayClient({ url: server.url, token: displayToken, hallId: HALL, reconnection: true, reconnectionDelayMs: 50 }));
    await Promise.all(displays.map((d) => d.ready(stepTimeout)));

    for (let i = 0; i < devicesN; i++) {
      const device = new Device(i, server.url, deviceToken, perDevice[i] as HallEvent[][], ledger, new Rng(seed ^ (0x9e3779b9 * (i + 1))), {
        inFlight: Math.max(1, options.inFlight ?? 2),
        ackTimeoutMs: 5000,
        lossRate: options.ackLossRate ?? 0.5,
        devices: devicesN,
        lastGeneration: cycles,
        paceMs: Math.max(0, options.paceMs ?? 20),
      });
      devices.push(device);
    }
    await until(() => devices.every((d) => d.socket.connected), stepTimeout, "devices connected");
    for (const d of devices) d.start();

    // The file as a crash left it: every event acknowledged so far (acks read after the process is gone
    // were sent before it died) is there exactly once, and the file is sound.
    const afterKill = (label: string): FileCheck & { lost: number } => {
      const file = checkFile(server.dbFile);
      const lostNow = [...ledger.serverAcked].filter((id) => !file.ids.has(id));
      lostAtKills += lostNow.length;
      doubledAtKills = Math.max(doubledAtKills, file.doubled);
      if (file.integrity !== "ok") integrityFailures.push(`after ${label}: ${file.integrity}`);
      if (lostNow.length > 0) log(`${label}: LOST ${lostNow.length} acknowledged events, e.g. ${lostNow.slice(0, 5).join(", ")}`);
      return { ...file, lost: lostNow.length };
    };
    let lastRestartMs = firstStartMs;

    for (let cycle = 0; cycle < cycles; cycle++) {
      const at = killAt[cycle] as { acked: number; delayMs: number };
      const tSend = performance.now();
      const target = ledger.serverAcked.size + at.acked;
      ledger.allowance = Math.max(ledger.allowance, target + perCycle);
      // (or the devices have nothing left they may send: the stream ran out)
      const stalled = () => devices.every((d) => d.batchesInFlight === 0) && (ledger.taken >= ledger.allowance || devices.every((d) => d.idle));
      await until(() => ledger.serverAcked.size >= target || stalled(), stepTimeout, `${target} events acknowledged before kill ${cycle + 1}`, 1);
      const why = ledger.serverAcked.size >= target ? "target" : "stalled";
      const sendMs = performance.now() - tSend;
      // Devices keep events in flight: the kill waits (briefly) for a batch to be on its way.
      await until(() => devices.some((d) => d.batchesInFlight > 0) || stalled(), 500, "a batch in flight", 1).catch(() => {});
      if (at.delayMs > 0) {
        await sleep(at.delayMs);
        // Still nothing on its way after the pause: kill as the next batch goes out.
        await until(() => devices.some((d) => d.batchesInFlight > 0) || stalled(), 500, "a batch in flight", 1).catch(() => {});
      }
      ledger.generation += 1;
      const connectionsBefore = displays.map((d) => d.connections);
      const inFlight = devices.reduce((n, d) => n + d.eventsInFlight, 0);
      await server.kill();
      kills += 1;
      if (inFlight > 0) killsWithEventsInFlight += 1;
      eventsInFlightAtKills += inFlight;

      const file = afterKill(`kill ${kills}`);
      let line = `kill ${String(kills).padStart(3)}/${cycles}: ${why === "stalled" ? "(stream ran out) " : ""}acked=${ledger.acked.size}/${events.length} in-flight=${inFlight} rows=${file.rows} integrity=${file.integrity} lost=${file.lost} doubled=${file.doubled}`;

      // Sometimes the restart itself is killed, anywhere from loading to rebuilding the live halls.
      if (rng.chance(bootKillRate)) {
        const delayMs = Math.round(rng.uniform(0.05, 1) * lastRestartMs);
        await startAndKillDuringBoot(server, delayMs);
        bootKills += 1;
        const boot = afterKill(`the kill during start ${bootKills}`);
        line += ` | killed again ${delayMs} ms into the restart: rows=${boot.rows} integrity=${boot.integrity} lost=${boot.lost} doubled=${boot.doubled}`;
      }

      const tStart = performance.now();
      await server.start();
      const restartMs = performance.now() - tStart;
      lastRestartMs = restartMs;
      // Displays follow the hall through every restart: wait until each has connected again and holds
      // a view received on that connection (the new server's snapshot) before the next kill.
      await Promise.all(
        displays.map((d, i) =>
          d.waitFor(
            (c) => c.connected && c.connections > (connectionsBefore[i] ?? 0) && c.received.some((m) => m.connection === c.connections && m.outcome === "applied"),
            stepTimeout,
            `display ${i + 1} back after restart ${kills}`,
          ),
        ),
      );
      log(`${line} (sent ${Math.round(sendMs)} ms, restart ${Math.round(restartMs)} ms, displays back ${Math.round(performance.now() - tStart - restartMs)} ms)`);
    }

    // The rest of the stream, all sent and acknowledged after the last restart.
    ledger.allowance = Number.POSITIVE_INFINITY;
    await until(() => devices.every((d) => d.done), stepTimeout * 2, "devices to finish their streams", 10);
    await Promise.all(devices.map((d) => d.stop()));

    // ── displays: quiescence, then the held views against a fresh snapshot and GET /load ──
    const api = new Api(server.url, server.adminToken);
    let displaysEqual = displaysN === 0;
    let displayDetail = displaysN === 0 ? "no displays" : "";
    for (let attempt = 1; attempt <= 3 && !displaysEqual; attempt++) {
      await sleep(800); // > the 250 ms coalescing: the last events are published
      const fresh = new DisplayClient({ url: server.url, token: displayToken, hallId: HALL, reconnection: false });
      try {
        await fresh.ready(stepTimeout);
        const snap = fresh.snapshots[0]?.message;
        if (!snap) throw new Error("fresh display got no snapshot");
        await Promise.all(displays.map((d) => d.waitFor((c) => c.seq !== null && c.seq >= snap.seq, stepTimeout, `display seq ≥ ${snap.seq}`)));
        const live = await api.load(HALL);
        const problems: string[] = [];
        displays.forEach((d, i) => {
          const held = d.viewAt(snap.seq);
          if (!held) problems.push(`display ${i + 1} never held seq ${snap.seq}`);
          else if (!deepEqual(held, snap.view)) problems.push(`display ${i + 1} at seq ${snap.seq} ≠ snapshot: ${diffSummary(held, snap.view)}`);
          const current = d.view;
          if (live.status !== 200) problems.push(`GET /load answered ${live.status}`);
          else if (!current || !deepEqual(stableFigures(current), stableFigures(live.body)))
            problems.push(`display ${i + 1} ≠ GET /load live view: ${current ? diffSummary(stableFigures(current), stableFigures(live.body)) : "no view"}`);
        });
        displaysEqual = problems.length === 0;
        displayDetail = displaysEqual ? `${displaysN} displays equal the snapshot at seq ${snap.seq} and GET /load` : `attempt ${attempt}: ${problems.join(" | ")}`;
      } finally {
        fresh.close();
      }
    }
    check("displays equal the server's snapshot and live view", displaysEqual, displayDetail);

    // ── figures after the last restart equal those computed from the log alone ──
    const from = startMs - 40 * 60_000;
    const to = Date.now();
    const served = await api.load(HALL, { from: new Date(from).toISOString(), to: new Date(to).toISOString() });
    const fromLog = figuresFromLog(server.dbFile, HALL, testHall, from, to);
    check(
      "figures after the last restart equal the log's",
      served.status === 200 && deepEqual(served.body, fromLog),
      served.status !== 200 ? `GET /load answered ${served.status}` : deepEqual(served.body, fromLog) ? "equal" : diffSummary(served.body, fromLog),
    );

    for (const d of displays) d.close();
    // One more SIGKILL, then the final file check on the file as that crash left it.
    await server.kill();
    final = checkFile(server.dbFile);
  } catch (err) {
    check("the loop ran to the end", false, err instanceof Error ? err.message : String(err));
  } finally {
    for (const d of devices) d.socket.disconnect();
    for (const d of displays) d.close();
    await server.stop().catch(() => {});
  }
  // The loop stopped early: still check the file as it was left.
  if (final === null) {
    try {
      final = checkFile(server.dbFile);
    } catch (err) {
      log(`the database file could not be checked: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  // ── the verdict ──
  const idsSent = new Set(events.map((e) => e.id));
  const lostAtEnd = final ? [...ledger.serverAcked].filter((id) => !final?.ids.has(id)) : [];
  const unknownRows = final ? [...final.ids].filter((id) => !idsSent.has(id)) : [];
  const lost = lostAtKills + lostAtEnd.length;
  const doubledRows = Math.max(doubledAtKills, final?.doubled ?? 0);
  const doubled = doubledRows + ledger.acceptedTwice.size;
  const integrity = final ? final.integrity : "not checked";
  const allIntegrity = integrityFailures.length === 0 && integrity === "ok";

  if (!checks.some((c) => c.name === "the loop ran to the end")) check("the loop ran to the end", true, `${kills} kills`);
  check("every event acknowledged", ledger.acked.size === events.length, `${ledger.acked.size}/${events.length}`);
  check("no event rejected", ledger.rejected.length === 0, ledger.rejected.slice(0, 3).map((r) => `${r.id}: ${r.error}`).join("; ") || "none");
  check("no acknowledged event lost", final !== null && lost === 0, `lost=${lost} (at kills ${lostAtKills}, at end ${lostAtEnd.length}${lostAtEnd.length ? `: ${lostAtEnd.slice(0, 5).join(", ")}` : ""})`);
  check(
    "no event doubled",
    final !== null && doubled === 0 && unknownRows.length === 0 && final.rows === events.length,
    `doubled=${doubled} (event ids stored twice ${doubledRows}, accepted twice ${ledger.acceptedTwice.size}); rows=${final?.rows ?? "?"} events=${events.length} unknown=${unknownRows.length}`,
  );
  check("integrity_check ok after every kill and at the end", allIntegrity, [...integrityFailures, `end: ${integrity}`].join("; "));
  check(
    "acks lost to a kill come back as duplicate",
    ledger.unexpectedDuplicates.length === 0 && ledger.replayedNotDuplicate.length === 0 && (cycles === 0 || ledger.replayed > 0),
    `replayed=${ledger.replayed} duplicate=${ledger.replayedDuplicates} not-duplicate=${ledger.replayedNotDuplicate.length}; retried after a lost ack=${ledger.retriedAfterLostAck} (duplicate ${ledger.lostAckDuplicates}); unexpected duplicates=${ledger.unexpectedDuplicates.length}`,
  );
  check(
    "kills land with events in flight",
    kills === 0 || killsWithEventsInFlight * 2 >= kills,
    `${killsWithEventsInFlight}/${kills} kills with events awaiting their ack (${eventsInFlightAtKills} events)`,
  );

  const perDisplay = displays.map(displayRecords);
  const display: DisplayReport = {
    clients: displays.length,
    connections: displays.reduce((n, d) => n + d.connections, 0),
    snapshotsApplied: perDisplay.reduce((n, r) => n + r.snapshotsApplied, 0),
    updatesApplied: perDisplay.reduce((n, r) => n + r.updatesApplied, 0),
    staleUpdates: perDisplay.reduce((n, r) => n + r.staleUpdates, 0),
    gaps: perDisplay.reduce((n, r) => n + r.gaps, 0),
    appliedTwice: perDisplay.reduce((n, r) => n + r.appliedTwice, 0),
    appliedOnWrongBase: perDisplay.reduce((n, r) => n + r.appliedOnWrongBase, 0),
    seqRegressions: perDisplay.reduce((n, r) => n + r.seqRegressions, 0),
  };
  if (displaysN > 0) {
    check(
      "displays never applied an update twice",
      display.appliedTwice === 0 && display.appliedOnWrongBase === 0 && display.seqRegressions === 0 && display.staleUpdates === 0,
      `applied twice=${display.appliedTwice} on a wrong base=${display.appliedOnWrongBase} seq regressions=${display.seqRegressions} resent (stale)=${display.staleUpdates}`,
    );
    check(
      "displays followed every restart",
      displays.every((d) => d.connections >= kills + 1),
      displays.map((d, i) => `display ${i + 1}: ${d.connections} connections`).join(", "),
    );
  }

  const ok = checks.every((c) => c.ok);
  if (ok && !options.keepDir) server.remove();
  const statuses = [...ledger.acked.values()];
  return {
    seed,
    cycles,
    kills,
    bootKills,
    devices: devicesN,
    events: events.length,
    acked: ledger.acked.size,
    accepted: statuses.filter((s) => s === "accepted").length,
    duplicates: statuses.filter((s) => s === "duplicate").length,
    retriedAfterLostAck: ledger.retriedAfterLostAck,
    lostAckDuplicates: ledger.lostAckDuplicates,
    replayed: ledger.replayed,
    replayedDuplicates: ledger.replayedDuplicates,
    rejected: ledger.rejected.length,
    lost,
    doubled,
    rowsInDb: final?.rows ?? -1,
    killsWithEventsInFlight,
    eventsInFlightAtKills,
    integrity: allIntegrity ? "ok" : [...integrityFailures, `end: ${integrity}`].join("; "),
    display,
    checks,
    ok,
    durationMs: Math.round(performance.now() - began),
    dir: server.dir,
    replay: [
      `npm run test:crash -- --cycles ${cycles} --seed ${seed}`,
      devicesN !== 4 ? ` --devices ${devicesN}` : "",
      displaysN !== 2 ? ` --displays ${displaysN}` : "",
      perCycle !== 120 ? ` --events-per-cycle ${perCycle}` : "",
      batchMax !== 30 ? ` --batch-max ${batchMax}` : "",
    ].join(""),
  };
}

/** The report as a few lines of text: the counts table, then each check. */
export function formatCrashLoopReport(r: CrashLoopReport): string {
  const rows: [string, string | number][] = [
    ["seed", r.seed],
    ["cycles (SIGKILL + restart)", `${r.kills}/${r.cycles}`],
    ["extra kills during a restart", r.bootKills],
    ["devices / displays", `${r.devices} / ${r.display.clients}`],
    ["events sent", r.events],
    ["events acked", r.acked],
    ["  accepted", r.accepted],
    ["  duplicate (ack lost, retried)", r.duplicates],
    ["retried after a kill / lost ack", `${r.retriedAfterLostAck} (duplicate ${r.lostAckDuplicates})`],
    ["replayed after restart", `${r.replayed} (duplicate ${r.replayedDuplicates})`],
    ["kills with events in flight", `${r.killsWithEventsInFlight}/${r.kills} (${r.eventsInFlightAtKills} events)`],
    ["rows in database", r.rowsInDb],
    ["rejected", r.rejected],
    ["LOST", r.lost],
    ["DOUBLED", r.doubled],
    ["integrity_check", r.integrity],
    ["display connections", r.display.connections],
    ["display snapshots / updates applied", `${r.display.snapshotsApplied} / ${r.display.updatesApplied}`],
    ["display applied twice / wrong base / gaps / stale", `${r.display.appliedTwice} / ${r.display.appliedOnWrongBase} / ${r.display.gaps} / ${r.display.staleUpdates}`],
    ["duration", `${(r.durationMs / 1000).toFixed(1)} s`],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`);
  lines.push("", ...r.checks.map((c) => `  ${c.ok ? "ok  " : "FAIL"}  ${c.name} — ${c.detail}`));
  lines.push(
    "",
    `crash loop ${r.ok ? "PASSED" : "FAILED"}: cycles=${r.kills} acked=${r.acked} lost=${r.lost} doubled=${r.doubled} integrity=${r.integrity === "ok" ? "ok" : "FAILED"} seed=${r.seed}`,
  );
  if (!r.ok) lines.push(`replay with: ${r.replay}   (database kept in ${r.dir})`);
  return lines.join("\n");
}
