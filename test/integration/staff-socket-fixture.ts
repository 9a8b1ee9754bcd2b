// The shared fixture of the staff-socket.*.int.test.ts files, which test the /staff namespace against the
// real server process, its real storage (SQLite file or PostgreSQL) and a real socket.io client. Each file
// calls setUpStaffServer() and so starts its own server; freshHall() gives every test its own hall with
// device and staff tokens, and the helpers below open consoles, send actions, wait for pushed views and
// read what the storage holds.
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, expect } from "vitest";
import type { Ack, HallEvent, StaffActionResult, StaffClientToServer, StaffServerToClient, StaffView } from "../../contract/index.js";
import { Api } from "../helpers/api.js";
import { testHall } from "../helpers/hall-fixture.js";
import { openLogDb, type LogDb } from "../helpers/log-db.js";
import { ServerProcess } from "../helpers/server-process.js";

type StaffSocket = Socket<StaffServerToClient, StaffClientToServer>;

interface Console {
  socket: StaffSocket;
  views: StaffView[];
}

export const ACK_TIMEOUT_MS = 15_000;
const MIN = 60_000;
const server = new ServerProcess();
const sockets: StaffSocket[] = [];
export let admin: Api;
export let db: LogDb;
let hallNo = 0;

/** A fresh hall (testHall: w1 and w2 serve "social", w3 "estate") with a device token and staff tokens. */
export async function freshHall() {
  hallNo += 1;
  const hallId = `staff-hall-${hallNo}`;
  expect((await admin.putHall(hallId, testHall)).status).toBe(201);
  const token = async (req: { role: string; windowId?: string }) => {
    const res = await admin.createToken({ ...req, hallId });
    expect(res.status).toBe(201);
    return res.body;
  };
  const device = new Api(server.url, (await token({ role: "device" })).token);
  const staff = { w1: (await token({ role: "staff", windowId: "w1" })).token, w2: (await token({ role: "staff", windowId: "w2" })).token, w3: (await token({ role: "staff", windowId: "w3" })).token };
  const others = { display: await token({ role: "display" }), manager: await token({ role: "manager" }), device: await token({ role: "device" }), admin: await token({ role: "admin" }) };
  let n = 0;
  return {
    hallId,
    staff,
    others,
    /** A fresh action id. */
    id: () => `st-${hallId}-${++n}`,
    async issue(ticketId: string, categoryId: string, minutesAgo: number, priority: "normal" | "green" = "normal") {
      const res = await device.postEvents(hallId, [
        { id: `iss-${ticketId}`, type: "ticket.issued", hallId, ts: new Date(Date.now() - minutesAgo * MIN).toISOString(), ticketId, ticketNo: ticketId.toUpperCase().slice(0, 16), categoryId, channel: "kiosk", priority, itemCode: "SB-001" },
      ]);
      expect(res.body.results[0]?.status).toBe("accepted");
    },
  };
}

function connect(token: string | undefined): StaffSocket {
  const socket: StaffSocket = io(`${server.url}/staff`, { transports: ["websocket"], forceNew: true, reconnection: false, auth: token === undefined ? {} : { token } });
  sockets.push(socket);
  return socket;
}

export async function openConsole(token: string): Promise<Console> {
  const socket = connect(token);
  const views: StaffView[] = [];
  socket.on("staff.view", (v) => views.push(v));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (err) => reject(err));
  });
  return { socket, views };
}

export function refusal(token: string | undefined): Promise<{ message: string; code: unknown }> {
  const socket = connect(token);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => reject(new Error("handshake unexpectedly accepted")));
    socket.once("connect_error", (err: Error & { data?: { code?: unknown } }) => resolve({ message: err.message, code: err.data?.code }));
  });
}

export async function act(c: Console, action: Record<string, unknown>): Promise<Ack<StaffActionResult>> {
  return (await c.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("action", action)) as Ack<StaffActionResult>;
}

/** Resolves with the first view pushed after view number `from` that satisfies `ok`. */
export async function pushed(c: Console, ok: (v: StaffView) => boolean, from = 0, timeoutMs = 8000): Promise<StaffView> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const hit = c.views.slice(from).find(ok);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no matching staff.view within ${timeoutMs} ms; last: ${JSON.stringify(c.views.at(-1))}`);
}

/** Does `step` and resolves with the first view pushed after it began that satisfies `ok`. */
export async function after(c: Console, step: () => Promise<unknown>, ok: (v: StaffView) => boolean): Promise<StaffView> {
  const mark = c.views.length;
  await step();
  return pushed(c, ok, mark);
}

interface Row {
  eventId: string;
  type: string;
  windowId: string | null;
  ticketId: string | null;
  payload: string;
}
const ROW = `select "eventId", "type", "windowId", "ticketId", "payload" from "Event"`;
export const stored = (hallId: string, eventId: string) => db.all<Row>(`${ROW} where "hallId" = ? and "eventId" = ?`, [hallId, eventId]);
export const calls = (hallId: string) => db.all<Row>(`${ROW} where "hallId" = ? and "type" = 'ticket.called' order by "seq"`, [hallId]);
export const quarantined = (hallId: string, eventId: string) =>
  db.all<{ source: string; field: string }>(`select "source", "field" from "Quarantine" where "hallId" = ? and "eventId" = ?`, [hallId, eventId]);

/** The one stored event of this action, with its payload, checked for the server-set envelope. */
export async function storedEvent(hallId: string, eventId: string, before: number): Promise<HallEvent> {
  const rows = await stored(hallId, eventId);
  expect(rows).toHaveLength(1);
  const event = JSON.parse((rows[0] as Row).payload) as HallEvent;
  expect(event.hallId).toBe(hallId);
  const ts = Date.parse(event.ts);
  expect(ts).toBeGreaterThanOrEqual(before - 1000);
  expect(ts).toBeLessThanOrEqual(Date.now() + 1000);
  return event;
}

/** Starts this file's server and opens its storage; disconnects every console and stops and removes the server after the file. */
export function setUpStaffServer(): void {
  beforeAll(async () => {
    await server.start();
    admin = new Api(server.url, server.adminToken);
    db = await openLogDb(server);
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await db?.close();
    await server.stop();
    server.remove();
  });
}
