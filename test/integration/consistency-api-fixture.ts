// The shared fixture of the consistency-api.*.int.test.ts files, which test online↔hall consistency over
// HTTP against the real server process. Each file calls setUpConsistencyServer() and so starts its own
// server with the demo hall holding the sample lists (simulator/sample-items, online and hall), a second
// demo hall without lists and the role tokens; the helpers below upload lists and read …/consistency,
// polling because the checks re-run shortly after an import or change.
import fs from "node:fs";
import { afterAll, beforeAll, expect } from "vitest";
import type { ConsistencyReport, Finding } from "../../contract/index.js";
import { demoHall } from "../../simulator/demo-hall.js";
import { Api, type ApiResponse } from "../helpers/api.js";
import { issueRoleTokens, type RoleTokens } from "../helpers/role-tokens.js";
import { ServerProcess } from "../helpers/server-process.js";

export const sample = (name: string) => fs.readFileSync(new URL(`../../simulator/sample-items/${name}`, import.meta.url));

/** Item codes of the findings the sample lists plant in the demo hall (README.md). */
export const OFFLINE_ONLY = "330399-GG-0804";
export const NOT_SERVED = "330399-QR-0607";
export const DAYS_DIFFER = "330399-QR-0402";
export const EXTRA_MATERIAL = "330399-JF-0502";
export const LATE = "330399-JF-0303";
export const UNPUBLISHED = "330399-XK-0115";

export const server = new ServerProcess();
export let admin: Api;
export const tok: RoleTokens = {} as RoleTokens;

export const DEMO = "cons-demo";
export const OTHER = "cons-other";

export interface CalendarBody {
  officialYears: number[];
  adminYears: { year: number; holidays: string[]; workdays: string[] }[];
}

export interface HistoryBody {
  since: string;
  findings: { rule: string; firstSeen: string; closedAt: string | null }[];
}

export const sortKey = (f: Finding) => [f.rule, f.itemCode ?? "", typeof f.evidence.source === "string" ? f.evidence.source : ""].filter((x) => x !== "").join("|");

export async function upload(hallId: string, source: "online" | "hall", bytes: Uint8Array, contentType: string): Promise<void> {
  const res = await fetch(`${server.url}/api/halls/${hallId}/items/${source}`, {
    method: "POST",
    headers: { authorization: `Bearer ${server.adminToken}`, "content-type": contentType },
    body: bytes,
  });
  const text = await res.text();
  expect(res.status, text).toBe(201);
}

export function consistency(hallId: string, query = "", api: Api = admin): Promise<ApiResponse<ConsistencyReport>> {
  return api.request<ConsistencyReport>("GET", `/api/halls/${hallId}/consistency${query}`);
}

/** Polls GET …/consistency until `done` holds (the checks re-run shortly after an import or change). */
export async function eventually(hallId: string, done: (r: ConsistencyReport) => boolean, what: string, query = "", timeoutMs = 5000): Promise<ConsistencyReport> {
  const deadline = Date.now() + timeoutMs;
  let last: ConsistencyReport | null = null;
  while (Date.now() < deadline) {
    const res = await consistency(hallId, query);
    expect(res.status).toBe(200);
    last = res.body;
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}; last report: ${JSON.stringify(last?.findings.map(sortKey))}`);
}

/** Starts this file's server with the two halls, the tokens above and the demo hall's sample lists; stops and removes it after the file. */
export function setUpConsistencyServer(): void {
  beforeAll(async () => {
    await server.start();
    admin = new Api(server.url, server.adminToken);
    expect((await admin.putHall(DEMO, demoHall)).status).toBe(201);
    expect((await admin.putHall(OTHER, demoHall)).status).toBe(201);
    Object.assign(tok, await issueRoleTokens(admin, DEMO, OTHER));
    await upload(DEMO, "online", sample("online-items.json"), "application/json");
    await upload(DEMO, "hall", sample("hall-items.csv"), "text/csv");
  });

  afterAll(async () => {
    await server.stop();
    server.remove();
  });
}
