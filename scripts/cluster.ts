// `npm run cluster`: the reference deployment of issue #11 on this machine, in one command — PostgreSQL
// and Redis from Debian's packages (scripts/services/*.sh), N HallPulse nodes, nginx in front of them,
// then the demo county hall set up, backfilled and simulated live THROUGH nginx. docs/deploy.md explains
// the layout and how to run the same on real servers.
//   npm run cluster -- [--nodes 2] [--port 8080] [--speed 1] [--days 14] [--start 10:00] [--seed 7] [--keep]
//   npm run cluster -- --stop        stops what a killed run left behind (nginx, nodes, Redis)
// Ctrl-C / SIGTERM stops nginx, the nodes and Redis; PostgreSQL keeps running (its data is the point of
// it; `bash scripts/services/postgres.sh stop` stops it).
// The nodes run from the sources (`node --import tsx server/main.ts`, as the tests run them): dist/ is
// built only by `npm run build` and may be older than the sources; a real server runs the build.
// The pieces: scripts/cluster-services.ts (service scripts, processes), cluster-state.ts (what --stop
// ends), cluster-database.ts (the database) and cluster-nodes.ts (one node).
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import type { CreatedToken } from "../contract/index.js";
import { projectRoot } from "../server/project-root.js";
import { IngestClient } from "../simulator/ingest-client.js";
import { DATABASE, prepareClusterDatabase } from "./cluster-database.js";
import { startNode, type ClusterNode } from "./cluster-nodes.js";
import { alive, isHallPulseNode, say, service, waitGone } from "./cluster-services.js";
import { readState, removeState, stopLeftovers, writeState } from "./cluster-state.js";
import { DEMO_HALL_ID, backfillDemoHall, demoHall, demoUrlLines, runDemoLive, setUpDemoHall } from "./demo-setup.js";

const { values: args } = parseArgs({
  options: {
    nodes: { type: "string", default: "2" },
    port: { type: "string", default: "8080" },
    speed: { type: "string", default: "1" },
    days: { type: "string", default: "14" },
    start: { type: "string", default: "10:00" },
    seed: { type: "string", default: "7" },
    // Like the demo, every run starts from a fresh database (a second simulated day on top of the first
    // would show windows more than 100 % busy); --keep reuses it.
    keep: { type: "boolean", default: false },
    stop: { type: "boolean", default: false },
  },
});

const root = projectRoot();

if (args.stop) {
  await stopLeftovers();
  process.exit(0);
}

const nodeCount = Number(args.nodes);
const nginxPort = Number(args.port);
if (!Number.isInteger(nodeCount) || nodeCount < 1 || nodeCount > 16) throw new Error(`--nodes must be 1…16, got ${args.nodes}`);
if (!Number.isInteger(nginxPort) || nginxPort < 1 || nginxPort > 65535) throw new Error(`--port must be a port, got ${args.port}`);
const previous = readState();
if (previous && previous.nodePids.some((pid) => alive(pid) && isHallPulseNode(pid))) {
  say(`A cluster is already running (nginx on port ${previous.nginxPort}); stop it first: npm run cluster -- --stop`);
  process.exit(1);
}

// ---- PostgreSQL: the cluster's database, owned by the role hallpulse ----
say("== PostgreSQL ==");
const adminUrl = await service("postgres", ["start"]);
const databaseUrl = await prepareClusterDatabase(adminUrl, args.keep);

// ---- Redis ----
say("== Redis ==");
const redisUrl = await service("redis", ["start"]);

// ---- The nodes ----
const adminToken = `cluster-admin-${randomBytes(12).toString("hex")}`;
const nodes: ClusterNode[] = [];

let stopping = false;
let nginxStarted = false;
let client: IngestClient | null = null;
const abort = new AbortController();

async function shutdown(code: number): Promise<never> {
  stopping = true;
  abort.abort();
  client?.close();
  say("\n== stopping the cluster ==");
  if (nginxStarted) await service("nginx", ["stop", String(nginxPort)]).catch((err: Error) => say(err.message));
  const running = nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null);
  for (const n of running) n.child.kill("SIGTERM");
  await waitGone(running.map((n) => n.child.pid as number), 10_000);
  for (const n of running) if (n.child.exitCode === null && n.child.signalCode === null) n.child.kill("SIGKILL");
  await service("redis", ["stop"]).catch((err: Error) => say(err.message));
  removeState();
  say(`Cluster stopped. PostgreSQL keeps running with database ${DATABASE} (bash scripts/services/postgres.sh stop stops it).`);
  process.exit(code);
}

let stopAskedAt = 0;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    // Ctrl-C reaches this process twice (from the terminal and relayed by tsx): only a second Ctrl-C
    // given later forces an exit without cleaning up.
    if (stopping) {
      if (Date.now() - stopAskedAt > 2000) process.exit(1);
      return;
    }
    stopAskedAt = Date.now();
    void shutdown(0);
  });
}

const nodeSettings = { databaseUrl, redisUrl, adminToken };
const nodeHooks = {
  spawned(node: ClusterNode): void {
    nodes.push(node);
    writeState({ nginxPort, nodePids: nodes.map((n) => n.child.pid).filter((p): p is number => p !== undefined) });
  },
  stopping: () => stopping,
};

try {
  say(`== ${nodeCount} HallPulse node(s) ==`);
  await Promise.all(Array.from({ length: nodeCount }, (_, i) => startNode(i, nodeSettings, nodeHooks)));
  for (const n of nodes) say(`${n.name}: http://127.0.0.1:${n.port} (pid ${n.child.pid})`);

  say("== nginx ==");
  nginxStarted = true;
  const front = await service("nginx", ["start", String(nginxPort), ...nodes.map((n) => String(n.port))]);

  // ---- The demo hall, through nginx like every client of a real deployment ----
  const tokens = await setUpDemoHall(front, adminToken, root);
  const overseer = await (async () => {
    const res = await fetch(`${front}/api/tokens`, {
      method: "POST",
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ role: "overseer", label: "cluster overseer" }),
    });
    if (!res.ok) throw new Error(`overseer token: ${res.status} ${await res.text()}`);
    return (await res.json()) as CreatedToken;
  })();
  client = new IngestClient({ url: front, token: tokens.device.token, maxInFlight: 4 });
  await client.connect();
  await backfillDemoHall(client, Number(args.days), Number(args.seed));
  if (stopping) await new Promise(() => undefined);

  const shown = `http://localhost:${nginxPort}`;
  say(`
HallPulse cluster — ${demoHall.name}: nginx ${shown} → ${nodes.map((n) => `${n.name} :${n.port}`).join(", ")}
  PostgreSQL: ${databaseUrl.replace(/:[^:@/]+@/, ":***@")}   Redis: ${redisUrl}
${demoUrlLines(shown, tokens, adminToken)}  Province overview (总览):        ${shown}/overview?token=${overseer.token}

nginx keeps a client on one node by its address (every browser on this machine is 127.0.0.1, so all
land on the same node); kill that node (kill -9 <pid>) to watch the wall fail over to another.
Live simulation at ${args.speed}× speed from ${args.start} (hall ${DEMO_HALL_ID}). Ctrl-C stops the cluster.
`);
  await runDemoLive(client, { speed: Number(args.speed), seed: Number(args.seed), startAtLocal: args.start, signal: abort.signal });
  if (!stopping) await shutdown(0);
} catch (err) {
  if (!stopping) {
    say(`cluster: ${(err as Error).message}`);
    await shutdown(1);
  }
}
