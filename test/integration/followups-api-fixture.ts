// The shared fixture of the followups-api.*.int.test.ts files, which test the 好差评 follow-up routes
// (/api/halls/:hallId/followups…) against the real server process. Each file calls setUpFollowupsServer()
// and so starts its own server with the same four halls (MAIN with the default 15 working days, FIVE and
// SIXTY with their own `followUp.deadlineWorkingDays`, OTHER for another hall's manager) and role tokens;
// the helpers below send poor evaluations and list, move and report cases.
import { afterAll, beforeAll, expect } from "vitest";
import type { ErrorBody, FollowUpCase, FollowUpReport, HallConfig } from "../../contract/index.js";
import { Api, type ApiResponse } from "../helpers/api.js";
import type { DisplayClient } from "../helpers/display-client.js";
import { testHall } from "../helpers/hall-fixture.js";
import { ServerProcess } from "../helpers/server-process.js";

export const MAIN = "fu-main";
export const FIVE = "fu-five";
export const SIXTY = "fu-sixty";
export const OTHER = "fu-other";

export const server = new ServerProcess();
export let admin: Api;
export const tok = {} as Record<"device" | "manager" | "hallAdmin" | "staff" | "display" | "otherManager" | "fiveDevice" | "sixtyDevice", string>;
/** Wall clients opened by the tests; closed after the file. */
export const displays: DisplayClient[] = [];

let n = 0;
/** A ticket issued to `windowId`'s category and its evaluation: [ticket.issued, evaluation.submitted]. */
export function evaluation(hallId: string, opts: { ticketNo: string; windowId: string; rating: number; ts: string; itemCode?: string }) {
  n += 1;
  const ticketId = `T-${hallId}-${n}`;
  const categoryId = testHall.windows.find((w) => w.id === opts.windowId)?.categories[0] ?? "social";
  const issuedAt = new Date(Date.parse(opts.ts) - 30 * 60_000).toISOString();
  return [
    { id: `iss-${n}`, hallId, ts: issuedAt, type: "ticket.issued", ticketId, ticketNo: opts.ticketNo, categoryId, channel: "kiosk", ...(opts.itemCode ? { itemCode: opts.itemCode } : {}) },
    { id: `eva-${n}`, hallId, ts: opts.ts, type: "evaluation.submitted", ticketId, windowId: opts.windowId, rating: opts.rating },
  ];
}

export async function post(hallId: string, token: string, events: unknown[]): Promise<string[]> {
  const res = await admin.as(token).postEvents(hallId, events);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.results.map((r) => r.status);
}

export function list(hallId: string, query = "", api: Api = admin.as(tok.manager)): Promise<ApiResponse<{ cases: FollowUpCase[] }>> {
  return api.request<{ cases: FollowUpCase[] }>("GET", `/api/halls/${hallId}/followups${query}`);
}

export function move(hallId: string, id: number, body: unknown, api: Api = admin.as(tok.manager)): Promise<ApiResponse<FollowUpCase & ErrorBody>> {
  return api.request<FollowUpCase & ErrorBody>("POST", `/api/halls/${hallId}/followups/${id}/transition`, body);
}

export function report(hallId: string, api: Api = admin.as(tok.manager)): Promise<ApiResponse<FollowUpReport>> {
  return api.request<FollowUpReport>("GET", `/api/halls/${hallId}/followups/report`);
}

/** Polls the list until `done` holds (cases open shortly after the evaluation is accepted). */
export async function eventually(hallId: string, done: (cases: FollowUpCase[]) => boolean, what: string, timeoutMs = 5000): Promise<FollowUpCase[]> {
  const deadline = Date.now() + timeoutMs;
  let last: FollowUpCase[] = [];
  while (Date.now() < deadline) {
    const res = await list(hallId, "", admin);
    expect(res.status).toBe(200);
    last = res.body.cases;
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last.map((c) => [c.ticketNo, c.state]))}`);
}

export const byTicket = (cases: readonly FollowUpCase[], ticketNo: string) => {
  const c = cases.find((x) => x.ticketNo === ticketNo);
  if (!c) throw new Error(`no case for ${ticketNo} in ${JSON.stringify(cases.map((x) => x.ticketNo))}`);
  return c;
};

/** Starts this file's server with the halls and tokens above; closes the wall clients and stops and removes the server after the file. */
export function setUpFollowupsServer(): void {
  beforeAll(async () => {
    await server.start();
    admin = new Api(server.url, server.adminToken);
    const halls: [string, HallConfig][] = [
      [MAIN, testHall],
      [FIVE, { ...testHall, followUp: { deadlineWorkingDays: 5 } }],
      [SIXTY, { ...testHall, followUp: { deadlineWorkingDays: 60 } }],
      [OTHER, testHall],
    ];
    for (const [id, hall] of halls) expect((await admin.putHall(id, hall)).status).toBe(201);
    const make = async (role: string, hallId: string, windowId?: string) => {
      const res = await admin.createToken({ role, hallId, ...(windowId ? { windowId } : {}) });
      expect(res.status).toBe(201);
      return res.body.token;
    };
    tok.device = await make("device", MAIN);
    tok.manager = await make("manager", MAIN);
    tok.hallAdmin = await make("admin", MAIN);
    tok.staff = await make("staff", MAIN, "w1");
    tok.display = await make("display", MAIN);
    tok.otherManager = await make("manager", OTHER);
    tok.fiveDevice = await make("device", FIVE);
    tok.sixtyDevice = await make("device", SIXTY);
  });

  afterAll(async () => {
    for (const d of displays) d.close();
    await server.stop();
    server.remove();
  });
}
