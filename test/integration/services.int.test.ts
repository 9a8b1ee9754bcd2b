// The services of the scale-out deployment (issue #11), started for real by the test helpers that the
// PostgreSQL, Redis and multi-node tests build on: a fresh PostgreSQL database (fsync on) that is really
// dropped, a private Redis, and nginx from deploy/nginx/hallpulse.conf.template in front of two nodes —
// proxying, sticky per client address, WebSocket upgrade for socket.io, failover to the other node.
import { execFileSync } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { createClient } from "redis";
import { Server as IoServer } from "socket.io";
import { io as ioClient, type Socket as ClientSocket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderNginxConfig } from "../../scripts/services/nginx-config.js";
import { startNginx, type TestNginx } from "../helpers/nginx.js";
import { ensurePostgres, freshPostgresDatabase } from "../helpers/postgres.js";
import { startRedis } from "../helpers/redis.js";
import { ROOT } from "../helpers/server-process.js";

const INSTALL_TIMEOUT = 600_000; // a fresh machine may have to apt-get install the service first

describe("PostgreSQL (scripts/services/postgres.sh, test/helpers/postgres.ts)", () => {
  let adminUrl = "";
  beforeAll(async () => {
    adminUrl = await ensurePostgres();
  }, INSTALL_TIMEOUT);

  it("runs with fsync and synchronous commit on, on loopback", async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      const { rows } = await c.query<{ fsync: string; sc: string; addr: string }>(
        "select current_setting('fsync') as fsync, current_setting('synchronous_commit') as sc, host(inet_server_addr()) as addr",
      );
      expect(rows[0]).toEqual({ fsync: "on", sc: "on", addr: "127.0.0.1" });
    } finally {
      await c.end();
    }
  });

  it("creates a fresh database, stores a row in it and drops it", async () => {
    const db = await freshPostgresDatabase("services_test");
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      const one = await c.query<{ one: number; db: string }>("select 1 as one, current_database() as db");
      expect(one.rows[0]).toEqual({ one: 1, db: db.name });
      await c.query("create table t (id text primary key, n integer not null)");
      await c.query("insert into t (id, n) values ($1, $2)", ["ev-1", 7]);
      // The unique constraint is what makes a duplicate count once (issue #11): a second insert is refused.
      await expect(c.query("insert into t (id, n) values ($1, $2)", ["ev-1", 8])).rejects.toMatchObject({ code: "23505" });
      const rows = await c.query<{ id: string; n: number }>("select id, n from t");
      expect(rows.rows).toEqual([{ id: "ev-1", n: 7 }]);
    } finally {
      await c.end();
    }
    // A connection still open when the test ends (a node not yet stopped) must not block drop().
    const lingering = new pg.Client({ connectionString: db.url });
    await lingering.connect();
    lingering.on("error", () => undefined); // the forced drop terminates it
    await db.drop();
    await lingering.end().catch(() => undefined);

    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const left = await admin.query("select 1 from pg_database where datname = $1", [db.name]);
      expect(left.rowCount).toBe(0);
    } finally {
      await admin.end();
    }
    const gone = new pg.Client({ connectionString: db.url });
    await expect(gone.connect()).rejects.toMatchObject({ code: "3D000" }); // invalid_catalog_name
  });
});

describe("Redis (test/helpers/redis.ts)", () => {
  it("starts a private server without persistence, stores and reads a key, and stops", async () => {
    const redis = await startRedis();
    try {
      const client = createClient({ url: redis.url });
      client.on("error", () => undefined);
      await client.connect();
      try {
        await client.set("hallpulse:probe", "值-1");
        expect(await client.get("hallpulse:probe")).toBe("值-1");
        expect(await client.configGet("save")).toEqual({ save: "" });
        expect(await client.configGet("appendonly")).toEqual({ appendonly: "no" });
        expect(await client.configGet("bind")).toEqual({ bind: "127.0.0.1" });
      } finally {
        client.destroy();
      }
    } finally {
      await redis.stop();
    }
    const after = createClient({ url: redis.url, socket: { reconnectStrategy: false, connectTimeout: 1000 } });
    after.on("error", () => undefined);
    await expect(after.connect()).rejects.toThrow();
  }, INSTALL_TIMEOUT);
});

interface Node {
  name: string;
  port: number;
  server: http.Server;
  io: IoServer;
  /** Headers of the last plain HTTP request it served. */
  lastHeaders: http.IncomingHttpHeaders | null;
}

/** A tiny node: answers its own name over HTTP and greets socket.io clients with it. */
async function startNode(name: string): Promise<Node> {
  const node: Node = { name, port: 0, server: http.createServer(), io: null as unknown as IoServer, lastHeaders: null };
  node.server.on("request", (req, res) => {
    if (req.url?.startsWith("/socket.io/")) return; // socket.io's own handler answers these
    node.lastHeaders = req.headers;
    res.writeHead(200, { "content-type": "text/plain" }).end(name);
  });
  node.io = new IoServer(node.server);
  node.io.on("connection", (socket) => socket.emit("hello", name));
  await new Promise<void>((resolve) => node.server.listen(0, "127.0.0.1", resolve));
  node.port = (node.server.address() as AddressInfo).port;
  return node;
}

async function closeNode(node: Node): Promise<void> {
  if (!node.server.listening) return;
  node.io.disconnectSockets(true);
  await new Promise<void>((resolve) => {
    node.server.close(() => resolve());
    node.server.closeAllConnections(); // nginx's idle keepalive connections too
  });
}

async function whoAnswers(url: string): Promise<string> {
  const res = await fetch(`${url}/who`);
  expect(res.status).toBe(200);
  return res.text();
}

function connectThrough(url: string, transports: ("websocket" | "polling")[]): Promise<{ socket: ClientSocket; hello: string }> {
  return new Promise((resolve, reject) => {
    const socket = ioClient(url, { transports, reconnection: false, timeout: 10_000, forceNew: true });
    socket.once("hello", (hello: string) => resolve({ socket, hello }));
    socket.once("connect_error", (err) => {
      socket.close();
      reject(err);
    });
  });
}

describe("nginx in front of two nodes (deploy/nginx/hallpulse.conf.template, test/helpers/nginx.ts)", () => {
  let a: Node;
  let b: Node;
  let nginx: TestNginx;

  beforeAll(async () => {
    a = await startNode("node-a");
    b = await startNode("node-b");
    nginx = await startNginx({ upstreamPorts: [a.port, b.port] });
  }, INSTALL_TIMEOUT);

  afterAll(async () => {
    await nginx?.stop();
    await Promise.all([a, b].filter(Boolean).map(closeNode));
  });

  let sticky = "";

  it("proxies requests, forwarding Host with its port and the client address", async () => {
    sticky = await whoAnswers(nginx.url);
    expect(["node-a", "node-b"]).toContain(sticky);
    const served = sticky === "node-a" ? a : b;
    expect(served.lastHeaders?.host).toBe(`127.0.0.1:${nginx.port}`); // the nodes compare it with Origin
    expect(served.lastHeaders?.["x-forwarded-for"]).toBe("127.0.0.1");
    expect(served.lastHeaders?.["x-real-ip"]).toBe("127.0.0.1");
  });

  it("keeps the same client address on the same node across 20 requests", async () => {
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await whoAnswers(nginx.url));
    expect(new Set(answers)).toEqual(new Set([sticky]));
  });

  it("passes a socket.io WebSocket upgrade through, and a polling session that upgrades", async () => {
    const ws = await connectThrough(nginx.url, ["websocket"]);
    try {
      expect(ws.hello).toBe(sticky);
      expect(ws.socket.io.engine.transport.name).toBe("websocket");
      // A message both ways over the proxied WebSocket.
      const served = sticky === "node-a" ? a : b;
      const echoed = new Promise<string>((resolve) => ws.socket.once("echo", resolve));
      const [serverSide] = await served.io.fetchSockets();
      serverSide?.emit("echo", "往返");
      expect(await echoed).toBe("往返");
    } finally {
      ws.socket.close();
    }

    // The browser's way: long-polling first (every poll must reach the node holding the sid), then upgrade.
    const polled = await connectThrough(nginx.url, ["polling", "websocket"]);
    try {
      expect(polled.hello).toBe(sticky);
      const engine = polled.socket.io.engine;
      if (engine.transport.name !== "websocket") await new Promise<void>((resolve) => engine.once("upgrade", () => resolve()));
      expect(engine.transport.name).toBe("websocket");
    } finally {
      polled.socket.close();
    }
  });

  it("renders the same config from the shell script as from the TypeScript renderer", () => {
    const shell = execFileSync("bash", ["scripts/services/nginx.sh", "render", "18080", "3001", "10.0.0.2:3002"], {
      cwd: ROOT,
      env: { ...process.env, HALLPULSE_SERVICES_DIR: "/srv/hp", HALLPULSE_NGINX_WORKERS: "auto" },
      encoding: "utf8",
    });
    const ts = renderNginxConfig({ prefix: "/srv/hp/nginx-18080", listen: 18080, upstreams: [3001, "10.0.0.2:3002"], workerProcesses: "auto" });
    expect(shell.trimEnd()).toBe(ts.trimEnd());
    expect(ts).toContain("    server 10.0.0.2:3002 max_fails=1 fail_timeout=10s;\n");
    expect(() => renderNginxConfig({ prefix: "/srv/hp", listen: 18080, upstreams: ["3001; include /etc/passwd"] })).toThrow(/unsafe/);
  });

  it("fails over to the other node when the sticky one is closed", async () => {
    const [down, up] = sticky === "node-a" ? [a, b] : [b, a];
    await closeNode(down);
    expect(await whoAnswers(nginx.url)).toBe(up.name);
    // …and stays there while the closed node is out.
    for (let i = 0; i < 5; i++) expect(await whoAnswers(nginx.url)).toBe(up.name);
    const ws = await connectThrough(nginx.url, ["websocket"]);
    expect(ws.hello).toBe(up.name);
    ws.socket.close();
  });
});
