// The demo county hall (清溪县政务服务中心) set up on a running HallPulse, shared by `npm run demo` (one
// process, SQLite) and `npm run cluster` (nginx in front of N nodes, issue #11): the hall, its item lists
// with their planted inconsistencies, one token per role, the backfilled history and the live simulated
// day — all through the public API, so the same code works against one node or through nginx.
import fs from "node:fs";
import path from "node:path";
import type { CreatedToken } from "../contract/index.js";
import { backfill } from "../simulator/backfill.js";
import { DEMO_HALL_ID, demoHall, demoSimParams } from "../simulator/demo-hall.js";
import type { IngestClient } from "../simulator/ingest-client.js";
import { runLive } from "../simulator/live-run.js";

export { DEMO_HALL_ID, demoHall } from "../simulator/demo-hall.js";

export interface DemoTokens {
  device: CreatedToken;
  display: CreatedToken;
  manager: CreatedToken;
  staff: CreatedToken;
}

/** Configures the demo hall on the server at `base` with the admin secret; answers a token per role. */
export async function setUpDemoHall(base: string, adminToken: string, root: string): Promise<DemoTokens> {
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
  return { device, display, manager, staff };
}

/** Sends `days` of simulated history ending yesterday through the ingest client, printing progress. */
export async function backfillDemoHall(client: IngestClient, days: number, seed: number): Promise<void> {
  process.stdout.write(`Backfilling ${days} days of history for ${demoHall.name} …\n`);
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: demoHall.timezone }).format(new Date());
  const filled = await backfill({ client, hall: demoHall, hallId: DEMO_HALL_ID, days, endDate: today, seed, params: demoSimParams });
  process.stdout.write(`  ${filled.accepted} events stored in ${(filled.ms / 1000).toFixed(1)} s\n`);
}

/** The lines naming the pages to open (`shown`: the base URL as a person types it). */
export function demoUrlLines(shown: string, tokens: DemoTokens, adminToken: string): string {
  const { device, display, manager, staff } = tokens;
  return `  Wall display (大屏, 1920×1080):  ${shown}/wall/${DEMO_HALL_ID}?token=${display.token}
  Staff console (${staff.windowId}):        ${shown}/staff?token=${staff.token}
  Admin (read-only manager):      ${shown}/admin?token=${manager.token}
  Admin (administrator):          ${shown}/admin?token=${adminToken}
  Live view over the API:         curl -H 'Authorization: Bearer ${display.token}' ${shown}/api/halls/${DEMO_HALL_ID}/load
  Device token (for /ingest):     ${device.token}
`;
}

export interface DemoLiveOptions {
  speed: number;
  seed: number;
  /** Local time of day the simulated day starts at, e.g. "10:00". */
  startAtLocal: string;
  signal: AbortSignal;
}

/** The live simulated day with its planted imbalance, until `signal` aborts. */
export function runDemoLive(client: IngestClient, opts: DemoLiveOptions): Promise<unknown> {
  return runLive({ client, hall: demoHall, hallId: DEMO_HALL_ID, speed: opts.speed, seed: opts.seed, startAtLocal: opts.startAtLocal, signal: opts.signal, params: demoSimParams });
}
