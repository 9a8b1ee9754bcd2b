// Storage faults against the real server process and real kernel behaviour:
// - disk full: the database lives on a small tmpfs filled with a ballast file (real ENOSPC, SQLite
//   answers SQLITE_FULL); deleting the ballast is "space returns";
// - read-only: the database and its WAL are made immutable with `chattr +i` (the kernel answers EPERM
//   to every write, even through descriptors opened before, as with a file system gone read-only);
//   `chattr -i` is "writable again". (`mount -o remount,ro` is refused while the server holds the file
//   open for writing, and root ignores file modes, so neither can fail a running server's writes.)
// In both cases HTTP and socket.io ingest must answer errors and never `accepted` for an event that is
// not in the file, /api/health and /display stay up, the live figures stay equal to the file's, and the
// same events are accepted exactly once when storage returns.
// - start-up on a corrupt, truncated, non-SQLite, damaged or read-only file: exit non-zero with one
//   clear message naming the file and what to do, no stack trace.
// Each fault scenario is skipped, with the reason printed, only when its kernel mechanism is not
// available (no CAP_SYS_ADMIN for mount, no CAP_LINUX_IMMUTABLE or a file system without it).
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ack, HallEvent, IngestClientToServer, IngestResult, IngestServerToClient, LoadView } from "../../contract/index.js";
import { applyMigrations } from "../../server/adapters/sqlite/migrations.js";
import { Api } from "../helpers/api.js";
import { connectDisplay, type DisplayClient } from "../helpers/display-client.js";
import { EventFactory, testHall } from "../helpers/hall-fixture.js";
import { figuresFromLog } from "../helpers/log-figures.js";
import { freePort, ROOT, ServerProcess, tempDir, TEST_ADMIN_TOKEN } from "../helpers/server-process.js";

type IngestSocket = Socket<IngestServerToClient, IngestClientToServer>;
const ACK_TIMEOUT_MS = 15_000;
const HALL = "fault-hall";

// ---------------------------------------------------------------------------------------------------
// The fault mechanisms, probed once.

function run(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
}

function errorText(err: unknown): string {
  const e = err as { stderr?: Buffer | string; message?: string };
  return (e.stderr?.toString().trim() || e.message || String(err)).split("\n")[0] ?? "";
}

function probeTmpfs(): string | null {
  const dir = tempDir("hallpulse-probe-tmpfs-");
  try {
    run("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", dir]);
    run("umount", [dir]);
    return null;
  } catch (err) {
    return `cannot mount a tmpfs (needs root with CAP_SYS_ADMIN): ${errorText(err)}`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Immutable files whose writes fail even through a descriptor opened before (ext4, xfs, btrfs; not tmpfs). */
function probeImmutable(): string | null {
  const dir = tempDir("hallpulse-probe-immutable-");
  const file = path.join(dir, "f");
  const fd = fs.openSync(file, "w+");
  try {
    fs.writeSync(fd, "x");
    try {
      run("chattr", ["+i", file]);
    } catch (err) {
      return `chattr +i is not available (needs root with CAP_LINUX_IMMUTABLE and a file system that supports it): ${errorText(err)}`;
    }
    try {
      fs.writeSync(fd, "y");
      return `the file system of ${os.tmpdir()} lets an open descriptor write to an immutable file`;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === "EPERM" ? null : `unexpected error writing an immutable file: ${errorText(err)}`;
    }
  } finally {
    fs.closeSync(fd);
    try {
      run("chattr", ["-i", file]);
    } catch {
      // never set
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const tmpfsUnavailable = probeTmpfs();
const immutableUnavailable = probeImmutable();
if (tmpfsUnavailable) console.warn(`[storage-faults] SKIPPING the disk-full test: ${tmpfsUnavailable}`);
if (immutableUnavailable) console.warn(`[storage-faults] SKIPPING the read-only tests: ${immutableUnavailable}`);

/** Fills the file system holding `dir` with a ballast file until the kernel answers ENOSPC. */
function fillDisk(dir: string): string {
  const ballast = path.join(dir, "ballast");
  const fd = fs.openSync(ballast, "w");
  try {
    for (const size of [1 << 20, 4096, 1]) {
      const buf = Buffer.alloc(size, 0x55);
      for (let i = 0; ; i++) {
        try {
          fs.writeSync(fd, buf);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === "ENOSPC") break;
          throw err;
        }
        if (size === 1 && i > 8192) throw new Error("the file system never filled up");
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  // Sanity: no byte fits anywhere any more.
  expect(() => fs.writeFileSync(path.join(dir, "probe"), "x")).toThrow(/ENOSPC/);
  return ballast;
}

/** Empties the WAL so that the server's next commit must grow it (a WAL with room would still take it). */
function truncateWal(dbFile: string): void {
  const db = new Database(dbFile, { timeout: 5000 });
  try {
    const [r] = db.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
    expect(r?.busy).toBe(0);
  } finally {
    db.close();
  }
  expect(fs.statSync(`${dbFile}-wal`).size).toBe(0);
}

function setImmutable(files: string[], on: boolean): void {
  for (const f of files) if (fs.existsSync(f)) run("chattr", [on ? "+i" : "-i", f]);
}

// ---------------------------------------------------------------------------------------------------
// A migrated database file, copied under the servers whose scenario is not about creating one: a new
// file costs each start a run of the Prisma migration CLI (~2 s); one run here serves them all. The
// start on an empty file ("an empty file is a new database") still migrates its own.

let migratedTemplate = "";

beforeAll(async () => {
  migratedTemplate = path.join(tempDir("hallpulse-migrated-"), "hallpulse.db");
  await applyMigrations(migratedTemplate, ROOT);
});

afterAll(() => {
  if (migratedTemplate) fs.rmSync(path.dirname(migratedTemplate), { recursive: true, force: true });
});

/** A server on a copy of the migrated template in `dir` (its own directory, or a tmpfs). */
function onMigratedCopy(dir?: string): ServerProcess {
  const server = new ServerProcess(dir === undefined ? {} : { dir });
  fs.copyFileSync(migratedTemplate, server.dbFile);
  return server;
}

// ---------------------------------------------------------------------------------------------------
// A hall with a device socket and a display, shared by the fault scenarios.

interface Rig {
  server: ServerProcess;
  admin: Api;
  socket: IngestSocket;
  display: DisplayClient;
  factory: EventFactory;
  close(): Promise<void>;
}

async function rig(server: ServerProcess, prefix: string): Promise<Rig> {
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

function issued(f: EventFactory, minutes: number, ticket: string, categoryId = "social"): HallEvent {
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
async function expectIngestRefused(r: Rig, tag: string): Promise<HallEvent[]> {
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
async function expectRecovered(r: Rig, refused: HallEvent[]): Promise<void> {
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

async function baseline(r: Rig): Promise<void> {
  const f = r.factory;
  const res = await r.admin.postEvents(HALL, [issued(f, 0, "base-1"), issued(f, 0.5, "base-2", "estate")]);
  expect(res.status).toBe(200);
  expect(res.body.results.map((x) => x.status)).toEqual(["accepted", "accepted"]);
  await r.display.waitFor((c) => c.view !== null && arrivals(c.view) === 2, 5000, "the baseline on the display");
}

// ---------------------------------------------------------------------------------------------------

describe.skipIf(tmpfsUnavailable !== null)("disk full (a 16 MiB tmpfs filled with a ballast file)", () => {
  let dir = "";
  let r: Rig | null = null;

  beforeAll(() => {
    dir = tempDir("hallpulse-full-");
    run("mount", ["-t", "tmpfs", "-o", "size=16m,mode=0755", "tmpfs", dir]);
  });

  afterAll(async () => {
    await r?.close();
    try {
      run("umount", [dir]);
    } catch {
      run("umount", ["-l", dir]);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("answers ingest with storage_unavailable while the disk is full, stays up, and takes the same events once space returns", async () => {
    r = await rig(onMigratedCopy(dir), "full-");
    await baseline(r);

    truncateWal(r.server.dbFile);
    const ballast = fillDisk(dir);
    const refused = await expectIngestRefused(r, "full");

    fs.rmSync(ballast);
    await expectRecovered(r, refused);
    expect(r.server.output).toMatch(/storage unavailable/);
    // The server survived any background writer that hit the full disk too.
    expect((await fetch(`${r.server.url}/api/health`)).status).toBe(200);
  });

  it("refuses to start on a full disk with a message naming the file", async () => {
    if (!r) throw new Error("needs the server of the previous test");
    const dbFile = r.server.dbFile;
    await r.close();
    r = null;
    const ballast = fillDisk(dir);
    try {
      expectClearMessage(await startExpectingFailure(dbFile), dbFile, /full.*free space/i);
    } finally {
      fs.rmSync(ballast);
    }
  });
});

describe.skipIf(immutableUnavailable !== null)("read-only database (chattr +i on the file and its WAL)", () => {
  let r: Rig | null = null;
  let server: ServerProcess | null = null;

  afterAll(async () => {
    if (server) setImmutable([server.dbFile, `${server.dbFile}-wal`, `${server.dbFile}-shm`, server.dir], false);
    await r?.close();
    server?.remove();
  });

  it("answers ingest with storage_unavailable while the file is read-only, stays up, and takes the same events once it is writable", async () => {
    server = onMigratedCopy();
    r = await rig(server, "ro-");
    await baseline(r);

    const files = [server.dbFile, `${server.dbFile}-wal`];
    setImmutable(files, true);
    let refused: HallEvent[];
    try {
      refused = await expectIngestRefused(r, "ro");
    } finally {
      setImmutable(files, false);
    }
    await expectRecovered(r, refused);
  });

  it("refuses to start on a read-only database with a message naming the file", async () => {
    if (!server) throw new Error("needs the server of the previous test");
    await r?.close();
    r = null;
    // A clean stop checkpointed and removed the WAL; make the file and its directory unwritable.
    setImmutable([server.dbFile, server.dir], true);
    try {
      const out = await startExpectingFailure(server.dbFile);
      expectClearMessage(out, server.dbFile, /read-only.*writable/i);
    } finally {
      setImmutable([server.dbFile, server.dir], false);
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Start-up on a bad file.

interface Exit {
  code: number | null;
  output: string;
}

/** Starts the real server on `dbFile` and waits for it to exit (it must, within the timeout). */
async function startExpectingFailure(dbFile: string, timeoutMs = 60_000): Promise<Exit> {
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

function expectClearMessage(exit: Exit, file: string, what: RegExp): void {
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

describe("start-up on a damaged database file", () => {
  let dir = "";
  /** A real database with events, cleanly closed (no WAL). */
  let good = "";

  beforeAll(async () => {
    dir = tempDir("hallpulse-bad-db-");
    const goodDir = path.join(dir, "good");
    fs.mkdirSync(goodDir, { recursive: true });
    const server = onMigratedCopy(goodDir);
    const r = await rig(server, "good-");
    // Ten days old first (pages the start never reads), then a few recent ones.
    const old = new EventFactory(HALL, Date.now() - 10 * 86_400_000, "old-");
    const events: HallEvent[] = [];
    for (let i = 0; i < 400; i++) events.push(issued(old, i * 0.05, `old-${i}-${"x".repeat(40)}`, i % 2 ? "social" : "estate"));
    for (let i = 0; i < 10; i++) events.push(issued(r.factory, i, `new-${i}`));
    for (let i = 0; i < events.length; i += 200) expect((await r.admin.postEvents(HALL, events.slice(i, i + 200))).status).toBe(200);
    await r.close();
    good = server.dbFile;
    expect(fs.existsSync(`${good}-wal`)).toBe(false);
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function variant(name: string, bytes: Buffer): string {
    const file = path.join(dir, name, "hallpulse.db");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
    return file;
  }

  it("random bytes", async () => {
    const file = variant("random", Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919 + 13) % 251)));
    expectClearMessage(await startExpectingFailure(file), file, /not a valid SQLite database/i);
  });

  it("a file that is not a database at all", async () => {
    const file = variant("text", Buffer.from("name,window\n张三,1\n".repeat(500)));
    expectClearMessage(await startExpectingFailure(file), file, /not a valid SQLite database/i);
  });

  it("a real database truncated to half its size", async () => {
    const bytes = fs.readFileSync(good);
    const file = variant("truncated", bytes.subarray(0, Math.floor(bytes.length / 2 / 4096) * 4096 + 1000));
    expectClearMessage(await startExpectingFailure(file), file, /truncated|corrupt/i);
  });

  it("a real database with one damaged page of old events (which the start itself never reads)", async () => {
    const db = new Database(good, { readonly: true });
    const pageSize = db.pragma("page_size", { simple: true }) as number;
    const page = db.prepare(`select pageno from dbstat where name = 'Event' and pagetype = 'leaf' order by pageno limit 1`).pluck().get() as number;
    db.close();
    const bytes = Buffer.from(fs.readFileSync(good));
    // Scribble over the leaf's cell pointer array: the header and every other page stay valid.
    const at = (page - 1) * pageSize;
    bytes.fill(0xa5, at + 8, at + 64);
    const file = variant("damaged", bytes);
    expectClearMessage(await startExpectingFailure(file), file, /corrupt.*quick_check/i);
  });

  it("an empty file is a new database, not an error", async () => {
    const file = variant("empty", Buffer.alloc(0));
    const server = new ServerProcess({ dir: path.dirname(file) });
    await server.start();
    await server.stop();
  });

  it("the intact database still starts, and the start logs its size, what was checked and how long it took", async () => {
    const server = new ServerProcess({ dir: path.dirname(good), env: { LOG_LEVEL: "info" } });
    await server.start();
    await server.stop();
    expect(server.output).toMatch(/"sizeBytes":\d+.*"checked":"quick_check".*"msg":"database file checked"/);
    expect(server.output).toMatch(/"startMs":\d+.*"msg":"HallPulse is ready"/);
  });
});
