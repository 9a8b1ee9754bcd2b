// `npm run demo`: a fresh demo database, the server, the demo county hall (清溪县政务服务中心) with 90 days
// of history, and a live simulated day with a planted imbalance. Prints the URLs and tokens to open.
//   npm run demo -- [--port 3000] [--speed 1] [--days 90] [--start 10:00] [--seed 7]
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import type { CreatedToken } from "../contract/index.js";
import { readConfig } from "../server/config.js";
import { projectRoot } from "../server/project-root.js";
import { startServer } from "../server/start-server.js";
import { backfill } from "../simulator/backfill.js";
import { DEMO_HALL_ID, demoHall, demoSimParams } from "../simulator/demo-hall.js";
import { IngestClient } from "../simulator/ingest-client.js";
import { runLive } from "../simulator/live-run.js";

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: process.env.PORT ?? "3000" },
    speed: { type: "string", default: "1" },
    days: { type: "string", default: "90" },
    start: { type: "string", default: "10:00" },
    seed: { type: "string", default: "7" },
  },
});

const root = projectRoot();
const dbFile = path.join(root, "data", "demo", "hallpulse-demo.db");
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(dbFile + suffix, { force: true });

const adminToken = `demo-admin-${randomBytes(12).toString("hex")}`;
const config = readConfig({
  ...process.env,
  PORT: args.port,
  DATABASE_URL: `file:${dbFile}`,
  ADMIN_TOKEN: adminToken,
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
});
const server = await startServer(config);
const base = `http://127.0.0.1:${server.port}`;
const shown = `http://localhost:${server.port}`;

async function api<T>(method: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(base + route, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

await api("PUT", `/api/halls/${DEMO_HALL_ID}`, demoHall);
// The online service-item list and the hall's guides, with a handful of planted inconsistencies.
for (const [source, file, type] of [
  ["online", "online-items.json", "application/json"],
  ["hall", "hall-items.csv", "text/csv"],
] as const) {
  const res = await fetch(`${base}/api/halls/${DEMO_HALL_ID}/items/${source}`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": type },
    body: fs.readFileSync(path.join(root, "simulator", "sample-items", file)),
  });
  if (!res.ok) throw new Error(`import ${source} list: ${res.status} ${await res.text()}`);
}
const token = (role: string, windowId?: string) =>
  api<CreatedToken>("POST", "/api/tokens", { role, hallId: DEMO_HALL_ID, ...(windowId ? { windowId } : {}), label: `demo ${role}` });
const device = await token("device");
const display = await token("display");
const manager = await token("manager");
const staff = await token("staff", demoHall.windows[2]?.id ?? "w03");

const client = new IngestClient({ url: base, token: device.token, maxInFlight: 4 });
await client.connect();
const days = Number(args.days);
process.stdout.write(`Backfilling ${days} days of history for ${demoHall.name} …\n`);
const today = new Intl.DateTimeFormat("en-CA", { timeZone: demoHall.timezone }).format(new Date());
const filled = await backfill({ client, hall: demoHall, hallId: DEMO_HALL_ID, days, endDate: today, seed: Number(args.seed), params: demoSimParams });
process.stdout.write(`  ${filled.accepted} events stored in ${(filled.ms / 1000).toFixed(1)} s\n`);

process.stdout.write(`
HallPulse demo — ${demoHall.name}
  Wall display (大屏, 1920×1080):  ${shown}/wall/${DEMO_HALL_ID}?token=${display.token}
  Staff console (${staff.windowId}):        ${shown}/staff?token=${staff.token}
  Admin (read-only manager):      ${shown}/admin?token=${manager.token}
  Admin (administrator):          ${shown}/admin?token=${adminToken}
  Live view over the API:         curl -H 'Authorization: Bearer ${display.token}' ${shown}/api/halls/${DEMO_HALL_ID}/load
  Device token (for /ingest):     ${device.token}

Live simulation at ${args.speed}× speed from ${args.start}: 不动产登记 runs hot, 卫生健康局 sits cold. Ctrl-C stops.
`);

const abort = new AbortController();
let stopping = false;
process.on("SIGINT", () => {
  if (stopping) process.exit(1);
  stopping = true;
  abort.abort();
});
await runLive({
  client,
  hall: demoHall,
  hallId: DEMO_HALL_ID,
  speed: Number(args.speed),
  seed: Number(args.seed),
  startAtLocal: args.start,
  signal: abort.signal,
  params: demoSimParams,
});
client.close();
await server.stop();
process.stdout.write("Demo stopped.\n");
process.exit(0);
