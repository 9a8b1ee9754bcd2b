// Two HallPulse nodes on one PostgreSQL database and one Redis (issue #11), real processes: a hall and a
// token made on node A work on node B at once (a hall or token B has not heard of yet is looked up); an event sent to A reaches a display connected to B
// and B's province overview page (pushed once, by B alone); the
// same event sent to both at the same moment is counted once; a node killed with SIGKILL in the middle of
// a load loses no acknowledged event — the devices go on at the other node, and what every node shows
// equals what the database alone says.
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HallEvent, IngestResponse, LoadView } from "../../../contract/index.js";
import type { Overview } from "../../../contract/overview.js";
import { Api } from "../../helpers/api.js";
import { connectDisplay, type DisplayClient } from "../../helpers/display-client.js";
import { EventFactory, testHall } from "../../helpers/hall-fixture.js";
import type { FreshDatabase } from "../../helpers/postgres.js";
import { freshMigratedDatabase } from "../../helpers/postgres-template.js";
import { startRedis, type TestRedis } from "../../helpers/redis.js";
import { ServerProcess } from "../../helpers/server-process.js";
import { stableFigures } from "../../helpers/stable-figures.js";
import { eventsInDatabase, figuresFromDatabase, insertHall, insertToken, until } from "./cluster-figures.js";

const HALL = "cluster-hall";
let database: FreshDatabase;
let redis: TestRedis;
let nodeA: ServerProcess;
let nodeB: ServerProcess;
let adminA: Api;
let adminB: Api;
let device = "";
let display = "";
const displays: DisplayClient[] = [];
const f = new EventFactory(HALL, Date.now() - 30 * 60_000, "c");

function node(): ServerProcess {
  return new ServerProcess({ env: { DATABASE_URL: database.url, REDIS_URL: redis.url, HEARTBEAT_TIMEOUT_MS: "2000" } });
}

async function post(api: Api, events: HallEvent[]): Promise<IngestResponse> {
  const res = await api.as(device).postEvents(HALL, events);
  if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

beforeAll(async () => {
  // A copy of the migrated template, so that the nodes' 30 s start budget is not spent in the Prisma CLI.
  database = await freshMigratedDatabase("hallpulse_cluster");
  redis = await startRedis();
  nodeA = node();
  await nodeA.start();
  nodeB = node();
  await nodeB.start();
  adminA = new Api(nodeA.url, nodeA.adminToken);
  adminB = new Api(nodeB.url, nodeB.adminToken);
}, 180_000);

afterAll(async () => {
  for (const d of displays) d.close();
  await nodeA?.stop();
  await nodeB?.stop();
  nodeA?.remove();
  nodeB?.remove();
  await redis?.stop();
  await database?.drop();
});

describe("two nodes on PostgreSQL and Redis", () => {
  it("sees on node B a hall and tokens made on node A, and a revocation at once", async () => {
    expect((await adminA.putHall(HALL, testHall)).status).toBeLessThan(300);
    device = (await adminA.createToken({ role: "device", hallId: HALL })).body.token;
    display = (await adminA.createToken({ role: "display", hallId: HALL })).body.token;
    await until("node B to know the hall and the token", async () => (await adminB.as(display).load(HALL)).status === 200);
    const temp = (await adminA.createToken({ role: "display", hallId: HALL })).body;
    await until("node B to accept the new token", async () => (await adminB.as(temp.token).load(HALL)).status === 200);
    expect((await adminA.request("DELETE", `/api/tokens/${temp.id}`)).status).toBeLessThan(300);
    await until("node B to refuse the revoked token", async () => (await adminB.as(temp.token).load(HALL)).status === 401);
  });

  it("lets in, on its first try at node B, a token another node wrote a moment ago (no notice needed)", async () => {
    // Written straight to the shared table, so no cluster notice tells B: B must look it up itself. A display
    // refused as unauthorized stops retrying, so waiting for the notice would leave a wall dark.
    const secret = `hp_direct_${Date.now()}`;
    await insertToken(database.url, { id: "tok_direct", secret, role: "display", hallId: HALL });
    await insertToken(database.url, { id: "tok_direct_revoked", secret: `${secret}_revoked`, role: "display", hallId: HALL, revoked: true });
    const socket = io(`${nodeB.url}/display`, { transports: ["websocket"], forceNew: true, reconnection: false, auth: { token: secret, hallId: HALL } });
    const outcome = await new Promise<string>((resolve) => {
      socket.once("connect", () => resolve("connected"));
      socket.once("connect_error", (err: Error & { data?: { code?: string } }) => resolve(err.data?.code ?? err.message));
    });
    socket.close();
    expect(outcome).toBe("connected");
    expect((await adminB.as(secret).load(HALL)).status).toBe(200);
    expect((await adminB.as(`${secret}_revoked`).load(HALL)).status).toBe(401);
    expect((await adminB.as("hp_nobody_made_this").load(HALL)).status).toBe(401);
  });

  it("serves at once on node B a hall another node wrote a moment ago (no notice needed)", async () => {
    const fresh = `cluster-fresh-${Date.now()}`;
    await insertHall(database.url, fresh, testHall);
    const secret = `hp_fresh_display_${Date.now()}`;
    await insertToken(database.url, { id: `tok_${fresh}`, secret, role: "display", hallId: fresh });
    // The wall first (a refused wall stops retrying), then the API; neither has been told of the hall.
    const socket = io(`${nodeB.url}/display`, { transports: ["websocket"], forceNew: true, reconnection: false, auth: { token: secret, hallId: fresh } });
    const outcome = await new Promise<string>((resolve) => {
      socket.once("snapshot", () => resolve("snapshot"));
      socket.once("connect_error", (err: Error & { data?: { code?: string } }) => resolve(err.data?.code ?? err.message));
    });
    socket.close();
    expect(outcome).toBe("snapshot");
    expect((await adminB.load(fresh)).status).toBe(200);
    expect((await adminB.load(`${fresh}-nobody`)).status).toBe(404);
  });

  it("shows an event sent to node A on a display connected to node B", async () => {
    const onB = await connectDisplay({ url: nodeB.url, token: display, hallId: HALL, reconnection: false });
    displays.push(onB);
    const sent = await post(adminA, [f.make(0, { type: "window.opened", windowId: "w1", staffId: "s1" }), f.make(1, { type: "ticket.issued", ticketId: "t1", ticketNo: "A001", categoryId: "social", channel: "kiosk" })]);
    expect(sent.results.map((r) => r.status), JSON.stringify(sent.results)).toEqual(["accepted", "accepted"]);
    await onB.waitFor((c) => c.view?.categories.find((x) => x.categoryId === "social")?.waitingNow === 1, 5000, "node B's display to show the ticket waiting");
    expect(onB.view?.windows.find((w) => w.windowId === "w1")?.state).toBe("open");
  });

  it("pushes the province overview on node B for events sent to node A, each node to its own pages only (no echo through Redis)", async () => {
    const overseer = (await adminA.createToken({ role: "overseer" })).body.token;
    // A page on each node: both nodes take the overview, and each must send to its own page only.
    const pages = [nodeA, nodeB].map((n) => {
      const socket: Socket = io(`${n.url}/overview`, { transports: ["websocket"], forceNew: true, reconnection: false, auth: { token: overseer } });
      const got: { at: number; overview: Overview }[] = [];
      socket.on("overview", (overview: Overview) => got.push({ at: Date.now(), overview }));
      return { socket, got };
    });
    const onB = pages[1] as (typeof pages)[0];
    try {
      const waitingOf = (o: Overview) => o.halls.find((h) => h.hallId === HALL)?.waitingNow;
      await until("both nodes' overview on connect", async () => pages.every((p) => p.got.length > 0));
      const before = waitingOf(onB.got[0]!.overview) ?? 0;
      // A new ticket every 250 ms for 5 s, all sent to node A: both nodes see a change at every taking.
      for (let i = 0; i < 20; i += 1) {
        await post(adminA, [f.make(1, { type: "ticket.issued", ticketId: `ov${i}`, ticketNo: `O${String(i).padStart(3, "0")}`, categoryId: "social", channel: "kiosk" })]);
        await new Promise((r) => setTimeout(r, 250));
      }
      await until("node B to push all 20 new tickets", async () => onB.got.some((g) => waitingOf(g.overview) === before + 20));
      await new Promise((r) => setTimeout(r, 2500));
      // Each node takes at most every 2 s and sends to its own sockets only (`local`). Were node A's
      // sendings relayed to node B's page through Redis (and B's to A's), each page would receive two
      // interleaved 2-second sequences, whose gaps d and 2 s − d cannot both reach 1.9 s.
      for (const { got } of pages) {
        const pushes = got.slice(1);
        expect(pushes.length).toBeGreaterThanOrEqual(2);
        for (let i = 1; i < pushes.length; i += 1) expect(pushes[i]!.at - pushes[i - 1]!.at).toBeGreaterThanOrEqual(1900);
        expect(waitingOf(pushes.at(-1)!.overview)).toBe(before + 20);
      }
    } finally {
      for (const { socket } of pages) socket.disconnect();
    }
  });

  it("counts an event sent to both nodes at the same moment once", async () => {
    const events = Array.from({ length: 40 }, (_, i) => f.make(2, { type: "ticket.issued", ticketId: `dup-${i}`, ticketNo: `B${i}`, categoryId: "estate", channel: "kiosk" }));
    const answers = await Promise.all(events.flatMap((e) => [post(adminA, [e]), post(adminB, [e])]));
    for (let i = 0; i < events.length; i++) {
      const statuses = [answers[2 * i]?.results[0]?.status, answers[2 * i + 1]?.results[0]?.status].sort();
      expect(statuses).toEqual(["accepted", "duplicate"]);
    }
    const stored = (await eventsInDatabase(database.url, HALL)).filter((e) => e.id.startsWith("c") && events.some((x) => x.id === e.id));
    expect(stored).toHaveLength(events.length);
    await until("both nodes to count 40 estate arrivals", async () => {
      const [a, b] = await Promise.all([adminA.load(HALL), adminB.load(HALL)]);
      const n = (v: LoadView) => v.categories.find((c) => c.categoryId === "estate")?.arrivals;
      return n(a.body) === 40 && n(b.body) === 40;
    });
  });

  it("keeps a staff console that moved to node B alive on node A's wall (census through Redis)", async () => {
    // Made on A and used on B at once: B looks it up (see the test above) rather than wait for the notice.
    const staff = (await adminA.createToken({ role: "staff", hallId: HALL, windowId: "w1" })).body.token;
    const connect = async (url: string): Promise<Socket> => {
      const socket = io(`${url}/staff`, { transports: ["websocket"], forceNew: true, reconnection: false, auth: { token: staff } });
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", reject);
      });
      return socket;
    };
    const lostOnA = async () => ((await adminA.load(HALL)).body.heartbeats ?? []).some((h) => h.windowId === "w1");
    (await connect(nodeA.url)).disconnect();
    const onB = await connect(nodeB.url);
    // Past the 2 s timeout and a census (every 5 s): node A knows the console is alive on node B.
    await new Promise((r) => setTimeout(r, 7000));
    expect(await lostOnA()).toBe(false);
    onB.disconnect();
    await until("node A to report the console lost once it left the cluster", lostOnA, 15_000);
  });

  it("loses no acknowledged event when a node is killed with SIGKILL mid-load; both end equal to the database", async () => {
    const acked = new Set<string>();
    let failovers = 0;
    let killed = false;
    // Four devices, each sending small batches to its node and, on any failure, to the other one.
    const deviceRun = async (d: number) => {
      for (let i = 0; i < 30; i++) {
        const batch = [f.make(3 + i * 0.5, { type: "ticket.issued", ticketId: `k${d}-${i}`, ticketNo: `K${d}${i}`, categoryId: "social", channel: "kiosk" })];
        const first = d % 2 === 0 ? nodeA : nodeB;
        const order = [first, first === nodeA ? nodeB : nodeA];
        for (let attempt = 0; ; attempt++) {
          const target = order[attempt % 2] as ServerProcess;
          try {
            const res = await post(new Api(target.url, null), batch);
            for (const r of res.results) {
              if (r.status === "rejected") throw new Error(`rejected: ${r.error}`);
              acked.add(r.id as string);
            }
            break;
          } catch (err) {
            if ((err as Error).message.startsWith("rejected")) throw err;
            failovers += 1;
            if (attempt > 20) throw new Error("no node answered", { cause: err });
            await new Promise((r) => setTimeout(r, 50));
          }
        }
        if (d === 0 && i === 10 && !killed) {
          killed = true;
          await nodeA.kill();
        }
      }
    };
    await Promise.all([0, 1, 2, 3].map(deviceRun));
    expect(killed).toBe(true);
    expect(failovers).toBeGreaterThan(0);
    expect(acked.size).toBe(120);
    const stored = new Set((await eventsInDatabase(database.url, HALL)).map((e) => e.id));
    for (const id of acked) expect(stored.has(id), `acknowledged ${id} is stored`).toBe(true);
    // The surviving node equals the database alone.
    await until("node B to hold every stored event", async () => {
      const view = (await adminB.load(HALL)).body;
      return JSON.stringify(stableFigures(view)) === JSON.stringify(await figuresFromDatabase(database.url, HALL, testHall, view));
    });
    // The killed node comes back, catches up from the log, and says the same.
    await nodeA.start();
    await until("restarted node A to equal the database", async () => {
      const view = (await adminA.load(HALL)).body;
      return JSON.stringify(stableFigures(view)) === JSON.stringify(await figuresFromDatabase(database.url, HALL, testHall, view));
    });
  });

  // Last: it blocks new tokens from this address (127.0.0.1) for a minute.
  it("counts failed authentications in Redis: a guesser blocked on node A is blocked on node B too", async () => {
    const guess = (api: Api, i: number) => api.as(`hp_guess_${i}_${"x".repeat(24)}`).load(HALL);
    // The default budget, 60 failures a minute per client address (RATE_AUTH_FAILURES), spent on A (the
    // revoked token's refusals above count too) until A blocks the address.
    let refusedOnA = 0;
    while ((await guess(adminA, refusedOnA)).status === 401) {
      refusedOnA += 1;
      expect(refusedOnA, "node A blocks within its budget").toBeLessThanOrEqual(60);
    }
    expect(refusedOnA).toBeGreaterThan(40);
    // Node B saw at most the few refusals of the revoked token itself: it blocks because the count is in Redis.
    const blocked = await guess(adminB, 1000);
    expect(blocked.status).toBe(429);
    expect((blocked.body as unknown as { error: { code: string; retryAfterMs: number } }).error).toMatchObject({ code: "rate_limited", retryAfterMs: expect.any(Number) });
    // A token that worked from this address before the block goes on working, on both nodes.
    expect((await adminB.load(HALL)).status).toBe(200);
    expect((await adminA.load(HALL)).status).toBe(200);
  });
});
