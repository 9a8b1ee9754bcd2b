// The shared fixture of the authz-matrix.*.int.test.ts files, which run every cell of
// test/security/authz-table.ts against the real server process. Each server-backed file calls
// setUpAuthzServer() and so starts its own server with the halls HALL and OTHER, one token per column of
// the table (the revoked one already revoked) and two versions of HALL's online item list; the helpers
// below prepare what a cell needs (placeholders, fresh tokens, tickets, follow-up cases) and open sockets.
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, expect } from "vitest";
import type { Ack, CreatedToken, FollowUpCase } from "../../contract/index.js";
import { Api } from "../helpers/api.js";
import { testHall } from "../helpers/hall-fixture.js";
import { ServerProcess } from "../helpers/server-process.js";
import { CALENDAR_YEAR, HALL, OTHER, type Column, type Setup, type SocketNamespace, type SocketRow } from "../security/authz-table.js";

export const ACK_TIMEOUT_MS = 10_000;
// The failed-authentication guard would answer the revoked and tokenless columns 429 after 60 refusals
// per minute; these files are about who may do what, so the guard is off here (it has its own tests).
export const server = new ServerProcess({ env: { RATE_AUTH_FAILURES: "off" } });
export let gAdm: Api;
let device: Api;
export const tokens = {} as Record<Column, string | null>;
export const openSockets: Socket[] = [];
let uid = 0;

export async function issue(req: { role: string; hallId?: string; windowId?: string }): Promise<CreatedToken> {
  const res = await gAdm.createToken(req);
  if (res.status !== 201) throw new Error(`token not issued: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

function hallYesterday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: testHall.timezone, year: "numeric", month: "2-digit", day: "2-digit" }).format(Date.now() - 86_400_000);
}

export const nextId = (prefix: string) => `${prefix}-${++uid}`;

/** Posts events of HALL as its device; each must be accepted. */
async function postEvents(events: Record<string, unknown>[]): Promise<void> {
  const res = await device.postEvents(HALL, events.map((e) => ({ hallId: HALL, ...e })));
  expect(res.status).toBe(200);
  for (const r of res.body.results) expect(r.status, JSON.stringify(r)).toBe("accepted");
}

/** A ticket issued 10 minutes ago and called to w1 just now. */
async function ticketAtW1(): Promise<string> {
  const ticketId = nextId("tk");
  const now = Date.now();
  await postEvents([
    { id: nextId("ev"), type: "ticket.issued", ts: new Date(now - 600_000).toISOString(), ticketId, ticketNo: "A100", categoryId: "social", channel: "kiosk" },
    { id: nextId("ev"), type: "ticket.called", ts: new Date(now - 1_000).toISOString(), ticketId, windowId: "w1" },
  ]);
  return ticketId;
}

/** A poor evaluation at w1, and the follow-up case it opens. */
async function followupCase(): Promise<string> {
  const ticketId = nextId("fu");
  const now = Date.now();
  const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
  await postEvents([
    { id: nextId("ev"), type: "ticket.issued", ts: at(30), ticketId, ticketNo: "B200", categoryId: "social", channel: "kiosk" },
    { id: nextId("ev"), type: "ticket.called", ts: at(20), ticketId, windowId: "w1" },
    { id: nextId("ev"), type: "service.started", ts: at(19), ticketId, windowId: "w1" },
    { id: nextId("ev"), type: "service.completed", ts: at(10), ticketId, windowId: "w1", outcome: "done" },
    { id: nextId("ev"), type: "evaluation.submitted", ts: at(9), ticketId, windowId: "w1", rating: 1 },
  ]);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const res = await gAdm.request<{ cases: FollowUpCase[] }>("GET", `/api/halls/${HALL}/followups`);
    const found = res.body.cases?.find((c) => c.ticketId === ticketId);
    if (found) return String(found.id);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no follow-up case opened for ${ticketId}`);
}

/** Prepares what one cell needs and returns the placeholder values. */
export async function prepare(setup: Setup | undefined): Promise<Record<string, string>> {
  const vars: Record<string, string> = { uid: nextId("authz"), now: new Date().toISOString(), yesterday: hallYesterday() };
  if (setup === "victimToken") vars.tokenId = (await issue({ role: "device", hallId: HALL })).id;
  if (setup === "victimTokenOther") vars.tokenId = (await issue({ role: "device", hallId: OTHER })).id;
  if (setup === "victimTokenGlobal") vars.tokenId = (await issue({ role: "admin" })).id;
  if (setup === "followupCase") vars.caseId = await followupCase();
  if (setup === "ticketAtW1") vars.ticketId = await ticketAtW1();
  if (setup === "calendarYear") {
    const res = await gAdm.request("PUT", `/api/calendar/${CALENDAR_YEAR}`, { holidays: [], workdays: [] });
    expect(res.status).toBe(200);
  }
  return vars;
}

export function fill<T>(value: T, vars: Record<string, string>): T {
  const text = JSON.stringify(value).replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
  return JSON.parse(text) as T;
}

export const rowName = (r: { variant?: string }, base: string) => (r.variant ? `${base} — ${r.variant}` : base);

// ── socket helpers ──────────────────────────────────────────────────────────────────────────────

export interface Attempt {
  socket: Socket;
  refused: string | null;
}

export function openSocket(ns: SocketNamespace, token: string | null, transport: "websocket" | "polling" = "websocket"): Socket {
  const socket = io(`${server.url}${ns}`, {
    transports: [transport],
    forceNew: true,
    reconnection: false,
    auth: token === null ? { hallId: HALL } : { token, hallId: HALL },
  });
  openSockets.push(socket);
  return socket;
}

/** The outcome of a socket's handshake: null when connected (also when it already was), else the refusal. */
export function handshake(socket: Socket, timeoutMs = 5000): Promise<string | null> {
  if (socket.connected) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no handshake outcome")), timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      resolve(null);
    });
    socket.once("connect_error", (err: Error & { data?: { code?: string } }) => {
      clearTimeout(timer);
      resolve(`refused:${err.data?.code ?? `(no code: ${err.message})`}`);
    });
  });
}

export async function attempt(ns: SocketNamespace, token: string | null): Promise<Attempt> {
  const socket = openSocket(ns, token);
  return { socket, refused: await handshake(socket) };
}

export function describeAck(ack: Ack<unknown>): string {
  if (!ack.ok) return `ack:${ack.error.code}:${ack.error.field ?? ""}`;
  const data = ack.data as { status?: string; field?: string } | undefined;
  if (data?.status === "rejected") return `rejected:${data.field ?? ""}`;
  return "ok";
}

export async function socketCell(row: SocketRow, col: Column): Promise<string> {
  const vars = await prepare(row.setup);
  const { socket, refused } = await attempt(row.namespace, tokens[col]);
  try {
    if (refused) return refused;
    if (row.event === "handshake") return "connect";
    const timed = socket.timeout(ACK_TIMEOUT_MS);
    const ack = (row.event === "view" ? await timed.emitWithAck("view") : await timed.emitWithAck(row.event, fill(row.payload, vars))) as Ack<unknown>;
    return describeAck(ack);
  } finally {
    socket.disconnect();
  }
}

/** Starts this file's server with the two halls, the tokens above and the item list; disconnects every socket and stops and removes the server after the file. */
export function setUpAuthzServer(): void {
  beforeAll(async () => {
    await server.start();
    gAdm = new Api(server.url, server.adminToken);
    for (const hallId of [HALL, OTHER]) expect((await gAdm.putHall(hallId, testHall)).status).toBe(201);
    const t = async (role: string, hallId: string, windowId?: string) => (await issue({ role, hallId, ...(windowId ? { windowId } : {}) })).token;
    tokens.gAdm = server.adminToken;
    tokens.adm = await t("admin", HALL);
    tokens.mgr = await t("manager", HALL);
    tokens.st1 = await t("staff", HALL, "w1");
    tokens.st2 = await t("staff", HALL, "w2");
    tokens.dev = await t("device", HALL);
    tokens.dsp = await t("display", HALL);
    tokens.bAdm = await t("admin", OTHER);
    tokens.bMgr = await t("manager", OTHER);
    tokens.bStf = await t("staff", OTHER, "w1");
    tokens.bDev = await t("device", OTHER);
    tokens.bDsp = await t("display", OTHER);
    const revoked = await issue({ role: "admin", hallId: HALL });
    expect((await gAdm.request("DELETE", `/api/tokens/${revoked.id}`)).status).toBe(204);
    tokens.revk = revoked.token;
    tokens.none = null;
    tokens.ovs = (await issue({ role: "overseer" })).token;
    device = new Api(server.url, tokens.dev);
    // Two versions of the online item list, so that reading, versions and diff have something to show.
    for (const name of ["养老保险参保登记", "养老保险参保登记（变更）"]) {
      const res = await gAdm.request("POST", `/api/halls/${HALL}/items/online`, [{ code: "SB-001", name, department: "人社局", promisedDays: 5, maxVisits: 1 }]);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });

  afterAll(async () => {
    for (const s of openSockets) s.disconnect();
    await server.stop();
    server.remove();
  });
}
