// Who may do what, against the real server process: every cell of test/security/authz-table.ts — each
// REST route and each socket.io handshake and client→server event, for every kind of caller — must
// answer exactly what the table says. A guard fails when the express app has an API route the table does
// not list (or the table names one the app lacks), and when a namespace's client→server event has no row.
// Revocation: a revoked token is refused at once over REST, its connected sockets on all three
// namespaces (websocket and polling) are disconnected at once, and its reconnection is refused.
import fs from "node:fs";
import path from "node:path";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ack, CreatedToken, FollowUpCase } from "../../contract/index.js";
import { createHttpApp, type HttpDeps } from "../../server/adapters/http/create-http-app.js";
import { Api } from "../helpers/api.js";
import { testHall } from "../helpers/hall-fixture.js";
import { ROOT, ServerProcess } from "../helpers/server-process.js";
import {
  CALENDAR_YEAR,
  COLUMNS,
  HALL,
  OTHER,
  REST_TABLE,
  SOCKET_EVENTS,
  SOCKET_TABLE,
  type Column,
  type RestRow,
  type Setup,
  type SocketNamespace,
  type SocketRow,
} from "../security/authz-table.js";

const ACK_TIMEOUT_MS = 10_000;
// The failed-authentication guard would answer the revoked and tokenless columns 429 after 60 refusals
// per minute; this file is about who may do what, so the guard is off here (it has its own tests).
const server = new ServerProcess({ env: { RATE_AUTH_FAILURES: "off" } });
let gAdm: Api;
let device: Api;
const tokens = {} as Record<Column, string | null>;
const openSockets: Socket[] = [];
let uid = 0;

async function issue(req: { role: string; hallId?: string; windowId?: string }): Promise<CreatedToken> {
  const res = await gAdm.createToken(req);
  if (res.status !== 201) throw new Error(`token not issued: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

function hallYesterday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: testHall.timezone, year: "numeric", month: "2-digit", day: "2-digit" }).format(Date.now() - 86_400_000);
}

const nextId = (prefix: string) => `${prefix}-${++uid}`;

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
async function prepare(setup: Setup | undefined): Promise<Record<string, string>> {
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

function fill<T>(value: T, vars: Record<string, string>): T {
  const text = JSON.stringify(value).replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
  return JSON.parse(text) as T;
}

const rowName = (r: { variant?: string }, base: string) => (r.variant ? `${base} — ${r.variant}` : base);

// ── socket helpers ──────────────────────────────────────────────────────────────────────────────

interface Attempt {
  socket: Socket;
  refused: string | null;
}

function openSocket(ns: SocketNamespace, token: string | null, transport: "websocket" | "polling" = "websocket"): Socket {
  const socket = io(`${server.url}${ns}`, {
    transports: [transport],
    forceNew: true,
    reconnection: false,
    auth: token === null ? { hallId: HALL } : { token, hallId: HALL },
  });
  openSockets.push(socket);
  return socket;
}

function handshake(socket: Socket, timeoutMs = 5000): Promise<string | null> {
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

async function attempt(ns: SocketNamespace, token: string | null): Promise<Attempt> {
  const socket = openSocket(ns, token);
  return { socket, refused: await handshake(socket) };
}

function describeAck(ack: Ack<unknown>): string {
  if (!ack.ok) return `ack:${ack.error.code}:${ack.error.field ?? ""}`;
  const data = ack.data as { status?: string; field?: string } | undefined;
  if (data?.status === "rejected") return `rejected:${data.field ?? ""}`;
  return "ok";
}

async function socketCell(row: SocketRow, col: Column): Promise<string> {
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

// ── setup ───────────────────────────────────────────────────────────────────────────────────────

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

// ── the guard: the table lists exactly the app's routes and the namespaces' events ─────────────────

interface StackLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: StackLayer[] };
  rawPath?: unknown;
}

/** `METHOD /path` of every route the express app declares, through mounted routers. */
function appRoutes(): string[] {
  // The routers only keep their dependencies until a request comes, so the app is built without any
  // (optional settings take their defaults); no I/O happens.
  const deps = { clientDir: path.join(ROOT, "dist", "client"), version: "0.0.0" } as unknown as HttpDeps;
  const app = createHttpApp(deps, () => true) as unknown as { router: { stack: StackLayer[] } };
  const out: string[] = [];
  const walk = (stack: StackLayer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== "_all") out.push(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, prefix + (typeof layer.rawPath === "string" && layer.rawPath !== "/" ? layer.rawPath : ""));
      }
    }
  };
  walk(app.router.stack, "");
  return out;
}

describe("the authorization table covers everything", () => {
  it("lists every API route of the express app, and no route the app does not have", () => {
    const routes = appRoutes();
    const api = new Set(routes.filter((r) => r.split(" ")[1]?.startsWith("/api")));
    const table = new Set(REST_TABLE.map((r) => `${r.method} ${r.route}`));
    expect(api.size).toBeGreaterThan(25);
    expect([...api].filter((r) => !table.has(r)), "API routes missing from test/security/authz-table.ts").toEqual([]);
    expect([...table].filter((r) => !api.has(r)), "table rows naming no route of the app").toEqual([]);
    // Everything outside /api is a page (public, read-only).
    expect(routes.filter((r) => !r.split(" ")[1]?.startsWith("/api") && !r.startsWith("GET "))).toEqual([]);
    if (fs.existsSync(path.join(ROOT, "dist", "client", "index.html"))) expect(routes).toContain("GET /staff");
  });

  it("has a handshake row per namespace and a row per client→server event", () => {
    for (const [ns, events] of Object.entries(SOCKET_EVENTS)) {
      expect(SOCKET_TABLE.some((r) => r.namespace === ns && r.event === "handshake"), `${ns} handshake`).toBe(true);
      for (const e of events) expect(SOCKET_TABLE.some((r) => r.namespace === ns && r.event === e), `${ns} ${e}`).toBe(true);
    }
  });

  it("fills every column of every row", () => {
    for (const row of [...REST_TABLE, ...SOCKET_TABLE]) expect(Object.keys(row.expect).sort()).toEqual([...COLUMNS].sort());
  });
});

// ── the matrix ──────────────────────────────────────────────────────────────────────────────────

async function restCell(row: RestRow, col: Column): Promise<string | null> {
  const vars = await prepare(row.setup);
  const body = row.body === undefined ? undefined : fill(row.body, vars);
  const res = await gAdm.as(tokens[col]).request<{ error?: { code?: string } }>(row.method, fill(row.path, vars), body);
  const want = row.expect[col];
  const code = res.body && typeof res.body === "object" ? res.body.error?.code : undefined;
  if (res.status !== want) return `${col}: expected ${want}, got ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`;
  if (want === 401 && code !== "unauthorized") return `${col}: 401 with code ${code}`;
  if (want === 403 && code !== "forbidden") return `${col}: 403 with code ${code}`;
  return null;
}

describe("REST: every route × every caller", () => {
  for (const row of REST_TABLE) {
    it(rowName(row, `${row.method} ${row.route}`), async () => {
      const wrong: string[] = [];
      for (const col of COLUMNS) {
        const problem = await restCell(row, col);
        if (problem) wrong.push(problem);
      }
      expect(wrong).toEqual([]);
    });
  }
});

describe("socket.io: every handshake and event × every caller", () => {
  for (const row of SOCKET_TABLE) {
    it(rowName(row, `${row.namespace} ${row.event}`), async () => {
      const wrong: string[] = [];
      for (const col of COLUMNS) {
        const got = await socketCell(row, col);
        if (got !== row.expect[col]) wrong.push(`${col}: expected ${row.expect[col]}, got ${got}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it("the root namespace serves no one, not even the global admin", async () => {
    for (const token of [tokens.gAdm, tokens.dsp, null]) {
      const socket = io(server.url, { transports: ["websocket"], forceNew: true, reconnection: false, auth: token === null ? {} : { token, hallId: HALL } });
      openSockets.push(socket);
      expect(await handshake(socket)).toMatch(/^refused:/);
      socket.disconnect();
    }
  });

  it("a staff console acts only on its own window: an action at w2 from w1's console leaves no event", async () => {
    const { socket, refused } = await attempt("/staff", tokens.st1);
    expect(refused).toBeNull();
    const id = nextId("cross");
    const ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("action", { id, type: "window.paused", windowId: "w2" })) as Ack<unknown>;
    expect(describeAck(ack)).toBe("ack:forbidden:windowId");
    // Nothing was recorded under that id: the same id from w2's own console is accepted, not a duplicate.
    const own = await attempt("/staff", tokens.st2);
    const ownAck = (await own.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("action", { id, type: "window.paused", windowId: "w2" })) as Ack<{ status: string }>;
    expect(ownAck.ok && ownAck.data.status).toBe("accepted");
    socket.disconnect();
    own.socket.disconnect();
  });
});

// ── revocation ──────────────────────────────────────────────────────────────────────────────────

const NAMESPACE_ROLES: { ns: SocketNamespace; role: string; windowId?: string }[] = [
  { ns: "/ingest", role: "device" },
  { ns: "/display", role: "display" },
  { ns: "/staff", role: "staff", windowId: "w1" },
];

describe("revocation takes effect at once", () => {
  for (const { ns, role, windowId } of NAMESPACE_ROLES) {
    for (const transport of ["websocket", "polling"] as const) {
      it(`${ns} over ${transport}: the connected ${role} socket is disconnected, REST answers 401, reconnection is refused`, async () => {
        const t = await issue({ role, hallId: HALL, ...(windowId ? { windowId } : {}) });
        const socket = openSocket(ns, t.token, transport);
        expect(await handshake(socket)).toBeNull();
        expect((await gAdm.as(t.token).request("GET", "/api/me")).status).toBe(200);
        const disconnected = new Promise<string>((resolve) => socket.once("disconnect", (reason) => resolve(reason)));
        const revokedAt = Date.now();
        expect((await gAdm.request("DELETE", `/api/tokens/${t.id}`)).status).toBe(204);
        // REST: refused on the very next request.
        const me = await gAdm.as(t.token).request<{ error: { code: string } }>("GET", "/api/me");
        expect(me.status).toBe(401);
        expect(me.body.error.code).toBe("unauthorized");
        // The open socket: disconnected by the server, promptly.
        const reason = await Promise.race([disconnected, new Promise<string>((r) => setTimeout(() => r("still connected after 3 s"), 3000))]);
        expect(reason).toBe("io server disconnect");
        expect(Date.now() - revokedAt).toBeLessThan(3000);
        // Its reconnection (same socket, same auth) is refused.
        socket.connect();
        expect(await handshake(socket)).toBe("refused:unauthorized");
        socket.disconnect();
      });
    }
  }

  it("revoking one token leaves the other sockets of the hall connected", async () => {
    const victim = await issue({ role: "display", hallId: HALL });
    const bystander = await issue({ role: "display", hallId: HALL });
    const a = openSocket("/display", victim.token);
    const b = openSocket("/display", bystander.token);
    expect(await handshake(a)).toBeNull();
    expect(await handshake(b)).toBeNull();
    const gone = new Promise<void>((resolve) => a.once("disconnect", () => resolve()));
    expect((await gAdm.request("DELETE", `/api/tokens/${victim.id}`)).status).toBe(204);
    await gone;
    await new Promise((r) => setTimeout(r, 200));
    expect(b.connected).toBe(true);
    a.disconnect();
    b.disconnect();
  });
});
