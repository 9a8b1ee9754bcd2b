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
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import { parseArgs } from "node:util";
import pg from "pg";
import type { CreatedToken } from "../contract/index.js";
import { applyPostgresMigrations } from "../server/adapters/postgres/migrations.js";
import { projectRoot } from "../server/project-root.js";
import { IngestClient } from "../simulator/ingest-client.js";
import { DEMO_HALL_ID, backfillDemoHall, demoHall, demoUrlLines, runDemoLive, setUpDemoHall } from "./demo-setup.js";

const DATABASE = "hallpulse_cluster";

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
const servicesDir = process.env.HALLPULSE_SERVICES_DIR ?? "/tmp/hallpulse-services";
/** What a running cluster started, so that `--stop` can end it after the script itself was killed. */
const stateFile = path.join(servicesDir, "cluster.json");

interface ClusterState {
  nginxPort: number;
  nodePids: number[];
}

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** Runs scripts/services/<name>.sh; its progress (stderr) shows, its answer (stdout's last line) is returned. */
function service(name: "postgres" | "redis" | "nginx", serviceArgs: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [path.join(root, "scripts", "services", `${name}.sh`), ...serviceArgs], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code === 0) resolve(out.trim().split("\n").at(-1) ?? "");
      else reject(new Error(`scripts/services/${name}.sh ${serviceArgs.join(" ")} exited with ${code}`));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True when `pid` is still one of our nodes (a pid from an old state file may belong to something else by now). */
function isHallPulseNode(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("server/main.ts");
  } catch {
    return false;
  }
}

async function waitGone(pids: number[], ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

function readState(): ClusterState | null {
  try {
    return JSON.parse(fs.readFileSync(stateFile, "utf8")) as ClusterState;
  } catch {
    return null;
  }
}

/** `--stop`: ends the leftovers of a run that could not clean up (killed with SIGKILL, a closed terminal). */
async function stopLeftovers(): Promise<void> {
  const state = readState();
  if (state) {
    await service("nginx", ["stop", String(state.nginxPort)]).catch((err: Error) => say(err.message));
    const nodes = state.nodePids.filter((pid) => alive(pid) && isHallPulseNode(pid));
    for (const pid of nodes) process.kill(pid, "SIGTERM");
    await waitGone(nodes, 10_000);
    for (const pid of nodes.filter(alive)) process.kill(pid, "SIGKILL");
    if (nodes.length > 0) say(`stopped ${nodes.length} node(s)`);
    fs.rmSync(stateFile, { force: true });
  } else {
    say(`no running cluster recorded in ${stateFile}`);
  }
  await service("redis", ["stop"]).catch((err: Error) => say(err.message));
  say("PostgreSQL keeps running (bash scripts/services/postgres.sh stop stops it).");
}

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
const databaseUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${DATABASE}`;
  return u.toString();
})();
{
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // The name is a constant of ours: quoting it as an identifier is enough (DDL takes no parameters).
    if (!args.keep) {
      await client.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
      say(`a fresh database ${DATABASE} (--keep reuses the last one)`);
    }
    const exists = await client.query(`select 1 from pg_database where datname = $1`, [DATABASE]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE "${DATABASE}" TEMPLATE template0 ENCODING 'UTF8'`);
      say(`created database ${DATABASE} (owner hallpulse)`);
    }
  } finally {
    await client.end();
  }
}
// Once here, so that N nodes starting together do not queue on the migration lock in their start budget.
const applied = await applyPostgresMigrations(databaseUrl, root);
say(applied.length > 0 ? `applied migrations: ${applied.join(", ")}` : "migrations up to date");
{
  // Every live run simulates today under its own event ids: a second run on the same database adds a
  // second simulated day on top of the first (windows then show more than 100 % busy).
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const held = Number((await client.query<{ n: string }>(`select count(*) as n from "Event"`)).rows[0]?.n ?? 0);
    if (held > 0) say(`note: ${DATABASE} already holds ${held} events from an earlier run; today's simulation adds to them (run without --keep to start over)`);
  } finally {
    await client.end();
  }
}

// ---- Redis ----
say("== Redis ==");
const redisUrl = await service("redis", ["start"]);

// ---- The nodes ----
const adminToken = `cluster-admin-${randomBytes(12).toString("hex")}`;
interface Node {
  name: string;
  port: number;
  child: ChildProcess;
}
const nodes: Node[] = [];

function prefixLines(stream: NodeJS.ReadableStream | null, name: string): void {
  if (!stream) return;
  readline.createInterface({ input: stream }).on("line", (line) => process.stdout.write(`[${name}] ${line}\n`));
}

function writeState(): void {
  fs.mkdirSync(servicesDir, { recursive: true });
  const state: ClusterState = { nginxPort, nodePids: nodes.map((n) => n.child.pid).filter((p): p is number => p !== undefined) };
  fs.writeFileSync(stateFile, JSON.stringify(state));
}

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
  fs.rmSync(stateFile, { force: true });
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

async function startNode(index: number): Promise<Node> {
  const name = `node${index + 1}`;
  const port = await freePort();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    // nginx runs on this host: the client's address comes from its X-Forwarded-For (server/config.ts).
    TRUST_PROXY: "loopback",
    ADMIN_TOKEN: adminToken,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  };
  // detached: its own process group, so that Ctrl-C in the terminal reaches this script only and the
  // nodes stop after nginx (no request lands on a node that is already going away).
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  prefixLines(child.stdout, name);
  prefixLines(child.stderr, name);
  const node = { name, port, child };
  nodes.push(node);
  writeState();
  child.once("exit", (code, signal) => {
    if (!stopping) say(`[${name}] exited (${signal ?? code}); nginx sends its clients to the other node(s)`);
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} while starting`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200) return node;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} not healthy on port ${port} after 60 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

try {
  say(`== ${nodeCount} HallPulse node(s) ==`);
  await Promise.all(Array.from({ length: nodeCount }, (_, i) => startNode(i)));
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
