// The /staff namespace against the real server process, its storage (SQLite file or PostgreSQL) and a real socket.io client:
// who may connect, the console's view pushed on connect and after actions, every action becoming the
// canonical event (hallId, ts and window set by the server), refusals (another window, invalid fields,
// nothing waiting), retries never counted twice, and call.next's choice — green channel first, then the
// longest wait, in the window's categories only — never giving two windows the same ticket.
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

const ACK_TIMEOUT_MS = 15_000;
const MIN = 60_000;
const server = new ServerProcess();
const sockets: StaffSocket[] = [];
let admin: Api;
let db: LogDb;
let hallNo = 0;

/** A fresh hall (testHall: w1 and w2 serve "social", w3 "estate") with a device token and staff tokens. */
async function freshHall() {
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

async function openConsole(token: string): Promise<Console> {
  const socket = connect(token);
  const views: StaffView[] = [];
  socket.on("staff.view", (v) => views.push(v));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (err) => reject(err));
  });
  return { socket, views };
}

function refusal(token: string | undefined): Promise<{ message: string; code: unknown }> {
  const socket = connect(token);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => reject(new Error("handshake unexpectedly accepted")));
    socket.once("connect_error", (err: Error & { data?: { code?: unknown } }) => resolve({ message: err.message, code: err.data?.code }));
  });
}

async function act(c: Console, action: Record<string, unknown>): Promise<Ack<StaffActionResult>> {
  return (await c.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("action", action)) as Ack<StaffActionResult>;
}

/** Resolves with the first view pushed after view number `from` that satisfies `ok`. */
async function pushed(c: Console, ok: (v: StaffView) => boolean, from = 0, timeoutMs = 8000): Promise<StaffView> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const hit = c.views.slice(from).find(ok);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no matching staff.view within ${timeoutMs} ms; last: ${JSON.stringify(c.views.at(-1))}`);
}

/** Does `step` and resolves with the first view pushed after it began that satisfies `ok`. */
async function after(c: Console, step: () => Promise<unknown>, ok: (v: StaffView) => boolean): Promise<StaffView> {
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
const stored = (hallId: string, eventId: string) => db.all<Row>(`${ROW} where "hallId" = ? and "eventId" = ?`, [hallId, eventId]);
const calls = (hallId: string) => db.all<Row>(`${ROW} where "hallId" = ? and "type" = 'ticket.called' order by "seq"`, [hallId]);
const quarantined = (hallId: string, eventId: string) =>
  db.all<{ source: string; field: string }>(`select "source", "field" from "Quarantine" where "hallId" = ? and "eventId" = ?`, [hallId, eventId]);

/** The one stored event of this action, with its payload, checked for the server-set envelope. */
async function storedEvent(hallId: string, eventId: string, before: number): Promise<HallEvent> {
  const rows = await stored(hallId, eventId);
  expect(rows).toHaveLength(1);
  const event = JSON.parse((rows[0] as Row).payload) as HallEvent;
  expect(event.hallId).toBe(hallId);
  const ts = Date.parse(event.ts);
  expect(ts).toBeGreaterThanOrEqual(before - 1000);
  expect(ts).toBeLessThanOrEqual(Date.now() + 1000);
  return event;
}

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

describe("/staff handshake", () => {
  it("refuses tokens of other roles as forbidden, and unknown or missing tokens as unauthorized", async () => {
    const h = await freshHall();
    for (const role of ["display", "manager", "device", "admin"] as const) expect((await refusal(h.others[role].token)).code).toBe("forbidden");
    expect((await refusal("hp_not-a-real-token-000000000000000000000000000")).code).toBe("unauthorized");
    expect((await refusal(undefined)).code).toBe("unauthorized");
  });

  it("pushes the console's view of the token's window on connect (and answers `view`)", async () => {
    const h = await freshHall();
    await h.issue("q1", "social", 10);
    await h.issue("q2", "estate", 20);
    const c = await openConsole(h.staff.w1);
    const first = await pushed(c, () => true);
    expect(first).toMatchObject({
      hallId: h.hallId,
      windowId: "w1",
      window: { name: "1号窗口", department: "人社局", categories: ["social"], state: "closed" },
      currentTicket: null,
      queue: [{ categoryId: "social", waiting: 1, greenWaiting: 0 }],
      next: { ticketNo: "Q1", categoryId: "social", reason: "longest_wait" },
    });
    const asked = (await c.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("view")) as Ack<StaffView>;
    expect(asked.ok && asked.data.windowId).toBe("w1");
  });

  it("disconnects a console at once when its token is revoked", async () => {
    const hallId = `staff-hall-revoke`;
    expect((await admin.putHall(hallId, testHall)).status).toBe(201);
    const t = (await admin.createToken({ role: "staff", hallId, windowId: "w1" })).body;
    const c = await openConsole(t.token);
    const gone = new Promise<string>((r) => c.socket.once("disconnect", r));
    expect((await admin.request("DELETE", `/api/tokens/${t.id}`)).status).toBe(204);
    expect(await gone).toBe("io server disconnect");
    expect((await refusal(t.token)).code).toBe("unauthorized");
  });
});

describe("/staff actions", () => {
  it("turns every action type into the canonical event, with hallId, ts and the window set by the server", async () => {
    const h = await freshHall();
    await h.issue("t1", "social", 15);
    await h.issue("t2", "social", 10);
    await h.issue("t3", "social", 5);
    const c = await openConsole(h.staff.w1);
    const before = Date.now();
    const expectEvent = async (action: Record<string, unknown>, expected: Record<string, unknown>) => {
      const ack = await act(c, action);
      expect(ack, JSON.stringify(action)).toMatchObject({ ok: true, data: { id: action.id, status: "accepted" } });
      const event = await storedEvent(h.hallId, action.id as string, before);
      expect(event).toEqual({ id: action.id, hallId: h.hallId, ts: event.ts, ...expected });
      expect((await stored(h.hallId, action.id as string))[0]?.windowId).toBe("w1");
      return ack;
    };
    await expectEvent({ id: h.id(), type: "window.opened", staffId: "s-0101" }, { type: "window.opened", windowId: "w1", staffId: "s-0101" });
    await expectEvent({ id: h.id(), type: "window.paused", windowId: "w1", reason: "午休" }, { type: "window.paused", windowId: "w1", reason: "午休" });
    await expectEvent({ id: h.id(), type: "window.resumed" }, { type: "window.resumed", windowId: "w1" });
    const next = await expectEvent({ id: h.id(), type: "call.next" }, { type: "ticket.called", ticketId: "t1", windowId: "w1" });
    expect(next.ok && next.data.ticket).toMatchObject({ ticketId: "t1", ticketNo: "T1", categoryId: "social", itemCode: "SB-001", priority: "normal" });
    await expectEvent({ id: h.id(), type: "ticket.called", ticketId: "t1" }, { type: "ticket.called", ticketId: "t1", windowId: "w1" });
    await expectEvent({ id: h.id(), type: "service.started", ticketId: "t1" }, { type: "service.started", ticketId: "t1", windowId: "w1" });
    await expectEvent(
      { id: h.id(), type: "service.completed", ticketId: "t1", outcome: "needs_materials", requestedMaterials: ["身份证复印件", "营业执照副本"] },
      { type: "service.completed", ticketId: "t1", windowId: "w1", outcome: "needs_materials", requestedMaterials: ["身份证复印件", "营业执照副本"] },
    );
    await expectEvent({ id: h.id(), type: "evaluation.submitted", ticketId: "t1", rating: 4, comment: "很好" }, { type: "evaluation.submitted", ticketId: "t1", windowId: "w1", rating: 4, comment: "很好" });
    await expectEvent({ id: h.id(), type: "call.next" }, { type: "ticket.called", ticketId: "t2", windowId: "w1" });
    await expectEvent({ id: h.id(), type: "ticket.no_show", ticketId: "t2" }, { type: "ticket.no_show", ticketId: "t2", windowId: "w1" });
    await expectEvent({ id: h.id(), type: "call.next" }, { type: "ticket.called", ticketId: "t3", windowId: "w1" });
    await expectEvent({ id: h.id(), type: "ticket.transferred", ticketId: "t3", toCategoryId: "estate" }, { type: "ticket.transferred", ticketId: "t3", fromWindowId: "w1", toCategoryId: "estate" });
    await expectEvent({ id: h.id(), type: "window.closed" }, { type: "window.closed", windowId: "w1" });
  });

  it("refuses an action naming another window as forbidden and stores nothing", async () => {
    const h = await freshHall();
    const c = await openConsole(h.staff.w1);
    for (const action of [
      { id: h.id(), type: "window.opened", windowId: "w2", staffId: "s1" },
      { id: h.id(), type: "window.closed", windowId: "w3" },
      { id: h.id(), type: "call.next", windowId: "w2" },
    ]) {
      expect(await act(c, action)).toMatchObject({ ok: false, error: { code: "forbidden", field: "windowId" } });
      expect(await stored(h.hallId, action.id)).toEqual([]);
    }
    const transfer = { id: h.id(), type: "ticket.transferred", fromWindowId: "w2", ticketId: "x", toCategoryId: "estate" };
    expect(await act(c, transfer)).toMatchObject({ ok: false, error: { code: "forbidden", field: "windowId" } });
    expect(await stored(h.hallId, transfer.id)).toEqual([]);
  });

  it("acknowledges a retried action (same id) as duplicate and stores it once", async () => {
    const h = await freshHall();
    const c = await openConsole(h.staff.w1);
    const open = { id: h.id(), type: "window.opened", staffId: "s-0101" };
    expect(await act(c, open)).toMatchObject({ ok: true, data: { status: "accepted" } });
    expect(await act(c, open)).toEqual({ ok: true, data: { id: open.id, status: "duplicate" } });
    const [a, b] = await Promise.all([act(c, { ...open, id: `${open.id}-x` }), act(c, { ...open, id: `${open.id}-x` })]);
    expect([a, b].map((x) => x.ok && x.data.status).sort()).toEqual(["accepted", "duplicate"]);
    expect(await stored(h.hallId, open.id)).toHaveLength(1);
    expect(await stored(h.hallId, `${open.id}-x`)).toHaveLength(1);
  });

  it("refuses invalid fields naming the field, stores nothing and quarantines the input", async () => {
    const h = await freshHall();
    await h.issue("v1", "social", 5);
    const c = await openConsole(h.staff.w1);
    await act(c, { id: h.id(), type: "window.opened", staffId: "s1" });
    await act(c, { id: h.id(), type: "call.next" });
    const cases: [Record<string, unknown>, string][] = [
      [{ id: h.id(), type: "evaluation.submitted", ticketId: "v1", rating: 9 }, "rating"],
      [{ id: h.id(), type: "ticket.transferred", ticketId: "v1", toCategoryId: "no-such-category" }, "toCategoryId"],
      [{ id: h.id(), type: "service.completed", ticketId: "v1", outcome: "maybe" }, "outcome"],
      [{ id: h.id(), type: "window.opened" }, "staffId"],
      [{ id: h.id(), type: "window.closed", ts: new Date().toISOString() }, "ts"],
      [{ id: h.id(), type: "call.next", extra: 1 }, "extra"],
      [{ id: h.id(), type: "ticket.flew" }, "type"],
      [{ id: "bad id!", type: "window.closed" }, "id"],
    ];
    for (const [action, field] of cases) {
      const ack = await act(c, action);
      expect(ack, JSON.stringify(action)).toMatchObject({ ok: false, error: { code: "bad_request", field } });
      if (!ack.ok) expect(ack.error.message.startsWith(`${field}: `)).toBe(true);
      expect(await stored(h.hallId, action.id as string)).toEqual([]);
    }
    expect(await quarantined(h.hallId, cases[0]?.[0].id as string)).toEqual([{ source: "staff", field: "rating" }]);
    expect(await quarantined(h.hallId, cases[1]?.[0].id as string)).toEqual([{ source: "staff", field: "toCategoryId" }]);
  });
});

describe("/staff call.next", () => {
  it("calls green first, then the longest wait, in the window's categories only; then not_found", async () => {
    const h = await freshHall();
    await h.issue("a", "social", 20);
    await h.issue("b", "social", 30);
    await h.issue("g", "social", 1, "green");
    await h.issue("e", "estate", 60); // waits longer, but not in w1's categories
    const c = await openConsole(h.staff.w1);
    await act(c, { id: h.id(), type: "window.opened", staffId: "s1" });
    const got: string[] = [];
    for (;;) {
      const ack = await act(c, { id: h.id(), type: "call.next" });
      if (!ack.ok) {
        expect(ack.error.code).toBe("not_found");
        break;
      }
      got.push(ack.data.ticket?.ticketId as string);
      if (got.length === 1) {
        expect(ack.data.ticket).toMatchObject({ ticketId: "g", ticketNo: "G", categoryId: "social", priority: "green" });
        expect(ack.data.ticket?.waitedSeconds).toBeGreaterThanOrEqual(59);
        expect(ack.data.ticket?.waitedSeconds).toBeLessThan(120);
      }
      expect(got.length).toBeLessThan(10);
    }
    expect(got).toEqual(["g", "b", "a"]);
  });

  it("answers a retried call.next (same id) with the same ticket as duplicate and calls nothing new", async () => {
    const h = await freshHall();
    await h.issue("r1", "social", 10);
    await h.issue("r2", "social", 5);
    await h.issue("r3", "social", 3);
    const c = await openConsole(h.staff.w1);
    await act(c, { id: h.id(), type: "window.opened", staffId: "s1" });
    const id = h.id();
    const first = await act(c, { id, type: "call.next" });
    expect(first).toMatchObject({ ok: true, data: { status: "accepted", ticket: { ticketId: "r1" } } });
    const again = await act(c, { id, type: "call.next" });
    expect(again).toMatchObject({ ok: true, data: { id, status: "duplicate", ticket: { ticketId: "r1", ticketNo: "R1", categoryId: "social" } } });
    expect((await calls(h.hallId)).map((r) => r.ticketId)).toEqual(["r1"]);
    // A retry sent while the first is still being committed gets the same ticket too.
    const id2 = h.id();
    const [x, y] = await Promise.all([act(c, { id: id2, type: "call.next" }), act(c, { id: id2, type: "call.next" })]);
    expect([x, y].map((a) => a.ok && a.data.ticket?.ticketId)).toEqual(["r2", "r2"]);
    expect([x, y].map((a) => a.ok && a.data.status).sort()).toEqual(["accepted", "duplicate"]);
    expect((await calls(h.hallId)).map((r) => r.ticketId)).toEqual(["r1", "r2"]);
  });

  it("never gives two windows pressing at the same moment the same ticket", async () => {
    const h = await freshHall();
    for (let i = 0; i < 12; i++) await h.issue(`c${String(i).padStart(2, "0")}`, "social", 30 - i);
    const w1 = await openConsole(h.staff.w1);
    const w2 = await openConsole(h.staff.w2);
    await act(w1, { id: h.id(), type: "window.opened", staffId: "s1" });
    await act(w2, { id: h.id(), type: "window.opened", staffId: "s2" });
    const presses = Array.from({ length: 14 }, (_, i) => act(i % 2 === 0 ? w1 : w2, { id: h.id(), type: "call.next" }));
    const acks = await Promise.all(presses);
    const called = acks.filter((a) => a.ok).map((a) => (a.ok ? a.data.ticket?.ticketId : null));
    expect(called).toHaveLength(12);
    expect(new Set(called).size).toBe(12);
    expect(acks.filter((a) => !a.ok).map((a) => !a.ok && a.error.code)).toEqual(["not_found", "not_found"]);
    const rows = await calls(h.hallId);
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => r.ticketId)).size).toBe(12);
  });
});

describe("/staff acts only where it belongs", () => {
  it("refuses call.next at a window that is not open", async () => {
    const h = await freshHall();
    await h.issue("q1", "social", 5);
    const w1 = await openConsole(h.staff.w1);
    const closed = await act(w1, { id: h.id(), type: "call.next" });
    expect(closed).toMatchObject({ ok: false, error: { code: "bad_request", field: "windowId" } });
    expect((await act(w1, { id: h.id(), type: "window.opened", staffId: "s-1" })).ok).toBe(true);
    expect((await act(w1, { id: h.id(), type: "window.paused", reason: "午休" })).ok).toBe(true);
    expect(await act(w1, { id: h.id(), type: "call.next" })).toMatchObject({ ok: false, error: { field: "windowId" } });
    expect((await act(w1, { id: h.id(), type: "window.resumed" })).ok).toBe(true);
    const called = await act(w1, { id: h.id(), type: "call.next" });
    expect(called.ok && called.data.ticket?.ticketId).toBe("q1");
  });

  it("lets a console act only on tickets called to its own window; a transferred ticket is callable anywhere", async () => {
    const h = await freshHall();
    await h.issue("q2", "social", 5);
    const w1 = await openConsole(h.staff.w1);
    const w2 = await openConsole(h.staff.w2);
    // Not called yet: nobody may start or complete it.
    expect(await act(w1, { id: h.id(), type: "service.started", ticketId: "q2" })).toMatchObject({ ok: false, error: { code: "bad_request", field: "ticketId" } });
    for (const c of [w1, w2]) expect((await act(c, { id: h.id(), type: "window.opened", staffId: "s" })).ok).toBe(true);
    const call = await act(w1, { id: h.id(), type: "call.next" });
    expect(call.ok && call.data.ticket?.ticketId).toBe("q2");
    // At w1 now: w2 may not start, complete, mark no-show, rate or recall it.
    for (const action of [
      { type: "service.started", ticketId: "q2" },
      { type: "service.completed", ticketId: "q2", outcome: "done" },
      { type: "ticket.no_show", ticketId: "q2" },
      { type: "evaluation.submitted", ticketId: "q2", rating: 5 },
      { type: "ticket.called", ticketId: "q2" },
    ])
      expect(await act(w2, { id: h.id(), ...action })).toMatchObject({ ok: false, error: { code: "forbidden", field: "ticketId" } });
    const stored = async (type: string) =>
      (await db.one<{ n: number }>(`select count(*) as n from "Event" where "hallId" = ? and "ticketId" = 'q2' and "type" = ?`, [h.hallId, type]))?.n;
    expect(await stored("service.started")).toBe(0);
    // w1 may recall and start it; after w1 transfers it to "social" again, w2 may call it.
    expect((await act(w1, { id: h.id(), type: "ticket.called", ticketId: "q2" })).ok).toBe(true);
    expect((await act(w1, { id: h.id(), type: "ticket.transferred", ticketId: "q2", toCategoryId: "social" })).ok).toBe(true);
    expect((await act(w2, { id: h.id(), type: "ticket.called", ticketId: "q2" })).ok).toBe(true);
    expect((await act(w2, { id: h.id(), type: "service.started", ticketId: "q2" })).ok).toBe(true);
    expect(await stored("service.started")).toBe(1);
  });
});

describe("/staff pushed view", () => {
  it("follows the actions: state, the current ticket called → serving → gone, the queue and today's served", async () => {
    const h = await freshHall();
    const c = await openConsole(h.staff.w1);
    await pushed(c, (v) => v.window.state === "closed");
    await after(c, () => act(c, { id: h.id(), type: "window.opened", staffId: "s1" }), (v) => v.window.state === "open");
    const queued = await after(
      c,
      async () => {
        await h.issue("p1", "social", 4);
        await h.issue("p2", "social", 2, "green");
      },
      (v) => v.queue[0]?.waiting === 2,
    );
    expect(queued.queue[0]).toMatchObject({ categoryId: "social", waiting: 2, greenWaiting: 1 });
    expect(queued.next).toMatchObject({ ticketNo: "P2", reason: "green" });

    const called = await after(c, () => act(c, { id: h.id(), type: "call.next" }), (v) => v.currentTicket?.phase === "called");
    expect(called.currentTicket).toMatchObject({ ticketId: "p2", ticketNo: "P2", categoryId: "social", priority: "green", calls: 1 });
    expect(called.queue[0]).toMatchObject({ waiting: 1, greenWaiting: 0 });
    expect(called.next).toMatchObject({ ticketNo: "P1", reason: "longest_wait" });

    const recalled = await after(c, () => act(c, { id: h.id(), type: "ticket.called", ticketId: "p2" }), (v) => v.currentTicket?.calls === 2);
    expect(recalled.currentTicket?.phase).toBe("called");
    await after(c, () => act(c, { id: h.id(), type: "service.started", ticketId: "p2" }), (v) => v.currentTicket?.phase === "serving");
    const done = await after(c, () => act(c, { id: h.id(), type: "service.completed", ticketId: "p2", outcome: "done" }), (v) => v.currentTicket === null && v.today.served === 1);
    expect(done.today.avgHandleSeconds).not.toBeNull();
    const rated = await after(c, () => act(c, { id: h.id(), type: "evaluation.submitted", ticketId: "p2", rating: 5 }), (v) => v.today.ratingCount === 1);
    expect(rated.today.ratingAvg).toBe(5);
    await after(c, () => act(c, { id: h.id(), type: "window.paused", reason: "午休" }), (v) => v.window.state === "paused");
  });
});
