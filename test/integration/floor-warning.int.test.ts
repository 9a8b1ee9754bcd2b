// Early warnings end to end (issue #9) against the real server process and its SQLite file: three halls
// with the same layout. Two get four past same weekdays of steady history (events with past timestamps,
// folded into rollups by the worker); then today one has a surge of 社会保险 tickets in the last quarter
// hour and the other a steady day like its history. The surge is warned on a real /display client —
// category, expected breach time after now, predicted wait over the target, the cold comprehensive window
// 5号窗口 as helper — and on GET …/forecast; the steady hall and a third hall with the surge but no history
// raise no warning. The hall's time zone puts the test's "now" near local noon, so a day never wraps.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ForecastResponse, LiveFloor } from "../../contract/index.js";
import { Api } from "../helpers/api.js";
import { connectDisplay, type DisplayClient } from "../helpers/display-client.js";
import { forecastDayEvents, forecastHall, forecastHistory, rollupsSettled, sendAll } from "../helpers/forecast-fixture.js";
import { ServerProcess } from "../helpers/server-process.js";

/**
 * The server recomputes warnings every WARNING_REFRESH_MS (30 s by default; 2 s here to keep the test
 * short); with the floor section's 5 s and a flush on top, a fresh warning shows within ~7 s: allow twice.
 */
const WARNING_REFRESH_MS = 2000;
const WARNING_DEADLINE_MS = 15_000;

const T0 = Date.now();
const hall = forecastHall(T0);
const SURGE = "fc-surge";
const STEADY = "fc-steady";
const NEW = "fc-new";

const server = new ServerProcess({ env: { WARNING_REFRESH_MS: String(WARNING_REFRESH_MS) } });
let admin: Api;
const displayTokens: Record<string, string> = {};
const clients: DisplayClient[] = [];

async function forecast(hallId: string): Promise<ForecastResponse> {
  const res = await admin.request<ForecastResponse>("GET", `/api/halls/${hallId}/forecast`);
  expect(res.status).toBe(200);
  return res.body;
}

async function display(hallId: string): Promise<DisplayClient> {
  const c = await connectDisplay({ url: server.url, token: displayTokens[hallId] as string, hallId });
  clients.push(c);
  return c;
}

const warningsOf = (c: DisplayClient): LiveFloor["warnings"] => c.view?.floor?.warnings ?? [];

beforeAll(async () => {
  await server.start();
  admin = new Api(server.url, server.adminToken);
  for (const id of [SURGE, STEADY, NEW]) {
    expect((await admin.putHall(id, hall)).status).toBe(201);
    const res = await admin.createToken({ role: "display", hallId: id });
    expect(res.status).toBe(201);
    displayTokens[id] = res.body.token;
  }
  // Four past same weekdays at the same local times, steady like an ordinary day, for two of the halls.
  for (const id of [SURGE, STEADY]) await sendAll(admin, id, forecastHistory(hall, id, T0));
  await rollupsSettled(admin, SURGE);
  await rollupsSettled(admin, STEADY);
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
  server.remove();
});

describe("early warnings on /display", () => {
  it("warn of today's surge before the target breaks, naming the helper window; a steady day and a hall without history stay quiet", async () => {
    const surge = await display(SURGE);
    const steady = await display(STEADY);
    const fresh = await display(NEW);
    const now = Date.now();
    await sendAll(admin, SURGE, forecastDayEvents(hall, SURGE, now, "today", true, now));
    await sendAll(admin, STEADY, forecastDayEvents(hall, STEADY, now, "today", false, now));
    await sendAll(admin, NEW, forecastDayEvents(hall, NEW, now, "today", true, now));

    await surge.waitFor((c) => warningsOf(c).length > 0, WARNING_DEADLINE_MS, "a warning on the surge hall's display");
    const w = warningsOf(surge)[0];
    expect(w?.categoryId).toBe("social");
    expect(w?.targetMinutes).toBe(20);
    expect(w?.predictedWaitMinutes).toBeGreaterThan(20);
    expect(w?.helperWindowId).toBe("w5");
    expect(w?.openWindows).toEqual(["w1", "w2"]);
    // Before it happens: the breach is expected after now (nobody has waited 20 minutes yet).
    expect(Date.parse(w?.expectedBreachAt as string)).toBeGreaterThan(Date.now());
    expect(w?.forecastArrivals?.expected).toBeGreaterThan(0);

    // Let every hall's warnings be recomputed at least once over today's events, then look again.
    await new Promise((r) => setTimeout(r, Math.max(0, now + WARNING_DEADLINE_MS - Date.now())));
    expect(warningsOf(steady)).toEqual([]);
    expect(warningsOf(fresh)).toEqual([]);
    expect(steady.view?.floor?.waits.length).toBe(2);

    // The admin forecast: the same warning, the surge visible in today's factor, history of 4 weekdays.
    const f = await forecast(SURGE);
    expect(f.historyDays).toBe(4);
    expect(f.warnings.map((x) => x.categoryId)).toEqual(["social"]);
    const social = f.categories.find((c) => c.categoryId === "social");
    expect(social?.status).toBe("ok");
    expect(social?.factor).toBeGreaterThan(1);
    expect(social?.slots.filter((s) => s.forecast !== null).length).toBeGreaterThanOrEqual(4);
    expect(social?.slots.some((s) => (s.today ?? 0) > 0)).toBe(true);
    const calm = await forecast(STEADY);
    expect(calm.historyDays).toBe(4);
    expect(calm.warnings).toEqual([]);
    const none = await forecast(NEW);
    expect(none.historyDays).toBe(0);
    expect(none.categories.every((c) => c.status === "no-history" && c.slots.every((s) => s.forecast === null))).toBe(true);
    expect(none.warnings).toEqual([]);
  }, 120_000);
});
