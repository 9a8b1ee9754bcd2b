// Lost heartbeats (issue #9) against the real server process, with real socket.io clients: a staff
// console of an open window that disconnects is shown on /display (and in GET …/load) as lost once the
// heartbeat timeout has passed, with its window and for how long, and cleared when it reconnects; a
// counter terminal (an ingested event with a deviceId at a window) is lost when it falls silent and
// cleared by its next event. The timeout is shortened to 3 s (HEARTBEAT_TIMEOUT_MS) to keep this quick.
//
// The lost heartbeats are recomputed at most every 5 s (LostHeartbeatsCache, with the 5 s publication
// heartbeat), so each "lost" takes ~5 s to show whatever the timeout. To pay that wait once, the three
// cases share it: the counter terminal's last event and a console that stays connected on w3 both date
// from the setup, and w1's console is dropped at the start of the first test. The recompute that
// shows w1 lost (at ≥ drop + timeout) has by then seen counter-2 silent for longer than the timeout and
// w3's console connected for longer than it — so "connected: never lost, however long" is checked on a
// view computed after the timeout, which the earlier fixed wait of timeout + 0.5 s did not guarantee.
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HallEvent, LiveHeartbeat, StaffClientToServer, StaffServerToClient } from "../../contract/index.js";
import { Api } from "../helpers/api.js";
import { connectDisplay, type DisplayClient } from "../helpers/display-client.js";
import { EventFactory, testHall } from "../helpers/hall-fixture.js";
import { ServerProcess } from "../helpers/server-process.js";

const HALL = "heartbeat-hall";
const TIMEOUT_MS = 3000;
/** Timeout + the 5 s publication heartbeat + a flush: allow a little more. */
const DEADLINE_MS = TIMEOUT_MS + 8000;

const server = new ServerProcess({ env: { HEARTBEAT_TIMEOUT_MS: String(TIMEOUT_MS) } });
let admin: Api;
let device: Api;
let display: DisplayClient;
let staffToken = "";
let w3StaffToken = "";
const sockets: Socket[] = [];
const f = new EventFactory(HALL, Date.now(), "hb-");

async function send(api: Api, events: HallEvent[]): Promise<void> {
  const res = await api.postEvents(HALL, events);
  expect(res.status).toBe(200);
  expect(res.body.results.map((r) => r.status)).toEqual(events.map(() => "accepted"));
}

async function openConsole(token = staffToken): Promise<Socket<StaffServerToClient, StaffClientToServer>> {
  const socket: Socket<StaffServerToClient, StaffClientToServer> = io(`${server.url}/staff`, { transports: ["websocket"], forceNew: true, reconnection: false, auth: { token } });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

const lostOf = (c: DisplayClient, windowId: string): LiveHeartbeat[] => (c.view?.heartbeats ?? []).filter((h) => h.windowId === windowId);
/** counter-2's last event (w2), sent in the setup: its silence runs alongside the first test. */
const counterEvents = (): HallEvent[] => [
  { ...f.make(-1, { type: "ticket.issued", ticketId: "hb-t1", ticketNo: "A001", categoryId: "social", channel: "kiosk" }) },
  { ...f.make(-1, { type: "ticket.called", ticketId: "hb-t1", windowId: "w2" }), deviceId: "counter-2" } as HallEvent,
];

beforeAll(async () => {
  await server.start();
  admin = new Api(server.url, server.adminToken);
  expect((await admin.putHall(HALL, testHall)).status).toBe(201);
  const token = async (req: { role: string; windowId?: string }) => {
    const res = await admin.createToken({ ...req, hallId: HALL });
    expect(res.status).toBe(201);
    return res.body.token;
  };
  staffToken = await token({ role: "staff", windowId: "w1" });
  w3StaffToken = await token({ role: "staff", windowId: "w3" });
  device = new Api(server.url, await token({ role: "device" }));
  display = await connectDisplay({ url: server.url, token: await token({ role: "display" }), hallId: HALL });
  // w1, w2 and w3 opened 30 minutes ago (sent without a deviceId: no terminal is seen yet).
  await send(admin, [
    f.make(-30, { type: "window.opened", windowId: "w1", staffId: "s1" }),
    f.make(-30, { type: "window.opened", windowId: "w2", staffId: "s2" }),
    f.make(-30, { type: "window.opened", windowId: "w3", staffId: "s3" }),
  ]);
  // From here on: w3's console stays connected, counter-2 (w2) stays silent.
  await openConsole(w3StaffToken);
  await send(device, counterEvents());
});

afterAll(async () => {
  for (const s of sockets) s.close();
  display.close();
  await server.stop();
  server.remove();
});

describe("lost heartbeats on the live view", () => {
  it("shows a staff console lost after it disconnected, and clears it when it reconnects", async () => {
    const first = await openConsole();
    await display.waitFor((c) => c.view?.heartbeats !== undefined, DEADLINE_MS, "a view with heartbeats");
    expect(lostOf(display, "w1")).toEqual([]);

    const droppedAt = Date.now();
    const droppedPerf = performance.now();
    first.close();
    await display.waitFor((c) => lostOf(c, "w1").length === 1, DEADLINE_MS, "w1's console lost");
    const [lost] = lostOf(display, "w1");
    expect(lost).toMatchObject({ windowId: "w1", deviceId: null, lostMinutes: 0 });
    // Its last sign of life is the disconnect, and it was not reported before the timeout.
    expect(Math.abs(Date.parse(lost?.lastSeenAt ?? "") - droppedAt)).toBeLessThan(1000);
    const shownAt = display.updates.find((u) => (u.message.view.heartbeats ?? []).some((h) => h.windowId === "w1"))?.at ?? 0;
    expect(shownAt - droppedPerf).toBeGreaterThanOrEqual(TIMEOUT_MS - 200);
    // Connected: never lost, however long — w3's console, connected since the setup, i.e. for longer than
    // the timeout when this view was computed (after w1's drop + the timeout).
    expect(lostOf(display, "w3")).toEqual([]);
    // Lost exactly: w1's console and the silent counter-2 (last heard before w1's drop), in window order.
    const load = await admin.load(HALL);
    expect(load.body.heartbeats).toEqual([expect.objectContaining({ windowId: "w1", deviceId: null }), expect.objectContaining({ windowId: "w2", deviceId: "counter-2" })]);

    await openConsole();
    await display.waitFor((c) => lostOf(c, "w1").length === 0, DEADLINE_MS, "w1's console heard again");
  });

  it("shows a counter terminal lost when its events stop, and clears it at its next event", async () => {
    // counter-2's last event was sent in the setup (counterEvents).
    await display.waitFor((c) => lostOf(c, "w2").some((h) => h.deviceId === "counter-2"), DEADLINE_MS, "counter-2 lost");
    expect(lostOf(display, "w2")).toEqual([expect.objectContaining({ windowId: "w2", deviceId: "counter-2", lostMinutes: 0 })]);
    await send(device, [{ ...f.make(0, { type: "service.started", ticketId: "hb-t1", windowId: "w2" }), deviceId: "counter-2" } as HallEvent]);
    await display.waitFor((c) => lostOf(c, "w2").length === 0, DEADLINE_MS, "counter-2 heard again");
  });
});
