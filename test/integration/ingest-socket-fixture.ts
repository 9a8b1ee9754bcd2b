// The shared fixture of the ingest-socket.*.int.test.ts files, which test the /ingest namespace against the
// real server process, its real storage (SQLite file or PostgreSQL) and a real socket.io client. Each file
// calls setUpIngestServer() and so starts its own server with the same two halls and role tokens; the
// helpers below open /ingest sockets, send `event`/`events` and read the storage and the live view.
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, expect } from "vitest";
import type { Ack, HallEvent, IngestClientToServer, IngestResult, IngestServerToClient, LoadView } from "../../contract/index.js";
import { Api } from "../helpers/api.js";
import { EventFactory, testHall } from "../helpers/hall-fixture.js";
import { openLogDb, type LogDb } from "../helpers/log-db.js";
import { ServerProcess } from "../helpers/server-process.js";

export type IngestSocket = Socket<IngestServerToClient, IngestClientToServer>;

export const HALL = "ing-hall";
export const OTHER_HALL = "ing-other";
export const ACK_TIMEOUT_MS = 15_000;

export const server = new ServerProcess();
export let admin: Api;
export const tokens: Record<"device" | "display" | "staff" | "manager" | "otherDevice" | "hallAdmin", { id: string; token: string }> = {} as never;
const sockets: IngestSocket[] = [];
let db: LogDb;
/** Event times: 30 minutes ago, so every event lies inside the live view's last 60 minutes. */
export let base = 0;

function connectIngest(auth: Record<string, unknown>): IngestSocket {
  const socket: IngestSocket = io(`${server.url}/ingest`, { transports: ["websocket"], forceNew: true, reconnection: false, auth });
  sockets.push(socket);
  return socket;
}

/** Connects and resolves once connected; rejects with the refusal otherwise. */
export function openIngest(auth: Record<string, unknown>): Promise<IngestSocket> {
  const socket = connectIngest(auth);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err: Error & { data?: unknown }) => reject(Object.assign(new Error(`refused: ${err.message}`), { data: err.data })));
  });
}

/** Attempts a handshake expected to fail; resolves with the connect_error's message and data. */
export function refusal(auth: Record<string, unknown>): Promise<{ message: string; code: unknown }> {
  const socket = connectIngest(auth);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no connect_error within 5 s")), 5000);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.disconnect();
      reject(new Error(`handshake unexpectedly accepted for ${JSON.stringify({ ...auth, token: "…" })}`));
    });
    socket.once("connect_error", (err: Error & { data?: { code?: unknown } }) => {
      clearTimeout(timer);
      resolve({ message: err.message, code: err.data?.code });
    });
  });
}

export async function sendOne(socket: IngestSocket, event: unknown): Promise<Ack<IngestResult>> {
  return (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("event", event)) as Ack<IngestResult>;
}

export async function sendMany(socket: IngestSocket, events: unknown): Promise<Ack<{ results: IngestResult[] }>> {
  return (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("events", events)) as Ack<{ results: IngestResult[] }>;
}

export async function rowsOf(hallId: string, eventId: string): Promise<number> {
  return (await db.one<{ n: number }>(`select count(*) as n from "Event" where "hallId" = ? and "eventId" = ?`, [hallId, eventId]))?.n ?? -1;
}

export async function rowsWithPrefix(hallId: string, prefix: string): Promise<number> {
  return (await db.one<{ n: number }>(`select count(*) as n from "Event" where "hallId" = ? and "eventId" like ?`, [hallId, `${prefix}%`]))?.n ?? -1;
}

export async function liveLoad(hallId: string): Promise<LoadView> {
  const res = await admin.load(hallId);
  expect(res.status).toBe(200);
  return res.body;
}

export function arrivals(view: LoadView, categoryId: string): number {
  const c = view.categories.find((x) => x.categoryId === categoryId);
  if (!c) throw new Error(`category ${categoryId} missing from the view`);
  return c.arrivals;
}

/** A fresh hall per test so that figures of one test never mix with another's. */
export async function freshHall(hallId: string): Promise<void> {
  const res = await admin.putHall(hallId, testHall);
  expect(res.status).toBe(201);
}

export function issued(f: EventFactory, minutes: number, ticket: string, categoryId = "social"): HallEvent {
  return f.make(minutes, { type: "ticket.issued", ticketId: ticket, ticketNo: ticket.replace(/[^A-Za-z0-9-]/g, "").slice(-16), categoryId, channel: "kiosk" });
}

/** Starts this file's server with the two halls and the tokens above; disconnects every socket and stops and removes the server after the file. */
export function setUpIngestServer(): void {
  beforeAll(async () => {
    await server.start();
    admin = new Api(server.url, server.adminToken);
    base = Date.now() - 30 * 60_000;
    await freshHall(HALL);
    await freshHall(OTHER_HALL);
    const make = async (req: { role: string; hallId?: string; windowId?: string }) => {
      const created = await admin.issueToken(req);
      return { id: created.id, token: created.token };
    };
    tokens.device = await make({ role: "device", hallId: HALL });
    tokens.display = await make({ role: "display", hallId: HALL });
    tokens.staff = await make({ role: "staff", hallId: HALL, windowId: "w1" });
    tokens.manager = await make({ role: "manager", hallId: HALL });
    tokens.otherDevice = await make({ role: "device", hallId: OTHER_HALL });
    tokens.hallAdmin = await make({ role: "admin", hallId: HALL });
    db = await openLogDb(server);
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await db?.close();
    await server.stop();
    server.remove();
  });
}
