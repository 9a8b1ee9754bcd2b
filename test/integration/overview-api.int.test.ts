// GET /api/overview against the real server process (issue #11): three halls with different loads are
// ranked worst first with the figures worked out by hand below (docs/metrics.md, "Province overview");
// only tokens that span halls read it; the answer carries hall-level numbers only. The /overview
// namespace pushes the same answer live, to the same tokens only, at most every 2 s.
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOfLocalDay, type HallEvent } from "../../contract/index.js";
import type { Overview, OverviewHall } from "../../contract/overview.js";
import { Api } from "../helpers/api.js";
import { EventFactory, testHallSpanningToday } from "../helpers/hall-fixture.js";
import { ServerProcess } from "../helpers/server-process.js";

const server = new ServerProcess();
let gAdm: Api;
let overseer: Api;

const MIN = 60_000;
// Every event lies in the last 40 minutes and in the hall's local today (target 20 min; Asia/Shanghai, or
// Asia/Dubai in the first hour of a Shanghai day: testHallSpanningToday).
const NOW = Date.now();
const HALL = testHallSpanningToday(45 * MIN, NOW);
const BASE = Math.max(Math.floor((NOW - 40 * MIN) / MIN) * MIN, startOfLocalDay(NOW, HALL.timezone) + MIN);

/**
 * ov-hot: imbalanced. w1 and w2 (both "social") open at 0; w1 serves one ticket from 1 on and is busy the
 * whole time (hot), w2 serves nobody (cold). H1 waited 1 min → 1 called, 1 within: share 1. Nobody waits.
 * Open: w1, w2 of 3.
 */
function hot(f: EventFactory): HallEvent[] {
  return [
    f.make(0, { type: "window.opened", windowId: "w1", staffId: "s-hot-1" }),
    f.make(0, { type: "window.opened", windowId: "w2", staffId: "s-hot-2" }),
    f.make(0, { type: "ticket.issued", ticketId: "h1", ticketNo: "H001", categoryId: "social", channel: "kiosk" }),
    f.make(1, { type: "ticket.called", ticketId: "h1", windowId: "w1" }),
    f.make(1, { type: "service.started", ticketId: "h1", windowId: "w1" }),
  ];
}

/**
 * ov-slow: one open window, hot (busy since its first call) but no cold one: not imbalanced. Four tickets
 * issued at 0; b1 called at 5 (5 min: within), b2 at 25 (25 min), b3 at 30, b4 at 35 (over the 20-min target) → 4 called, 1 within: share 0.25. Five more
 * issued at 2 wait uncalled: waitingNow 5, the oldest since 2.
 */
function slow(f: EventFactory): HallEvent[] {
  const out: HallEvent[] = [f.make(0, { type: "window.opened", windowId: "w1", staffId: "s-slow" })];
  ["b1", "b2", "b3", "b4"].forEach((id, i) => out.push(f.make(0, { type: "ticket.issued", ticketId: id, ticketNo: `B00${i + 1}`, categoryId: "social", channel: "kiosk" })));
  [5, 25, 30, 35].forEach((m, i) => out.push(f.make(m, { type: "ticket.called", ticketId: `b${i + 1}`, windowId: "w1" })));
  for (let i = 1; i <= 5; i += 1) out.push(f.make(2, { type: "ticket.issued", ticketId: `q${i}`, ticketNo: `Q00${i}`, categoryId: "social", channel: "kiosk" }));
  return out;
}

/** ov-calm: one window, two tickets called after 3 and 4 minutes → share 1; one waiting since 30. */
function calm(f: EventFactory): HallEvent[] {
  return [
    f.make(0, { type: "window.opened", windowId: "w1", staffId: "s-calm" }),
    f.make(0, { type: "ticket.issued", ticketId: "c1", ticketNo: "C001", categoryId: "social", channel: "kiosk" }),
    f.make(3, { type: "ticket.called", ticketId: "c1", windowId: "w1" }),
    f.make(6, { type: "ticket.issued", ticketId: "c2", ticketNo: "C002", categoryId: "social", channel: "kiosk" }),
    f.make(10, { type: "ticket.called", ticketId: "c2", windowId: "w1" }),
    f.make(30, { type: "ticket.issued", ticketId: "c3", ticketNo: "C003", categoryId: "social", channel: "kiosk" }),
  ];
}

const HALLS = { "ov-hot": hot, "ov-slow": slow, "ov-calm": calm } as const;
const tokens: Record<string, string> = {};

async function overviewWhen(ready: (o: Overview) => boolean): Promise<Overview> {
  const deadline = Date.now() + 15_000;
  let last: unknown = null;
  while (Date.now() < deadline) {
    const res = await overseer.request<Overview>("GET", "/api/overview");
    expect(res.status).toBe(200);
    last = res.body;
    if (ready(res.body)) return res.body;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`overview never settled: ${JSON.stringify(last)}`);
}

beforeAll(async () => {
  await server.start();
  gAdm = new Api(server.url, server.adminToken);
  for (const [hallId, build] of Object.entries(HALLS)) {
    expect((await gAdm.putHall(hallId, { ...HALL, name: `${hallId} 大厅` })).status).toBe(201);
    const res = await gAdm.postEvents(hallId, build(new EventFactory(hallId, BASE, `${hallId}-e`)));
    expect(res.status).toBe(200);
    for (const r of res.body.results) expect(r.status, JSON.stringify(r)).toBe("accepted");
  }
  const made = await gAdm.createToken({ role: "overseer" });
  expect(made.status).toBe(201);
  overseer = gAdm.as(made.body.token);
  const issue = async (role: string, windowId?: string) => (await gAdm.createToken({ role, hallId: "ov-slow", ...(windowId ? { windowId } : {}) })).body.token;
  for (const role of ["admin", "manager", "display", "device"]) tokens[role] = await issue(role);
  tokens.staff = await issue("staff", "w1");
});

afterAll(async () => {
  await server.stop();
  server.remove();
});

describe("GET /api/overview", () => {
  it("ranks the halls worst first with their live figures", async () => {
    // Acknowledged events reach the live state a moment later: wait until every hall shows all of its own.
    const settled = (x: Overview, id: string, called: number, waiting: number) => x.halls.some((h) => h.hallId === id && h.calledToday === called && h.waitingNow === waiting);
    const o = await overviewWhen((x) => x.halls.length === 3 && settled(x, "ov-hot", 1, 0) && settled(x, "ov-slow", 4, 5) && settled(x, "ov-calm", 2, 1) && x.halls.some((h) => h.imbalance.imbalanced));
    expect(o.halls.map((h) => [h.rank, h.hallId])).toEqual([
      [1, "ov-hot"],
      [2, "ov-slow"],
      [3, "ov-calm"],
    ]);
    const by = Object.fromEntries(o.halls.map((h) => [h.hallId, h])) as Record<string, OverviewHall>;
    const elapsedMin = (Date.parse(o.at) - BASE) / MIN;

    expect(by["ov-hot"]).toMatchObject({ name: "ov-hot 大厅", waitingNow: 0, oldestWaitSeconds: null, calledToday: 1, withinTargetShare: 1, windows: { open: 2, total: 3 }, openFindings: 0, waitTargetMinutes: 20 });
    expect(by["ov-hot"]?.imbalance).toMatchObject({ imbalanced: true, hot: 1, cold: 1 });
    expect(by["ov-hot"]?.imbalance.cv).toBeGreaterThan(0);

    expect(by["ov-slow"]).toMatchObject({ waitingNow: 5, calledToday: 4, withinTargetShare: 0.25, windows: { open: 1, total: 3 }, imbalance: { imbalanced: false, hot: 1, cold: 0, cv: 0 } });
    // The oldest of the five has waited since minute 2.
    expect(by["ov-slow"]?.oldestWaitSeconds).toBeGreaterThanOrEqual((elapsedMin - 2) * 60 - 12);
    expect(by["ov-slow"]?.oldestWaitSeconds).toBeLessThanOrEqual((elapsedMin - 2) * 60 + 1);
    // (The published view is at most a heartbeat (5 s) older than the overview, hence the slack below.)

    expect(by["ov-calm"]).toMatchObject({ waitingNow: 1, calledToday: 2, withinTargetShare: 1, windows: { open: 1, total: 3 } });
    expect(by["ov-calm"]?.oldestWaitSeconds).toBeGreaterThanOrEqual((elapsedMin - 30) * 60 - 12);
    // Every open window has a current ticket (called or in service), so none is idle; no device was seen.
    for (const h of o.halls) expect(h).toMatchObject({ idleWindows: 0, lostHeartbeats: 0 });
  });

  it("follows new events: long waits at the calm hall move it up, before the slow one", async () => {
    const f = new EventFactory("ov-calm", BASE, "ov-calm-late-");
    // Long waits at ov-calm drop its share below ov-slow's.
    const late: HallEvent[] = [];
    for (let i = 1; i <= 6; i += 1) {
      late.push(f.make(0, { type: "ticket.issued", ticketId: `l${i}`, ticketNo: `L00${i}`, categoryId: "social", channel: "kiosk" }));
      late.push(f.make(38, { type: "ticket.called", ticketId: `l${i}`, windowId: "w1" }));
    }
    const res = await gAdm.postEvents("ov-calm", late);
    for (const r of res.body.results) expect(r.status).toBe("accepted");
    // ov-calm: 8 called, 2 within → 0.25 = ov-slow's share; then waiting: ov-slow 5 > ov-calm 1.
    // One more long wait at ov-calm (9 called, 2 within: 0.22) puts it before ov-slow.
    const more = [f.make(0, { type: "ticket.issued", ticketId: "l7", ticketNo: "L007", categoryId: "social", channel: "kiosk" }), f.make(38, { type: "ticket.called", ticketId: "l7", windowId: "w1" })];
    expect((await gAdm.postEvents("ov-calm", more)).status).toBe(200);
    const o = await overviewWhen((x) => x.halls.find((h) => h.hallId === "ov-calm")?.calledToday === 9);
    expect(o.halls.map((h) => h.hallId)).toEqual(["ov-hot", "ov-calm", "ov-slow"]);
    expect(o.halls[1]?.withinTargetShare).toBeCloseTo(2 / 9, 10);
  });

  it("answers the global admin too", async () => {
    const res = await gAdm.request<Overview>("GET", "/api/overview");
    expect(res.status).toBe(200);
    expect(res.body.halls.map((h) => h.hallId).sort()).toEqual(["ov-calm", "ov-hot", "ov-slow"]);
  });

  it("refuses every hall-bound token (even the hall's admin) with 403, and no token with 401", async () => {
    for (const [role, token] of Object.entries(tokens)) {
      const res = await gAdm.as(token).request<{ error: { code: string } }>("GET", "/api/overview");
      expect([role, res.status, res.body.error.code]).toEqual([role, 403, "forbidden"]);
    }
    expect((await gAdm.as(null).request("GET", "/api/overview")).status).toBe(401);
  });

  it("carries hall-level numbers only: no ticket number, staff id or any person", async () => {
    const res = await overseer.request<Overview>("GET", "/api/overview");
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/[HBQCL]00\d|s-(hot|slow|calm)|ticket|staff/i);
    const keys = ["rank", "hallId", "name", "imbalance", "waitingNow", "oldestWaitSeconds", "waitTargetMinutes", "calledToday", "withinTargetShare", "openFindings", "windows", "idleWindows", "lostHeartbeats"];
    for (const h of res.body.halls) expect(Object.keys(h).sort()).toEqual([...keys].sort());
    expect(Object.keys(res.body).sort()).toEqual(["at", "halls"]);
  });
});

describe("the overseer role", () => {
  it("is issued only by an admin without hall, and never with a hall", async () => {
    expect((await gAdm.as(tokens.admin ?? null).createToken({ role: "overseer" })).status).toBe(403);
    const withHall = await gAdm.request<{ error: { field: string } }>("POST", "/api/tokens", { role: "overseer", hallId: "ov-slow" });
    expect(withHall.status).toBe(400);
    expect(withHall.body.error.field).toBe("hallId");
  });

  it("reads every hall for the drill-down, but changes nothing and sees no tokens or quarantine", async () => {
    for (const path of ["/api/halls/ov-slow/load", "/api/halls/ov-slow", "/api/halls/ov-calm/consistency", "/api/calendar"])
      expect([path, (await overseer.request("GET", path)).status]).toEqual([path, 200]);
    for (const path of ["/api/tokens", "/api/halls/ov-slow/quarantine"]) expect([path, (await overseer.request("GET", path)).status]).toEqual([path, 403]);
    const config = await overseer.request("GET", "/api/halls/ov-slow");
    for (const [method, path, body] of [
      ["PUT", "/api/halls/ov-slow", config.body],
      ["POST", "/api/halls/ov-slow/history/rebuild", undefined],
      ["POST", "/api/halls/ov-slow/events", []],
      ["POST", "/api/tokens", { role: "display", hallId: "ov-slow" }],
    ] as const)
      expect([method, path, (await overseer.request(method, path, body)).status]).toEqual([method, path, 403]);
    const me = await overseer.request<{ role: string; hallId: string | null }>("GET", "/api/me");
    expect(me.body).toMatchObject({ role: "overseer", hallId: null });
  });
});

describe("the /overview namespace", () => {
  const sockets: Socket[] = [];
  afterAll(() => sockets.forEach((s) => s.disconnect()));

  /** Connects with the token; resolves to the socket and the overviews it receives, or to the refusal code. */
  function connect(token: string | null) {
    const socket = io(`${server.url}/overview`, { transports: ["websocket"], forceNew: true, reconnection: false, auth: token === null ? {} : { token } });
    sockets.push(socket);
    const received: { at: number; overview: Overview }[] = [];
    socket.on("overview", (overview: Overview) => received.push({ at: Date.now(), overview }));
    const outcome = new Promise<string | null>((resolve) => {
      socket.once("connect", () => resolve(null));
      socket.once("connect_error", (err: Error & { data?: { code?: string } }) => resolve(err.data?.code ?? err.message));
    });
    return { socket, received, outcome };
  }

  async function until<T>(what: string, get: () => T | undefined, timeoutMs = 8000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const got = get();
      if (got !== undefined) return got;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it("sends the overview on connect, then pushes a new event's effect within seconds, without any request", async () => {
    const c = connect(overseer.token as string);
    expect(await c.outcome).toBeNull();
    const first = await until("the overview on connect", () => c.received[0]?.overview, 3000);
    expect(first.halls.map((h) => h.hallId).sort()).toEqual(["ov-calm", "ov-hot", "ov-slow"]);
    const waitingBefore = first.halls.find((h) => h.hallId === "ov-slow")?.waitingNow as number;
    const sentAt = Date.now();
    const f = new EventFactory("ov-slow", Date.now() - MIN, "ov-slow-push-");
    expect((await gAdm.postEvents("ov-slow", [f.make(0, { type: "ticket.issued", ticketId: "p1", ticketNo: "P001", categoryId: "social", channel: "kiosk" })])).status).toBe(200);
    const pushed = await until("the pushed overview", () => c.received.find((r) => r.overview.halls.find((h) => h.hallId === "ov-slow")?.waitingNow === waitingBefore + 1));
    // The 250 ms coalescing, then at most one 2-second pause of the feed: far within the page's old 10 s poll.
    expect(pushed.at - sentAt).toBeLessThan(5000);
    expect(Object.keys(pushed.overview).sort()).toEqual(["at", "halls"]);
    c.socket.disconnect();
  });

  it("pushes at most every 2 s however many events arrive", async () => {
    const c = connect(overseer.token as string);
    expect(await c.outcome).toBeNull();
    await until("the overview on connect", () => c.received[0]);
    const f = new EventFactory("ov-calm", Date.now() - MIN, "ov-calm-burst-");
    const start = Date.now();
    // Twenty changes over ~4 s, each in its own flush.
    for (let i = 0; i < 20; i += 1) {
      await gAdm.postEvents("ov-calm", [f.make(0, { type: "ticket.issued", ticketId: `burst${i}`, ticketNo: `U${String(i).padStart(3, "0")}`, categoryId: "social", channel: "kiosk" })]);
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 2500));
    const pushes = c.received.slice(1).filter((r) => r.at >= start);
    const last = pushes.at(-1)?.overview.halls.find((h) => h.hallId === "ov-calm");
    expect(last?.waitingNow).toBeGreaterThanOrEqual(20);
    // ~6.5 s of changes at one taking per 2 s: at most 4 pushes (not 20), each ≥ ~2 s after the one before.
    expect(pushes.length).toBeGreaterThanOrEqual(2);
    expect(pushes.length).toBeLessThanOrEqual(4);
    for (let i = 1; i < pushes.length; i += 1) expect(pushes[i]!.at - pushes[i - 1]!.at).toBeGreaterThanOrEqual(1900);
    c.socket.disconnect();
  });

  it("admits the global admin; refuses every hall-bound token (even the hall's admin) and no token", async () => {
    const g = connect(server.adminToken);
    expect(await g.outcome).toBeNull();
    await until("the global admin's overview", () => g.received[0]);
    for (const [role, token] of Object.entries(tokens)) expect([role, await connect(token).outcome]).toEqual([role, "forbidden"]);
    expect(await connect(null).outcome).toBe("unauthorized");
    expect(await connect("not-a-token").outcome).toBe("unauthorized");
  });
});
