// The broadcaster sends each display the form it asked for, and encodes only the forms some display on
// this node asked for: socket.io serializes a broadcast before it looks at the room, so an unused form
// (the full one carries today's whole series) would otherwise be encoded at every update (issue #8). A hall
// is watched while a display of it is connected to this node (issue #11).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io, type Socket as ClientSocket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import type { DisplaySnapshot, DisplayUpdate, LoadView } from "../../../contract/index.js";
import { DISPLAY_FORM_KEYS, type UpdateForms } from "../../app/display-forms.js";
import { displayRoom } from "./register-display-handlers.js";
import { socketBroadcaster } from "./socket-broadcaster.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A /display namespace whose sockets join the room of the form named in their auth (as the real handler does). */
async function displayServer() {
  const httpServer = http.createServer();
  const ioServer = new Server(httpServer);
  const ns = ioServer.of("/display");
  ns.on("connection", (socket) => {
    const { hallId, form } = socket.handshake.auth as { hallId: string; form: string };
    void socket.join(displayRoom(hallId, form));
    socket.emit("joined" as never);
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise<void>((resolve) => ioServer.close(() => resolve())));
  return { url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`, broadcaster: socketBroadcaster(ns as never) };
}

async function display(url: string, hallId: string, form: string): Promise<{ socket: ClientSocket; received: { event: string; body: unknown }[] }> {
  const socket = io(`${url}/display`, { transports: ["websocket"], forceNew: true, reconnection: false, auth: { hallId, form } });
  closers.push(async () => void socket.disconnect());
  const received: { event: string; body: unknown }[] = [];
  socket.on("update", (body: unknown) => received.push({ event: "update", body }));
  socket.on("snapshot", (body: unknown) => received.push({ event: "snapshot", body }));
  await new Promise<void>((resolve, reject) => {
    socket.once("joined", () => resolve());
    socket.once("connect_error", reject);
  });
  return { socket, received };
}

/** Every form of an update, each counting how often it is serialized (socket.io calls toJSON when encoding). */
function countedForms(seq: number): { forms: UpdateForms; encoded: Map<string, number> } {
  const encoded = new Map<string, number>();
  const forms: Record<string, DisplayUpdate> = {};
  for (const key of DISPLAY_FORM_KEYS) {
    const body = { seq, baseSeq: seq - 1, view: { from: "a", to: "b", form: key } };
    forms[key] = { ...body, toJSON: () => (encoded.set(key, (encoded.get(key) ?? 0) + 1), body) } as unknown as DisplayUpdate;
  }
  return { forms: forms as UpdateForms, encoded };
}

const until = async (check: () => boolean) => {
  for (const deadline = Date.now() + 5000; !check(); ) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe("socketBroadcaster", () => {
  it("sends each display its own form and encodes only the forms displays of the hall asked for", async () => {
    const { url, broadcaster } = await displayServer();
    const wall = await display(url, "h1", "compact+lean+fields");
    const secondWall = await display(url, "h1", "compact+lean+fields");
    const full = await display(url, "h1", "full");
    const otherHall = await display(url, "h2", "compact");

    const { forms, encoded } = countedForms(2);
    broadcaster.update("h1", forms);
    await until(() => wall.received.length > 0 && secondWall.received.length > 0 && full.received.length > 0);
    await new Promise((r) => setTimeout(r, 50));

    expect(wall.received).toEqual([{ event: "update", body: { seq: 2, baseSeq: 1, view: { from: "a", to: "b", form: "compact+lean+fields" } } }]);
    expect(full.received).toEqual([{ event: "update", body: { seq: 2, baseSeq: 1, view: { from: "a", to: "b", form: "full" } } }]);
    expect(secondWall.received).toEqual(wall.received);
    expect(otherHall.received).toEqual([]);
    // Only the forms in use in this hall are encoded ("compact" is used only in another hall), and as often
    // for two displays as for one: once per form, not per display (socket.io's encoder reads toJSON twice).
    expect([...encoded.keys()].sort()).toEqual(["compact+lean+fields", "full"]);
    expect(encoded.get("compact+lean+fields")).toBe(encoded.get("full"));
  });

  it("encodes nothing for a hall with no display on this node, and starts encoding a form once a display asks for it", async () => {
    const { url, broadcaster } = await displayServer();
    const first = countedForms(2);
    broadcaster.update("h1", first.forms);
    expect(first.encoded.size).toBe(0);

    const late = await display(url, "h1", "compact");
    const second = countedForms(3);
    broadcaster.update("h1", second.forms);
    await until(() => late.received.length > 0);
    expect([...second.encoded.keys()]).toEqual(["compact"]);
    expect(late.received[0]?.body).toMatchObject({ seq: 3, view: { form: "compact" } });
  });

  it("sends snapshots in each display's form: a lean display gets the floor without its per-ticket list", async () => {
    const { url, broadcaster } = await displayServer();
    const wall = await display(url, "h1", "compact+lean+fields");
    const full = await display(url, "h1", "full");
    const floor = { tickets: [{ ticketId: "t1" }], idleWindows: [] };
    const snapshot = { seq: 5, hall: { hallId: "h1" }, view: { from: "a", to: "b", floor } as unknown as LoadView } as unknown as DisplaySnapshot;
    broadcaster.snapshot("h1", snapshot);
    await until(() => wall.received.length > 0 && full.received.length > 0);
    expect((full.received[0]?.body as { view: { floor: unknown } }).view.floor).toEqual(floor);
    expect((wall.received[0]?.body as { view: { floor: unknown } }).view.floor).toEqual({ idleWindows: [] });
  });

  it("counts a hall as watched while a display of it is connected here, and not after", async () => {
    const { url, broadcaster } = await displayServer();
    expect(broadcaster.watched("h1")).toBe(false);
    const wall = await display(url, "h1", "compact+lean+fields");
    await until(() => broadcaster.watched("h1"));
    expect(broadcaster.watched("h2")).toBe(false);
    wall.socket.disconnect();
    await until(() => !broadcaster.watched("h1"));
  });
});
