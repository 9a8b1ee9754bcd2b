// The shared fixture of the ingest-http.*.int.test.ts files, which test POST /api/halls/:hallId/events
// against the real server process. Each file calls setUpIngestServer() and so starts its own server with
// the same empty halls and device tokens; the quarantine reader is shared because results, refusals and
// personal data are all checked against what the server quarantined.
import { afterAll, beforeAll, expect } from "vitest";
import { Api } from "../helpers/api.js";
import { testHall } from "../helpers/hall-fixture.js";
import { ServerProcess } from "../helpers/server-process.js";

export const server = new ServerProcess();
export let admin: Api;
export let device: Api;
export let otherDevice: Api;

import type { QuarantineItem, QuarantineResponse } from "../../contract/index.js";

export type { QuarantineItem };

/** Starts this file's server with the six halls and the device tokens of in-a and in-b; stops and removes it after the file. */
export function setUpIngestServer(): void {
  beforeAll(async () => {
    await server.start();
    admin = new Api(server.url, server.adminToken);
    for (const h of ["in-a", "in-b", "in-dup", "in-pii", "in-limit", "in-order"]) expect((await admin.putHall(h, testHall)).status).toBe(201);
    const created = await admin.createToken({ role: "device", hallId: "in-a" });
    device = admin.as(created.body.token);
    otherDevice = admin.as((await admin.createToken({ role: "device", hallId: "in-b" })).body.token);
  });

  afterAll(async () => {
    await server.stop();
    server.remove();
  });
}

export const iso = (ms: number) => new Date(ms).toISOString();

export async function quarantine(hallId: string): Promise<QuarantineItem[]> {
  const res = await admin.request<QuarantineResponse>("GET", `/api/halls/${hallId}/quarantine`);
  expect(res.status).toBe(200);
  return res.body.items;
}
