// The server a fuzz run drives and what it sets up there: the fuzz halls, the admin, device and staff
// tokens, and the event context (windows, categories, id pools) generated inputs are made for.
import { randomBytes } from "node:crypto";
import type { HallConfig } from "../../contract/index.js";
import { Api } from "../helpers/api.js";
import { ServerProcess } from "../helpers/server-process.js";
import type { EventContext } from "./arb-events.js";

export const FUZZ_HALL = "fz-hall";
export const ITEMS_HALL = "fz-items";

export const fuzzHall: HallConfig = {
  name: "模糊测试大厅",
  timezone: "Asia/Shanghai",
  categories: [
    { id: "c1", name: "社会保险", itemCodes: ["FZ-0000", "FZ-0001"] },
    { id: "c2", name: "不动产登记", itemCodes: ["FZ-0002"] },
    { id: "c3", name: "综合", itemCodes: [] },
  ],
  windows: [
    { id: "w1", name: "1号窗口", department: "人社局", categories: ["c1"] },
    { id: "w2", name: "2号窗口", department: "人社局", categories: ["c1", "c3"] },
    { id: "w3", name: "3号窗口", department: "自然资源局", categories: ["c2"] },
    { id: "w4", name: "4号综合窗口", department: "行政审批服务局", categories: ["c1", "c2", "c3"], comprehensive: true },
  ],
  targets: { waitMinutes: 20 },
};

export interface FuzzSession {
  server: ServerProcess;
  admin: Api;
  adminToken: string;
  deviceToken: string;
  staffTokens: Record<string, string>;
}

/** Starts the server with debug logs and sets up the halls and tokens the fuzzers use. */
export async function startFuzzSession(logLevel = "debug"): Promise<FuzzSession> {
  const adminToken = `hp_${randomBytes(32).toString("base64url")}`;
  // Rate limits are off: this run is about what inputs do, not how many (the limits have their own tests).
  const off = { RATE_INGEST: "off", RATE_STAFF: "off", RATE_DISPLAY: "off", RATE_HTTP_TOKEN: "off", RATE_AUTH_FAILURES: "off" };
  const server = new ServerProcess({ adminToken, env: { LOG_LEVEL: logLevel, ...off } });
  await server.start();
  const admin = new Api(server.url, adminToken);
  for (const hallId of [FUZZ_HALL, ITEMS_HALL]) {
    const res = await admin.putHall(hallId, fuzzHall);
    if (res.status !== 201 && res.status !== 200) throw new Error(`cannot create ${hallId}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const device = await admin.createToken({ role: "device", hallId: FUZZ_HALL });
  const staffTokens: Record<string, string> = {};
  for (const w of ["w1", "w2", "w3"]) staffTokens[w] = (await admin.createToken({ role: "staff", hallId: FUZZ_HALL, windowId: w })).body.token;
  return { server, admin, adminToken, deviceToken: device.body.token, staffTokens };
}

export const context = (prefix: string, pool: number): EventContext => ({
  hallId: FUZZ_HALL,
  windows: fuzzHall.windows.map((w) => w.id),
  categories: fuzzHall.categories.map((c) => c.id),
  itemCodes: ["FZ-0000", "FZ-0001", "FZ-0002", "SB-404"],
  nowMs: Date.now(),
  idPrefix: prefix,
  idPool: pool,
  ticketPool: 400,
});
