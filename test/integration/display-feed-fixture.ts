// The shared fixture of the display-feed.*.int.test.ts files (each file starts its own server with it), which
// test the /display feed against the real server process, its real storage and real socket.io clients.
// One place for the server, the two halls, the tokens by role, the long-running watcher and the helpers
// that connect displays and ingest events, so that the files cannot drift apart in how they set up.
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, expect } from "vitest";
import type { Ack, HallConfig, HallEvent, IngestClientToServer, IngestResult, IngestServerToClient, LoadView } from "../../contract/index.js";
import { Api } from "../helpers/api.js";
import { connectDisplay, type DisplayClient, type DisplayClientOptions } from "../helpers/display-client.js";
import { EventFactory, testHallSpanningToday } from "../helpers/hall-fixture.js";
import { ServerProcess } from "../helpers/server-process.js";
import { stableFigures as stable } from "../helpers/stable-figures.js";

type IngestSocket = Socket<IngestServerToClient, IngestClientToServer>;

export const HALL = "disp-hall";
export const OTHER_HALL = "disp-other";

export const server = new ServerProcess();
export let admin: Api;
export const tok = {} as Record<"display" | "manager" | "staff" | "device" | "otherDisplay", { id: string; token: string }>;
const clients: DisplayClient[] = [];
const ingestSockets: IngestSocket[] = [];
/** Follows the whole file with reconnection on: every update it applies must chain, none twice. */
export let watcher: DisplayClient;
/** Event times count from 30 minutes ago so that everything lies inside the live view. */
export let f: EventFactory;
/**
 * Both halls' configuration: testHall, in a zone where the events placed up to 30 minutes back (and the
 * minutes the file runs) are today's (testHallSpanningToday).
 */
export let hallConfig: HallConfig;

export function displayOpts(extra: Partial<DisplayClientOptions> = {}): DisplayClientOptions {
  return { url: server.url, token: tok.display.token, hallId: HALL, ...extra };
}

/** A display of HALL (unless `extra` says otherwise), closed in the file's afterAll. */
export async function display(extra: Partial<DisplayClientOptions> = {}): Promise<DisplayClient> {
  const c = await connectDisplay(displayOpts(extra));
  clients.push(c);
  return c;
}

/** Closes a client made without display() in the file's afterAll. */
export function track(c: DisplayClient): DisplayClient {
  clients.push(c);
  return c;
}

export async function ingestSocket(): Promise<IngestSocket> {
  const socket: IngestSocket = io(`${server.url}/ingest`, { transports: ["websocket"], forceNew: true, reconnection: false, auth: { token: tok.device.token } });
  ingestSockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (err) => reject(err));
  });
  return socket;
}

export async function ingest(socket: IngestSocket, events: HallEvent[]): Promise<void> {
  const ack = (await socket.timeout(10_000).emitWithAck("events", events)) as Ack<{ results: IngestResult[] }>;
  if (!ack.ok) throw new Error(`ingest failed: ${JSON.stringify(ack)}`);
  const notAccepted = ack.data.results.filter((r) => r.status !== "accepted");
  if (notAccepted.length > 0) throw new Error(`events not accepted: ${JSON.stringify(notAccepted)}`);
}

export async function liveLoad(): Promise<LoadView> {
  const res = await admin.load(HALL);
  expect(res.status).toBe(200);
  return res.body;
}

export const win = (view: LoadView | null, id: string) => view?.windows.find((w) => w.windowId === id);
export const cat = (view: LoadView | null, id: string) => view?.categories.find((c) => c.categoryId === id);
export const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : NaN);

/**
 * The held view must be exactly the published view: a fresh client's snapshot is the last published
 * view with its seq, so the view this client held at that seq must be identical to it (from/to and
 * every clock-moving figure included), and the stable figures must equal GET /load's live view.
 */
export async function expectConsistent(c: DisplayClient): Promise<void> {
  const fresh = await display({ reconnection: false });
  const snap = fresh.snapshots[0]?.message;
  expect(snap).toBeDefined();
  if (!snap) return;
  await c.waitFor((x) => x.seq !== null && x.seq >= snap.seq, 7000, `seq ≥ ${snap.seq}`);
  expect(c.viewAt(snap.seq), `the held view at seq ${snap.seq}`).toEqual(snap.view);
  expect(stable(c.view as LoadView)).toEqual(stable(await liveLoad()));
  expect(c.duplicatesApplied).toBe(0);
  expect(c.unchangedPatchEntries).toEqual([]);
  fresh.close();
}

/**
 * Registers the file's beforeAll/afterAll: a fresh server with HALL and OTHER_HALL (both empty), the
 * tokens by role and the watcher; afterwards every display and ingest socket is closed and the server
 * stopped and removed. Call it once at the top level of a test file, before its own hooks.
 */
export function setUpDisplayFeed(): void {
  beforeAll(async () => {
    await server.start();
    admin = new Api(server.url, server.adminToken);
    f = new EventFactory(HALL, Date.now() - 30 * 60_000, "d-");
    hallConfig = testHallSpanningToday(45 * 60_000);
    expect((await admin.putHall(HALL, hallConfig)).status).toBe(201);
    expect((await admin.putHall(OTHER_HALL, hallConfig)).status).toBe(201);
    const make = async (req: { role: string; hallId?: string; windowId?: string }) => {
      const created = await admin.issueToken(req);
      return { id: created.id, token: created.token };
    };
    tok.display = await make({ role: "display", hallId: HALL });
    tok.manager = await make({ role: "manager", hallId: HALL });
    tok.staff = await make({ role: "staff", hallId: HALL, windowId: "w1" });
    tok.device = await make({ role: "device", hallId: HALL });
    tok.otherDisplay = await make({ role: "display", hallId: OTHER_HALL });
    watcher = await display({ reconnection: true });
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    for (const s of ingestSockets) s.disconnect();
    await server.stop();
    server.remove();
  });
}
