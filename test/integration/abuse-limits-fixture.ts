// The shared fixture of the abuse-limits.*.int.test.ts files, which test the abuse limits (issue #7) against
// the real server process. Each file calls setUpAbuseServer() and so starts its own server: the rate limits
// and the failed-authentication block count per server process and client address, so one file's flood or
// guessing can never throttle another file's clients. The helpers below open /ingest sockets, attempt
// handshakes, send `event`/`events` and check that the server is still healthy.
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, expect } from "vitest";
import type { Ack, HallEvent, IngestClientToServer, IngestResult, IngestServerToClient } from "../../contract/index.js";
import { Api } from "../helpers/api.js";
import type { DisplayClient } from "../helpers/display-client.js";
import { ServerProcess, type ServerOptions } from "../helpers/server-process.js";

export type IngestSocket = Socket<IngestServerToClient, IngestClientToServer>;

export const ACK_TIMEOUT_MS = 30_000;
const sockets: Socket[] = [];
export const displays: DisplayClient[] = [];

function connectIngest(url: string, auth: Record<string, unknown>): IngestSocket {
  const socket: IngestSocket = io(`${url}/ingest`, { transports: ["websocket"], forceNew: true, reconnection: false, auth });
  sockets.push(socket);
  return socket;
}

export function openIngest(url: string, auth: Record<string, unknown>): Promise<IngestSocket> {
  const socket = connectIngest(url, auth);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err: Error & { data?: unknown }) => reject(Object.assign(new Error(`refused: ${err.message}`), { data: err.data })));
  });
}

/** A handshake's outcome: "connected" or the connect_error's code. */
export function handshake(url: string, auth: Record<string, unknown>): Promise<{ code: string; retryAfterMs?: number }> {
  const socket = connectIngest(url, auth);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no handshake outcome within 10 s")), 10_000);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.disconnect();
      resolve({ code: "connected" });
    });
    socket.once("connect_error", (err: Error & { data?: { code?: string; retryAfterMs?: number } }) => {
      clearTimeout(timer);
      resolve({ code: err.data?.code ?? `? ${err.message}`, ...(err.data?.retryAfterMs !== undefined ? { retryAfterMs: err.data.retryAfterMs } : {}) });
    });
  });
}

export const sendOne = async (socket: IngestSocket, event: unknown) => (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("event", event)) as Ack<IngestResult>;
export const sendMany = async (socket: IngestSocket, events: unknown) => (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("events", events)) as Ack<{ results: IngestResult[] }>;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function healthy(server: ServerProcess): Promise<void> {
  const res = await fetch(`${server.url}/api/health`);
  expect(res.status).toBe(200);
}

export const issued = (hallId: string, id: string, tsMs: number, categoryId = "social"): HallEvent =>
  ({ id, hallId, ts: new Date(tsMs).toISOString(), type: "ticket.issued", ticketId: `T-${id}`, ticketNo: "A001", categoryId, channel: "kiosk" }) as HallEvent;

export let server: ServerProcess;
export let admin: Api;

/**
 * Starts this file's own server (with `opts`, e.g. a tighter RATE_AUTH_FAILURES) before its tests; after them
 * disconnects every socket and display the file opened, then stops and removes the server.
 */
export function setUpAbuseServer(opts: ServerOptions = {}): void {
  server = new ServerProcess(opts);
  beforeAll(async () => {
    await server.start();
    admin = new Api(server.url, server.adminToken);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const d of displays) d.close();
    await server.stop();
    server.remove();
  });
}
