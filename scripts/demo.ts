// `npm run demo`: a fresh demo database, the server, the demo county hall (清溪县政务服务中心) with 90 days
// of history, and a live simulated day with a planted imbalance. Prints the URLs and tokens to open.
//   npm run demo -- [--port 3000] [--speed 1] [--days 90] [--start 10:00] [--seed 7]
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import { readConfig } from "../server/config.js";
import { projectRoot } from "../server/project-root.js";
import { startServer } from "../server/start-server.js";
import { demoHall } from "../simulator/demo-hall.js";
import { IngestClient } from "../simulator/ingest-client.js";
import { backfillDemoHall, demoUrlLines, runDemoLive, setUpDemoHall } from "./demo-setup.js";

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

// The hall, its item lists and a token per role: shared with `npm run cluster` (scripts/demo-setup.ts).
const tokens = await setUpDemoHall(base, adminToken, root);
const { device } = tokens;

const client = new IngestClient({ url: base, token: device.token, maxInFlight: 4 });
await client.connect();
const days = Number(args.days);
await backfillDemoHall(client, days, Number(args.seed));

process.stdout.write(`
HallPulse demo — ${demoHall.name}
${demoUrlLines(shown, tokens, adminToken)}
Live simulation at ${args.speed}× speed from ${args.start}: 不动产登记 runs hot, 卫生健康局 sits cold. Ctrl-C stops.
`);

const abort = new AbortController();
let stopping = false;
process.on("SIGINT", () => {
  if (stopping) process.exit(1);
  stopping = true;
  abort.abort();
});
await runDemoLive(client, { speed: Number(args.speed), seed: Number(args.seed), startAtLocal: args.start, signal: abort.signal });
client.close();
await server.stop();
process.stdout.write("Demo stopped.\n");
process.exit(0);
