// The shared fixture of the storage-faults.*.int.test.ts files, which test storage faults against the real
// server process and real kernel behaviour (a full disk, a read-only file, a damaged file at start-up).
// Each file calls setUpMigratedTemplate() and starts its own servers on copies of it. Here: the command
// runner of the fault mechanisms, a hall with a device socket and a display (the rig), the checks that
// ingest is refused while storage fails and accepted exactly once when it returns, and the start of a
// server that must exit with one clear message.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, expect } from "vitest";
import type { Ack, HallEvent, IngestClientToServer, IngestResult, IngestServerToClient, LoadView } from "../../contract/index.js";
import { applyMigrations } from "../../server/adapters/sqlite/migrations.js";
import { Api } from "../helpers/api.js";
import { connectDisplay, type DisplayClient } from "../helpers/display-client.js";
import { EventFactory, testHall } from "../helpers/hall-fixture.js";
import { figuresFromLog } from "../helpers/log-figures.js";
import { freePort, ROOT, ServerProcess, tempDir, TEST_ADMIN_TOKEN } from "../helpers/server-process.js";

type IngestSocket = Socket<IngestServerToClient, IngestClientToServer>;
const ACK_TIMEOUT_MS = 15_000;
export const HALL = "fault-hall";

// ---------------------------------------------------------------------------------------------------
// The fault mechanisms run commands (mount, chattr); their failures are reported by their first line.

export function run(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
}

export function errorText(err: unknown): string {
  const e = err as { stderr?: Buffer | string; message?: string };
  return (e.stderr?.toString().trim() || e.message || String(err)).split("\n")[0] ?? "";
}

// ---------------------------------------------------------------------------------------------------
// A migrated database file, copied under the servers whose scenario is not about creating one: a new
// file costs each start a run of the Prisma migration CLI (~2 s); one run per test file serves all its
// servers. The start on an empty file ("an empty file is a new database") still migrates its own.

let migratedTemplate = "";

/** Registers the file's migrated template: made before the file's tests, removed after them. */
export function setUpMigratedTemplate(): void {
  beforeAll(async () => {
    migratedTemplate = path.join(tempDir("hallpulse-migrated-"), "hallpulse.db");
    await applyMigrations(migratedTemplate, ROOT);
  });

  afterAll(() => {
    if (migratedTemplate) fs.rmSync(path.dirname(migratedTemplate), { recursive: true, force: true });
  });
}

/** A server on a copy of the migrated template in `dir` (its own directory, or a tmpfs). */
export function onMigratedCopy(dir?: string): ServerProcess {
  const server = new ServerProcess(dir === undefined ? {} : { dir });
  fs.copyFileSync(migratedTemplate, server.dbFile);
  return server;
}

// ---------------------------------------------------------------------------------------------------
// A hall with a device socket and a display, shared by the fault scenarios.

export interface Rig {
  server: ServerProcess;
  admin: Api;
  socket: IngestSocket;
  display: DisplayClient;
  factory: EventFactory;
  close(): Promise<void>;
}

export async function rig(server: ServerProcess, prefix: string): Promise<Rig> {
  await server.start();
  const admin = new Api(server.url, server.adminToken);
  expect((await admin.putHall(HALL, testHall)).status).toBe(201);
  const display = await connectDisplay({ url: server.url, token: server.adminToken, hallId: HALL });
  const socket: IngestSocket = io(`${server.url}/ingest`, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    auth: { token: server.adminToken, hallId: HALL },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  const factory = new EventFactory(HALL, Date.now() - 30 * 60_000, prefix);
  return {
    server,
    admin,
    socket,
    display,
    factory,
    async close() {
      socket.disconnect();
      display.close();
      await server.stop();
    },
  };
}

export function issued(f: EventFactory, minutes: number, ticket: string, categoryId = "social"): HallEvent {
  return f.make(minutes, { type: "ticket.issued", ticketId: ticket, ticketNo: ticket, categoryId, channel: "kiosk" });
}

function rowsOf(dbFile: string, eventId: string): number {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`select count(*) from "Event" where hallId = ? and eventId = ?`).pluck().get(HALL, eventId) as number;
  } finally {
    db.close();
  }
}

async function sendMany(socket: IngestSocket, events: unknown[]): Promise<Ack<{ results: IngestResult[] }>> {
  return (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("events", events)) as Ack<{ results: IngestResult[] }>;
}

async function sendOne(socket: IngestSocket, event: unknown): Promise<Ack<IngestResult>> {
  return (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("event", event)) as Ack<IngestResult>;
}

/** The live figures the server holds in memory equal those computed from the file alone. */
async function expectLiveEqualsLog(r: Rig): Promise<LoadView> {
  const res = await r.admin.load(HALL);
  expect(res.status).toBe(200);
  const live = res.body;
  const fromLog = figuresFromLog(r.server.dbFile, HALL, testHall, Date.parse(live.from), Date.parse(live.to));
  expect(live.categories).toEqual(fromLog.categories);
  expect(live.windows).toEqual(fromLog.windows);
  expect(live.recentCalls).toEqual(fromLog.recentCalls);
  return live;
}

function arrivals(view: LoadView): number {
  return view.categories.reduce((n, c) => n + c.arrivals, 0);
}

/**
 * With storage failing: every ingest path answers an error, nothing is claimed accepted that is not in
 * the file, health and the display feed stay up, the live figures equal the file's. Returns the events
 * that were refused, to be sent again once storage is back.
 */
export async function expectIngestRefused(r: Rig, tag: string): Promise<HallEvent[]> {
  const f = r.factory;
  const httpBatch = [issued(f, 1, `${tag}-h1`), issued(f, 2, `${tag}-h2`, "estate"), { id: `${tag}-bad`, type: "no.such.type" }];
  const socketBatch = [issued(f, 3, `${tag}-s1`), issued(f, 4, `${tag}-s2`)];
  const single = issued(f, 5, `${tag}-one`);
  const refused = [httpBatch[0], httpBatch[1], ...socketBatch, single] as HallEvent[];
  const before = await expectLiveEqualsLog(r);

  const http = await r.admin.postEvents(HALL, httpBatch);
  expect(http.status).toBe(503);
  expect(http.body).toMatchObject({ error: { code: "storage_unavailable" } });

  const many = await sendMany(r.socket, socketBatch);
  expect(many).toMatchObject({ ok: false, error: { code: "storage_unavailable" } });
  const one = await sendOne(r.socket, single);
  expect(one).toMatchObject({ ok: false, error: { code: "storage_unavailable" } });
  if (!one.ok) expect(one.error.message).toMatch(/retry/);

  for (const e of refused) expect(rowsOf(r.server.dbFile, e.id), e.id).toBe(0);

  // Still up: health, a new display connection, the old one still connected; figures unchanged.
  const health = await fetch(`${r.server.url}/api/health`);
  expect(health.status).toBe(200);
  const late = await connectDisplay({ url: r.server.url, token: r.server.adminToken, hallId: HALL });
  expect(arrivals(late.view as LoadView)).toBe(arrivals(before));
  late.close();
  expect(r.display.connected).toBe(true);
  const during = await expectLiveEqualsLog(r);
  expect(arrivals(during)).toBe(arrivals(before));
  return refused;
}

/** Once storage is back: the same events are accepted, each exactly once, and shown. */
export async function expectRecovered(r: Rig, refused: HallEvent[]): Promise<void> {
  const before = arrivals((await r.admin.load(HALL)).body);
  const [h1, h2, s1, s2, one] = refused as [HallEvent, HallEvent, HallEvent, HallEvent, HallEvent];
  const http = await r.admin.postEvents(HALL, [h1, h2]);
  expect(http.status).toBe(200);
  expect(http.body.results.map((x) => x.status)).toEqual(["accepted", "accepted"]);
  const many = await sendMany(r.socket, [s1, s2]);
  expect(many).toEqual({ ok: true, data: { results: [{ id: s1.id, status: "accepted" }, { id: s2.id, status: "accepted" }] } });
  expect(await sendOne(r.socket, one)).toEqual({ ok: true, data: { id: one.id, status: "accepted" } });
  // A second copy of any of them is a duplicate.
  expect(await sendOne(r.socket, s1)).toEqual({ ok: true, data: { id: s1.id, status: "duplicate" } });
  for (const e of refused) expect(rowsOf(r.server.dbFile, e.id), e.id).toBe(1);

  const after = await expectLiveEqualsLog(r);
  expect(arrivals(after)).toBe(before + refused.length);
  await r.display.waitFor((c) => c.view !== null && arrivals(c.view) === before + refused.length, 5000, "the display shows the recovered events");
  expect(r.display.connections).toBe(1);
  expect(r.server.output).not.toMatch(/Unhandled|uncaught/i);
}

export async function baseline(r: Rig): Promise<void> {
  const f = r.factory;
  const res = await r.admin.postEvents(HALL, [issued(f, 0, "base-1"), issued(f, 0.5, "base-2", "estate")]);
  expect(res.status).toBe(200);
  expect(res.body.results.map((x) => x.status)).toEqual(["accepted", "accepted"]);
  await r.display.waitFor((c) => c.view !== null && arrivals(c.view) === 2, 5000, "the baseline on the display");
}

// ---------------------------------------------------------------------------------------------------
// Start-up on a bad file.

export interface Exit {
  code: number | null;
  output: string;
}

/** Starts the real server on `dbFile` and waits for it to exit (it must, within the timeout). */
export async function startExpectingFailure(dbFile: string, timeoutMs = 60_000): Promise<Exit> {
  const port = await freePort();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: `file:${dbFile}`,
    NODE_ENV: "test",
    LOG_LEVEL: "warn",
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
  };
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the server did not exit within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

export function expectClearMessage(exit: Exit, file: string, what: RegExp): void {
  expect(exit.code, exit.output).not.toBe(0);
  expect(exit.code, exit.output).not.toBeNull();
  const lines = exit.output.trim().split("\n");
  expect(lines, exit.output).toHaveLength(1);
  const line = lines[0] as string;
  expect(line).toMatch(/^HallPulse could not start: /);
  expect(line).toContain(file);
  expect(line).toMatch(what);
  expect(exit.output).not.toMatch(/\n\s+at /);
}
