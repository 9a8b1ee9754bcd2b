// The reference deployment of issue #11 (what `npm run cluster` starts, docs/deploy.md), real processes:
// nginx (deploy/nginx/hallpulse.conf.template) in front of two HallPulse nodes on one PostgreSQL database
// and one Redis. Everything goes through nginx, as in production: the hall, the tokens, a wall display
// (socket.io with automatic reconnection) and a device that retries on failure. The node the display is
// on is killed with SIGKILL: the display reconnects through nginx to the other node, gets a snapshot and
// ends equal to the database; no acknowledged event is lost. Behind nginx, the per-client limits see the
// client's address from X-Forwarded-For (TRUST_PROXY=loopback), not nginx's. Walls that name their hall in
// the URL are kept on one node per hall, halls spread over the nodes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seqEpoch } from "../../../contract/index.js";
import { Api } from "../../helpers/api.js";
import { connectDisplay, type DisplayClient } from "../../helpers/display-client.js";
import { EventFactory, testHall } from "../../helpers/hall-fixture.js";
import { startNginx, type TestNginx } from "../../helpers/nginx.js";
import type { FreshDatabase } from "../../helpers/postgres.js";
import { freshMigratedDatabase } from "../../helpers/postgres-template.js";
import { startRedis, type TestRedis } from "../../helpers/redis.js";
import { ServerProcess } from "../../helpers/server-process.js";
import { stableFigures } from "../../helpers/stable-figures.js";
import { eventsInDatabase, figuresFromDatabase, until } from "./cluster-figures.js";

const HALL = "nginx-hall";
let database: FreshDatabase;
let redis: TestRedis;
let nginx: TestNginx;
let nodes: [ServerProcess, ServerProcess];
let admin: Api;
let device = "";
let display = "";
const displays: DisplayClient[] = [];
/** The node the failover test killed (restarted by the next test). */
let killedNode: ServerProcess | null = null;
const f = new EventFactory(HALL, Date.now() - 30 * 60_000, "n");

function node(): ServerProcess {
  return new ServerProcess({
    env: {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      TRUST_PROXY: "loopback",
      HEARTBEAT_TIMEOUT_MS: "600000",
      // Small, so that the X-Forwarded-For check below needs only a few requests.
      RATE_AUTH_FAILURES: "5/60s",
    },
  });
}

/** A display seq is boot epoch × 10⁹ + counter (docs/contract.md); every node start takes its own epoch. */
const epochOf = (seq: number | null) => (seq === null ? null : seqEpoch(seq));

/** Each node's current boot epoch, read from a display connected to it directly (not through nginx). */
async function nodeEpoch(n: ServerProcess): Promise<number> {
  const d = await connectDisplay({ url: n.url, token: display, hallId: HALL, reconnection: false });
  try {
    return epochOf(d.seq) as number;
  } finally {
    d.close();
  }
}

/** The node whose epoch the display's held seq carries: the node that sent its last snapshot or update. */
async function nodeOf(d: DisplayClient): Promise<ServerProcess> {
  const epoch = epochOf(d.seq);
  for (const n of nodes) if ((await nodeEpoch(n)) === epoch) return n;
  throw new Error(`no node has epoch ${epoch}`);
}

/**
 * A device sending one event per batch through nginx, retrying the same batch (same event ids) after any
 * failure — a refused or broken connection, a 502 from nginx — until it is acknowledged.
 */
async function deviceRun(name: string, count: number, minuteBase: number, acked: Set<string>, afterBatch?: (i: number) => Promise<void>): Promise<number> {
  let retries = 0;
  for (let i = 0; i < count; i++) {
    const batch = [f.make(minuteBase + i * 0.2, { type: "ticket.issued", ticketId: `${name}-${i}`, ticketNo: `${name}${i}`, categoryId: "social", channel: "kiosk" })];
    for (let attempt = 0; ; attempt++) {
      let res: Awaited<ReturnType<Api["postEvents"]>> | null;
      try {
        res = await admin.as(device).postEvents(HALL, batch);
      } catch {
        res = null; // the connection to nginx itself failed: retry
      }
      if (res?.status === 200) {
        for (const r of res.body.results) {
          if (r.status === "rejected") throw new Error(`rejected: ${r.error}`);
          acked.add(r.id as string);
        }
        break;
      }
      retries += 1;
      if (attempt > 40) throw new Error(`no node answered through nginx (last status ${res?.status})`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await afterBatch?.(i);
  }
  return retries;
}

/** The display holds what the database alone says (polled: updates come at most every 250 ms). */
async function untilEqualToDatabase(d: DisplayClient, what: string, timeoutMs = 20_000): Promise<void> {
  let last = "";
  await until(what, async () => {
    if (!d.view) return false;
    const held = JSON.stringify(stableFigures(d.view));
    last = `${held}\n≠\n${JSON.stringify(await figuresFromDatabase(database.url, HALL, testHall, d.view))}`;
    return held === JSON.stringify(await figuresFromDatabase(database.url, HALL, testHall, d.view));
  }, timeoutMs).catch((err: Error) => {
    throw new Error(`${err.message}; ${d.describe()}\n${last}`);
  });
}

beforeAll(async () => {
  // A copy of the migrated template, so that the nodes' 30 s start budget is not spent in the Prisma CLI.
  database = await freshMigratedDatabase("hallpulse_cluster_nginx");
  redis = await startRedis();
  nodes = [node(), node()];
  // One after the other: each takes the next boot epoch, in this order.
  await nodes[0].start();
  await nodes[1].start();
  nginx = await startNginx({ upstreamPorts: nodes.map((n) => n.port) });
  admin = new Api(nginx.url, nodes[0].adminToken);
}, 180_000);

afterAll(async () => {
  for (const d of displays) d.close();
  await nginx?.stop();
  for (const n of nodes ?? []) await n.stop();
  for (const n of nodes ?? []) n.remove();
  await redis?.stop();
  await database?.drop();
});

describe("nginx in front of two nodes on PostgreSQL and Redis", () => {
  it("serves the API and a live wall through nginx", async () => {
    expect((await admin.putHall(HALL, testHall)).status).toBeLessThan(300);
    device = (await admin.createToken({ role: "device", hallId: HALL })).body.token;
    display = (await admin.createToken({ role: "display", hallId: HALL })).body.token;
    // Made through nginx on one node; the other learns of them through the cluster notices.
    await until("both nodes to know the token", async () => (await Promise.all(nodes.map((n) => new Api(n.url, display).load(HALL)))).every((r) => r.status === 200));

    const wall = await connectDisplay({ url: nginx.url, token: display, hallId: HALL, reconnection: true, reconnectionDelayMs: 200 });
    displays.push(wall);
    const res = await admin.as(device).postEvents(HALL, [f.make(0, { type: "window.opened", windowId: "w1", staffId: "s1" }), f.make(1, { type: "ticket.issued", ticketId: "t1", ticketNo: "A001", categoryId: "social", channel: "kiosk" })]);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => r.status)).toEqual(["accepted", "accepted"]);
    await wall.waitFor((c) => c.view?.categories.find((x) => x.categoryId === "social")?.waitingNow === 1, 5000, "the wall to show the ticket waiting");
    expect(wall.view?.windows.find((w) => w.windowId === "w1")?.state).toBe("open");
  });

  it("keeps a hall's walls on one node by the hall the wall names (?hall=), spreading halls over the nodes", async () => {
    // All clients here share one address, which alone would put every wall on the same node.
    const halls = Array.from({ length: 12 }, (_, i) => `nginx-affinity-${i}`);
    for (const hallId of halls) expect((await admin.putHall(hallId, testHall)).status).toBe(201);
    const nodeOfHall = new Map<string, ServerProcess>();
    for (const hallId of halls) {
      const walls = [0, 1].map(() => connectDisplay({ url: nginx.url, token: nodes[0].adminToken, hallId, query: { hall: hallId } }, 15_000));
      const [a, b] = await Promise.all(walls);
      try {
        const node = await nodeOf(a as DisplayClient);
        expect(await nodeOf(b as DisplayClient)).toBe(node);
        nodeOfHall.set(hallId, node);
      } finally {
        a?.close();
        b?.close();
      }
    }
    // Twelve halls hashed over two nodes all on one: a chance of 1 in 2,048.
    expect(new Set(nodeOfHall.values()).size).toBe(2);
  });

  it("counts failed authentications per client address from X-Forwarded-For, not per nginx", async () => {
    // All requests reach the same node (nginx hashes on its own peer, 127.0.0.1): the guard there must
    // still tell the two clients nginx names in X-Forwarded-For apart.
    const guess = (client: string) => admin.as("not-a-token-0123456789").request("GET", `/api/halls/${HALL}/load`, undefined, { "x-forwarded-for": client });
    const first: number[] = [];
    for (let i = 0; i < 8; i++) first.push((await guess("203.0.113.7")).status);
    expect(first.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(first.at(-1)).toBe(429);
    // Another client behind the same nginx is not blocked by the first one's guesses …
    expect((await guess("203.0.113.8")).status).toBe(401);
    // … and neither is the test's own address (nginx's peer), whose wall goes on working.
    expect((await admin.as(display).load(HALL)).status).toBe(200);
  });

  it("fails a wall over to the other node when its node is killed with SIGKILL; no acknowledged event is lost", async () => {
    const wall = displays[0] as DisplayClient;
    const doomed = await nodeOf(wall);
    const survivor = nodes.find((n) => n !== doomed) as ServerProcess;
    const survivorEpoch = await nodeEpoch(survivor);
    const connectionsBefore = wall.connections;

    const acked = new Set<string>();
    let killed = false;
    // The devices may see the failover as retries (a 502 or a reset while the node dies) or not at all,
    // when nginx moves their next request to the survivor by itself: either way nothing acked is lost.
    await Promise.all(
      [0, 1, 2, 3].map((d) =>
        deviceRun(`k${d}`, 25, 3 + d * 5, acked, async (i) => {
          if (d === 0 && i === 8 && !killed) {
            killed = true;
            killedNode = doomed;
            await doomed.kill();
          }
        }),
      ),
    );
    expect(killed).toBe(true);
    expect(acked.size).toBe(100);
    const stored = new Set((await eventsInDatabase(database.url, HALL)).map((e) => e.id));
    for (const id of acked) expect(stored.has(id), `acknowledged ${id} is stored`).toBe(true);

    // The wall reconnected through nginx, to the survivor, and took its snapshot.
    await wall.waitFor((c) => c.connected && c.connections > connectionsBefore && epochOf(c.seq) === survivorEpoch, 20_000, "the wall to reconnect to the surviving node");
    expect(wall.snapshots.some((s) => s.connection > connectionsBefore && s.outcome === "applied")).toBe(true);
    await untilEqualToDatabase(wall, "the wall to equal the database after the failover");
  });

  // A display's seq is boot epoch × 10⁹ + counter, per node: the older node's seqs are all smaller than
  // the ones this wall held. Seqs compare only within one epoch (contract/live-view.ts seqEpoch), so the
  // wall still takes the older node's snapshot and its updates — before that rule it froze, ignoring them
  // as stale (`update 2000000011→2000000012 (stale)` on a wall holding 3000000003), and after a rolling
  // restart every failover goes this way.
  it("fails a wall over to a node that booted before the one it leaves; it ends equal to the database", async () => {
    // The node killed above comes back (taking the newest epoch); nginx sends new connections from
    // 127.0.0.1 to it again once its fail_timeout (10 s) is over.
    expect(killedNode).not.toBeNull();
    const restarted = killedNode as unknown as ServerProcess;
    await restarted.start();
    const older = nodes.find((n) => n !== restarted) as ServerProcess;
    const restartedEpoch = await nodeEpoch(restarted);
    let movedWall: DisplayClient | null = null;
    await until(
      "a wall through nginx to land on the restarted node",
      async () => {
        const d = await connectDisplay({ url: nginx.url, token: display, hallId: HALL, reconnection: true, reconnectionDelayMs: 200 });
        if (epochOf(d.seq) === restartedEpoch) {
          movedWall = d;
          return true;
        }
        d.close();
        await new Promise((r) => setTimeout(r, 1000));
        return false;
      },
      30_000,
    );
    const wall = movedWall as unknown as DisplayClient;
    displays.push(wall);
    expect(await nodeEpoch(older)).toBeLessThan(restartedEpoch);
    const connectionsBefore = wall.connections;
    await restarted.kill();
    const acked = new Set<string>();
    await deviceRun("r", 10, 24, acked);
    expect(acked.size).toBe(10);
    const stored = new Set((await eventsInDatabase(database.url, HALL)).map((e) => e.id));
    for (const id of acked) expect(stored.has(id), `acknowledged ${id} is stored`).toBe(true);
    // Reconnected through nginx to the older node, which sent its snapshot.
    await wall.waitFor((c) => c.connected && c.connections > connectionsBefore && c.snapshots.some((s) => s.connection > connectionsBefore), 20_000, "the wall to reconnect to the older node");
    await untilEqualToDatabase(wall, "the wall to equal the database after failing over to an older node");
  });
});
