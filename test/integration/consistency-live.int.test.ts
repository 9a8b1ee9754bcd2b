// Consistency rules over events, live, against the real server process: with the demo hall and the
// sample lists imported, a /display client's snapshot carries the list findings; events sent over
// /ingest (a material asked for that the online guide does not list; one case visiting on two days for
// a 最多跑一次 item) reach the wall as floor findings within seconds and show in GET …/consistency.
import { performance } from "node:perf_hooks";
import fs from "node:fs";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ack, ConsistencyReport, Finding, HallEvent, IngestClientToServer, IngestResult, IngestServerToClient, LiveConsistency } from "../../contract/index.js";
import { demoHall } from "../../simulator/demo-hall.js";
import { Api } from "../helpers/api.js";
import { connectDisplay, type DisplayClient } from "../helpers/display-client.js";
import { ServerProcess } from "../helpers/server-process.js";

type IngestSocket = Socket<IngestServerToClient, IngestClientToServer>;

const sample = (name: string) => fs.readFileSync(new URL(`../../simulator/sample-items/${name}`, import.meta.url));

const HALL = "live-demo";
const BARE = "live-bare";
/** 国有建设用地使用权及房屋所有权转移登记 (real-estate, served at w11): promised 3 days, at most 1 visit. */
const ESTATE_ITEM = "330399-QR-0402";
/** 出生登记 (household, served at w15): promised 0 days (即办), at most 1 visit. */
const BIRTH_ITEM = "330399-QR-0601";
/** The list findings the sample lists plant (simulator/sample-items/README.md). */
const LIST_COUNTS = { "offline-only": 1, "not-served": 1, "guide-differs": 2, "late-publication": 4 };
const FLOOR_DEADLINE_MS = 3000;

const server = new ServerProcess();
let admin: Api;
const tok = {} as Record<"display" | "device", string>;
const displays: DisplayClient[] = [];
const sockets: IngestSocket[] = [];
let seq = 0;

async function upload(hallId: string, source: "online" | "hall", bytes: Uint8Array, contentType: string): Promise<void> {
  const res = await fetch(`${server.url}/api/halls/${hallId}/items/${source}`, {
    method: "POST",
    headers: { authorization: `Bearer ${server.adminToken}`, "content-type": contentType },
    body: bytes,
  });
  expect(res.status, await res.text()).toBe(201);
}

async function display(hallId: string, token: string): Promise<DisplayClient> {
  const c = await connectDisplay({ url: server.url, token, hallId });
  displays.push(c);
  return c;
}

async function openIngest(): Promise<IngestSocket> {
  const socket: IngestSocket = io(`${server.url}/ingest`, { transports: ["websocket"], forceNew: true, reconnection: false, auth: { token: tok.device } });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (err) => reject(err));
  });
  return socket;
}

async function send(socket: IngestSocket, events: HallEvent[]): Promise<void> {
  const ack = (await socket.timeout(10_000).emitWithAck("events", events)) as Ack<{ results: IngestResult[] }>;
  if (!ack.ok) throw new Error(`ingest failed: ${JSON.stringify(ack)}`);
  expect(ack.data.results.map((r) => r.status)).toEqual(events.map(() => "accepted"));
}

type EventBody = HallEvent extends infer E ? (E extends HallEvent ? Omit<E, "id" | "hallId" | "ts"> : never) : never;

function event(atMs: number, body: EventBody): HallEvent {
  seq += 1;
  return { id: `live-${seq}`, hallId: HALL, ts: new Date(atMs).toISOString(), ...body } as HallEvent;
}

async function report(hallId: string, query = ""): Promise<ConsistencyReport> {
  const res = await admin.request<ConsistencyReport>("GET", `/api/halls/${hallId}/consistency${query}`);
  expect(res.status).toBe(200);
  return res.body;
}

const floorOf = (c: DisplayClient) => c.view?.consistency?.floor ?? [];
const sortedCounts = (counts: Record<string, number | undefined>) => Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1));

beforeAll(async () => {
  await server.start();
  admin = new Api(server.url, server.adminToken);
  expect((await admin.putHall(HALL, demoHall)).status).toBe(201);
  expect((await admin.putHall(BARE, demoHall)).status).toBe(201);
  const make = async (role: string) => {
    const res = await admin.createToken({ role, hallId: HALL });
    expect(res.status).toBe(201);
    return res.body.token;
  };
  tok.display = await make("display");
  tok.device = await make("device");
  await upload(HALL, "online", sample("online-items.json"), "application/json");
  await upload(HALL, "hall", sample("hall-items.csv"), "text/csv");
  // The list checks re-run shortly after each import: wait until they did.
  const deadline = Date.now() + 5000;
  while ((await report(HALL)).findings.length < 8) {
    if (Date.now() > deadline) throw new Error("the list findings did not appear");
    await new Promise((r) => setTimeout(r, 50));
  }
});

afterAll(async () => {
  for (const d of displays) d.close();
  for (const s of sockets) s.disconnect();
  await server.stop();
  server.remove();
});

describe("the wall's consistency panel", () => {
  it("is configured and counts the list findings in the snapshot", async () => {
    // The snapshot is the last published view; a publication follows the import's checks within
    // moments (coalesced), so let a first wall see it before judging a fresh snapshot.
    const first = await display(HALL, tok.display);
    const counted = (c: DisplayClient) => c.view?.consistency?.configured === true && JSON.stringify(sortedCounts(c.view.consistency.counts)) === JSON.stringify(sortedCounts(LIST_COUNTS));
    await first.waitFor(counted, FLOOR_DEADLINE_MS, "the panel to count the list findings");

    const wall = await display(HALL, tok.display);
    const snapshot = wall.snapshots[0]?.message;
    expect(snapshot).toBeDefined();
    const panel = snapshot?.view.consistency as LiveConsistency;
    expect(panel).toBeDefined();
    expect(panel.configured).toBe(true);
    expect(panel.counts).toEqual(LIST_COUNTS);
    // List findings are not floor findings.
    expect(panel.floor).toEqual([]);
    expect(panel.overdueFollowUps).toBe(0);
  });

  it("is not configured in a hall without an online list", async () => {
    const wall = await display(BARE, server.adminToken);
    expect(wall.view?.consistency).toEqual({ configured: false, floor: [], counts: {}, overdueFollowUps: 0 });
  });
});

describe("rules over events, as events arrive", () => {
  it("pushes an extra-materials finding to /display within seconds when a window asks for a material not in the online guide", async () => {
    const wall = await display(HALL, tok.display);
    expect(floorOf(wall)).toEqual([]);
    const socket = await openIngest();
    const t0 = Date.now() - 10 * 60_000;
    const ticket = { ticketId: "t-estate-1", ticketNo: "E101" };
    const events: HallEvent[] = [
      event(t0, { type: "window.opened", windowId: "w11", staffId: "s-11" }),
      event(t0 + 60_000, { type: "ticket.issued", ...ticket, categoryId: "real-estate", itemCode: ESTATE_ITEM, channel: "kiosk", caseRef: "case-001" }),
      event(t0 + 120_000, { type: "ticket.called", ticketId: ticket.ticketId, windowId: "w11" }),
      event(t0 + 180_000, { type: "service.started", ticketId: ticket.ticketId, windowId: "w11" }),
      event(t0 + 480_000, {
        type: "service.completed",
        ticketId: ticket.ticketId,
        windowId: "w11",
        outcome: "needs_materials",
        // 不动产权证书 is in the online guide; 户口簿原件 is not.
        requestedMaterials: ["不动产权证书", "户口簿原件"],
      }),
    ];
    await send(socket, events);
    const sent = performance.now();

    await wall.waitFor((c) => floorOf(c).some((f) => f.rule === "extra-materials"), FLOOR_DEADLINE_MS, "an extra-materials floor finding");
    expect(performance.now() - sent).toBeLessThan(FLOOR_DEADLINE_MS);
    // It came as an update applied on top of the snapshot, not as a new snapshot.
    expect(wall.updates.some((u) => u.outcome === "applied" && u.message.view.consistency?.floor.some((f) => f.rule === "extra-materials"))).toBe(true);

    const onWall = floorOf(wall).filter((f) => f.rule === "extra-materials");
    expect(onWall).toHaveLength(1);
    const f = onWall[0] as Omit<Finding, "lastSeen">;
    expect(f).toMatchObject({ key: "extra-materials:t-estate-1:w11", severity: "high", itemCode: ESTATE_ITEM, windowId: "w11" });
    expect(f.evidence).toMatchObject({ ticketId: "t-estate-1", ticketNo: "E101", requested: ["不动产权证书", "户口簿原件"], notInGuide: ["户口簿原件"] });
    expect(f.message).toContain("户口簿原件");
    expect(f.message).toContain("E101");
    expect(wall.view?.consistency?.counts).toEqual({ ...LIST_COUNTS, "extra-materials": 1 });
    expect(wall.view?.consistency?.configured).toBe(true);

    // The API lists the same finding.
    const listed = (await report(HALL, "?rule=extra-materials")).findings;
    expect(listed.map((x) => [x.key, x.itemCode, x.windowId])).toEqual([["extra-materials:t-estate-1:w11", ESTATE_ITEM, "w11"]]);
    expect(listed[0]?.evidence.notInGuide).toEqual(["户口簿原件"]);
    expect((await report(HALL, "?windowId=w11")).findings.map((x) => x.rule)).toEqual(["extra-materials"]);
  });

  it("pushes a visit-limit finding naming both tickets when one case of a 最多跑一次 item comes on two days", async () => {
    const wall = await display(HALL, tok.display);
    expect(floorOf(wall).some((f) => f.rule === "visit-limit")).toBe(false);
    const socket = await openIngest();
    const now = Date.now();
    // Yesterday (26 hours ago: always another hall-local day) and today; both within 0 + 5 working days.
    const first = event(now - 26 * 3_600_000, { type: "ticket.issued", ticketId: "t-birth-1", ticketNo: "G101", categoryId: "household", itemCode: BIRTH_ITEM, channel: "kiosk", caseRef: "case-002" });
    const second = event(now - 2 * 60_000, { type: "ticket.issued", ticketId: "t-birth-2", ticketNo: "G205", categoryId: "household", itemCode: BIRTH_ITEM, channel: "kiosk", caseRef: "case-002" });
    await send(socket, [first]);
    // One visit is within the limit: nothing yet.
    await new Promise((r) => setTimeout(r, 800));
    expect((await report(HALL, "?rule=visit-limit")).findings).toEqual([]);

    await send(socket, [second]);
    const sent = performance.now();
    await wall.waitFor((c) => floorOf(c).some((f) => f.rule === "visit-limit"), FLOOR_DEADLINE_MS, "a visit-limit floor finding");
    expect(performance.now() - sent).toBeLessThan(FLOOR_DEADLINE_MS);

    const onWall = floorOf(wall).filter((f) => f.rule === "visit-limit");
    expect(onWall).toHaveLength(1);
    const f = onWall[0] as Omit<Finding, "lastSeen">;
    expect(f).toMatchObject({ key: `visit-limit:case-002:${BIRTH_ITEM}`, severity: "high", itemCode: BIRTH_ITEM });
    expect(f.message).toContain("G101");
    expect(f.message).toContain("G205");
    expect(f.evidence).toMatchObject({ caseRef: "case-002", limit: 1 });
    const tickets = f.evidence.tickets as { ticketId: string; ticketNo: string; date: string }[];
    expect(tickets.map((t) => t.ticketNo)).toEqual(["G101", "G205"]);
    expect(new Set(tickets.map((t) => t.date)).size).toBe(2);
    expect((f.evidence.days as string[]).length).toBe(2);
    // The floor keeps the earlier extra-materials finding as well.
    expect(floorOf(wall).map((x) => x.rule).sort()).toEqual(["extra-materials", "visit-limit"]);
    expect(wall.view?.consistency?.counts).toEqual({ ...LIST_COUNTS, "extra-materials": 1, "visit-limit": 1 });

    const listed = (await report(HALL, "?rule=visit-limit")).findings;
    expect(listed.map((x) => x.key)).toEqual([`visit-limit:case-002:${BIRTH_ITEM}`]);
  });

  it("shows the floor findings to a display connecting later, in its snapshot", async () => {
    const late = await display(HALL, tok.display);
    const panel = late.view?.consistency as LiveConsistency;
    expect(panel.configured).toBe(true);
    expect(panel.floor.map((f) => f.key).sort()).toEqual(["extra-materials:t-estate-1:w11", `visit-limit:case-002:${BIRTH_ITEM}`]);
    for (const f of panel.floor) expect(Object.keys(f)).not.toContain("lastSeen");
  });
});
