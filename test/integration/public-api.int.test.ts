// The public page's API and the open data (issue #10) against the real server process and its SQLite
// file: only opted-in halls answer (an opted-out hall is the same 404 as an unknown one); the live view
// shows categories with the bands of the admin's live view; a ticket lookup gives only its own place;
// no answer carries a ticket id, a case reference, a staff id or a window; the open data equals the
// history API for the same days, with small cells suppressed; the per-client budget answers 429.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HistoryResponse, LoadView } from "../../contract/index.js";
import type { OpenDataDaily, PublicHallView, PublicTicket } from "../../contract/public.js";
import { Api } from "../helpers/api.js";
import { ServerProcess } from "../helpers/server-process.js";
import { BIG_DAY, DISABLED, hall, liveEvents, OFF, PUB, publicHall, SECRET_CASE, SECRET_STAFF, servedDay, SMALL_DAY, tid, TODAY, ZONE, addDays } from "./public-api-fixture.js";

const RATE = 400;
const server = new ServerProcess({ env: { RATE_PUBLIC: `${RATE}/60s` } });
let admin: Api;
let anon: Api;

const get = <T>(path: string) => anon.request<T>("GET", path);
const texts: string[] = [];
/** Every public answer is kept for the privacy scan. */
async function publicGet<T>(path: string) {
  const res = await fetch(`${server.url}${path}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  texts.push(text);
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as T };
}

async function settleRollups(): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const s = await admin.request<{ pendingDays: number }>("GET", `/api/halls/${PUB}/history/status`);
    if (s.body.pendingDays === 0) return;
    if (Date.now() > deadline) throw new Error(`rollups not settled: ${JSON.stringify(s.body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  await server.start();
  admin = new Api(server.url, server.adminToken);
  anon = admin.as(null);
  expect((await admin.putHall(PUB, publicHall)).status).toBe(201);
  expect((await admin.putHall(OFF, hall)).status).toBe(201);
  expect((await admin.putHall(DISABLED, { ...hall, public: { enabled: false, licence: "CC0" } })).status).toBe(201);
  for (const events of [servedDay(SMALL_DAY, { social: 8, estate: 2, tax: 9 }), servedDay(BIG_DAY, { social: 6, estate: 5, tax: 7 }), liveEvents()]) {
    const res = await admin.postEvents(PUB, events.map((e) => ({ hallId: PUB, ...e })));
    expect(res.status).toBe(200);
    expect(res.body.results.filter((r) => r.status !== "accepted")).toEqual([]);
  }
  await settleRollups();
  // The public view follows the published live view (coalesced ≤ 250 ms, reused ≤ 1 s): on a loaded
  // machine the first publication after the live events can come a moment after their ack.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const res = await anon.request<PublicHallView>("GET", `/api/public/halls/${PUB}`);
    if (res.body.categories?.find((c) => c.categoryId === "social")?.waiting === 4) break;
    if (Date.now() > deadline) throw new Error(`the live events never reached the public view: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 120_000);

afterAll(async () => {
  await server.stop();
  server.remove();
});

describe("only halls that opted in are public", () => {
  it("answers an opted-out, a disabled and an unknown hall with the same 404, on every public route", async () => {
    const bodies = new Set<string>();
    for (const hallId of [OFF, DISABLED, "no-such-hall"]) {
      for (const path of [`/api/public/halls/${hallId}`, `/api/public/halls/${hallId}/tickets/A001`, `/api/open-data/halls/${hallId}/daily.json`, `/api/open-data/halls/${hallId}/daily.csv`]) {
        const res = await publicGet(path);
        expect(res.status, path).toBe(404);
        if (!path.includes("tickets") && !path.includes("open-data")) bodies.add(res.text);
      }
    }
    expect(bodies.size).toBe(1);
  });

  it("needs no token, and a token changes nothing", async () => {
    expect((await get(`/api/public/halls/${PUB}`)).status).toBe(200);
    expect((await admin.request("GET", `/api/public/halls/${PUB}`)).status).toBe(200);
    expect((await admin.request("GET", `/api/public/halls/${OFF}`)).status).toBe(404);
  });

  it("answers an unknown public route 404, never 401", async () => {
    expect((await get(`/api/public/halls/${PUB}/windows`)).status).toBe(404);
    expect((await get(`/api/open-data/halls/${PUB}/tickets.json`)).status).toBe(404);
  });
});

describe("GET /api/public/halls/:hallId", () => {
  it("shows per category the open windows, the tickets waiting and the admin live view's band, cacheable for 5 s", async () => {
    const res = await publicGet<PublicHallView>(`/api/public/halls/${PUB}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=5");
    const view = res.json();
    expect(view).toMatchObject({ hallId: PUB, name: "公开测试大厅", timezone: ZONE, licence: "CC BY 4.0", open: { status: "open", open: true, todayHours: null } });
    expect(view.categories.map((c) => [c.categoryId, c.name, c.openWindows, c.waiting])).toEqual([
      ["social", "社会保险", 1, 4],
      ["estate", "不动产登记", 0, 0],
      ["tax", "税务", 1, 1],
    ]);
    // A phone revalidating within the same second gets 304 Not Modified.
    const etag = res.headers.get("etag")!;
    expect(etag).toMatch(/^W\/"/);
    const again = await fetch(`${server.url}/api/public/halls/${PUB}`, { headers: { "if-none-match": etag } });
    expect([200, 304]).toContain(again.status);
    if (again.status === 200) expect(again.headers.get("etag")).not.toBe(etag);
    const load = (await admin.load(PUB)) as { body: LoadView };
    for (const c of view.categories) expect(c.band).toEqual(load.body.floor?.waits.find((w) => w.categoryId === c.categoryId)?.band ?? null);
  });

  it("follows the configured opening hours", async () => {
    // Open only in a minute that has passed today: closed now.
    const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, from: "00:00", to: "00:01" }));
    expect((await admin.putHall(PUB, { ...publicHall, openingHours: hours })).status).toBe(200);
    const view = (await publicGet<PublicHallView>(`/api/public/halls/${PUB}`)).json();
    expect(["closed", "holiday", "calendar_unknown"]).toContain(view.open.status);
    expect(view.open.open).not.toBe(true);
    expect((await admin.putHall(PUB, publicHall)).status).toBe(200);
  });
});

describe("GET /api/public/halls/:hallId/tickets/:number", () => {
  it("gives a waiting ticket only its own place in its category, found by its printed number", async () => {
    const res = await publicGet<PublicTicket>(`/api/public/halls/${PUB}/tickets/A003`);
    expect(res.status).toBe(200);
    const t = res.json();
    expect(Object.keys(t).sort()).toEqual(["ahead", "asOf", "band", "categoryId", "categoryName", "hallId", "status", "ticketNo"]);
    expect(t).toMatchObject({ hallId: PUB, ticketNo: "A003", categoryId: "social", categoryName: "社会保险", status: "waiting", ahead: 2 });
    for (const other of ["A001", "A002", "A004", "A000", "C001"]) expect(res.text).not.toContain(other);
    expect((await publicGet<PublicTicket>(`/api/public/halls/${PUB}/tickets/a001`)).json()).toMatchObject({ ticketNo: "A001", ahead: 0 });
    expect((await publicGet<PublicTicket>(`/api/public/halls/${PUB}/tickets/C001`)).json()).toMatchObject({ categoryId: "tax", ahead: 0 });
  });

  it("says only 'called' for a called ticket, and 404 for a number not issued today or a ticket id", async () => {
    expect((await publicGet<PublicTicket>(`/api/public/halls/${PUB}/tickets/A000`)).json()).toMatchObject({ status: "called", ahead: null, band: null });
    expect((await publicGet(`/api/public/halls/${PUB}/tickets/Z999`)).status).toBe(404);
    expect((await publicGet(`/api/public/halls/${PUB}/tickets/X001`)).status).toBe(404); // a past day's number
    expect([400, 404]).toContain((await publicGet(`/api/public/halls/${PUB}/tickets/${tid("live-A001")}`)).status);
    expect((await publicGet(`/api/public/halls/${PUB}/tickets/A%2F1`)).status).toBe(400);
  });
});

describe("open data", () => {
  const range = `from=${SMALL_DAY}&to=${BIG_DAY}`;
  const history = async (groupBy: string, day: string) => (await admin.request<HistoryResponse>("GET", `/api/halls/${PUB}/history?from=${day}&to=${day}&groupBy=${groupBy}`)).body;

  it("publishes the history API's figures for the same days, cell by cell", async () => {
    const res = await publicGet<OpenDataDaily>(`/api/open-data/halls/${PUB}/daily.json?${range}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const data = res.json();
    expect(data).toMatchObject({ hallId: PUB, from: SMALL_DAY, to: BIG_DAY, licence: "CC BY 4.0", minCellCount: 5, waitTargetMinutes: 20, pendingDays: 0 });
    let compared = 0;
    for (const day of [SMALL_DAY, BIG_DAY])
      for (const [level, groupBy] of [["hall", "day"], ["category", "category"], ["window", "window"]] as const) {
        const rows = (await history(groupBy, day)).rows;
        for (const r of data.rows.filter((x) => x.date === day && x.level === level && !x.suppressed)) {
          const h = rows.find((x) => String(x.key) === (r.key ?? day))!;
          expect([r.arrivals, r.served, r.noShows, r.waitP50Seconds, r.waitP90Seconds, r.withinTargetShare, r.poorEvaluations], `${day} ${level} ${r.key}`).toEqual([
            h.arrivals,
            h.served,
            h.noShows,
            h.waitP50Seconds,
            h.waitP90Seconds,
            h.withinTargetShare,
            h.poorRatings,
          ]);
          compared += 1;
        }
      }
    // BIG_DAY: everything (1 + 3 + 3); SMALL_DAY: the hall, tax and w3.
    expect(compared).toBe(10);
    expect(data.rows.find((r) => r.date === BIG_DAY && r.level === "hall")).toMatchObject({ arrivals: 18, served: 18, evaluations: 18, poorEvaluations: 3 });
  });

  it("suppresses cells under minCellCount (estate: 2 tickets) and the complement that would give them away (social: 8)", async () => {
    const data = (await publicGet<OpenDataDaily>(`/api/open-data/halls/${PUB}/daily.json?${range}`)).json();
    const small = (key: string) => data.rows.find((r) => r.date === SMALL_DAY && r.key === key)!;
    for (const key of ["estate", "social", "w2", "w1"]) {
      expect(small(key), key).toMatchObject({ suppressed: true, arrivals: null, served: null, waitP50Seconds: null, evaluations: null, poorEvaluations: null });
    }
    expect(small("tax")).toMatchObject({ suppressed: false, arrivals: 9 });
    // No published figure of that day describes fewer than 5 tickets.
    for (const r of data.rows.filter((x) => !x.suppressed && x.date === SMALL_DAY)) expect(Math.max(r.arrivals ?? 0, r.served ?? 0)).toBeGreaterThanOrEqual(5);
    const csv = await publicGet(`/api/open-data/halls/${PUB}/daily.csv?${range}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.text.startsWith("\uFEFFdate,level,key,name,suppressed,arrivals")).toBe(true);
    const estateLine = csv.text.split("\r\n").find((l) => l.startsWith(`${SMALL_DAY},category,estate,`))!;
    expect(estateLine).toBe(`${SMALL_DAY},category,estate,不动产登记,true,,,,,,,,,,,,,,,,`);
  });

  it("publishes days up to yesterday only, and at most 366 days", async () => {
    const data = (await publicGet<OpenDataDaily>(`/api/open-data/halls/${PUB}/daily.json?from=${addDays(TODAY, -2)}&to=${TODAY}`)).json();
    expect(data.to).toBe(addDays(TODAY, -1));
    expect(new Set(data.rows.map((r) => r.date))).toEqual(new Set([addDays(TODAY, -2), addDays(TODAY, -1)]));
    expect((await publicGet(`/api/open-data/halls/${PUB}/daily.json?from=2020-01-01&to=2021-06-01`)).status).toBe(400);
    expect((await publicGet(`/api/open-data/halls/${PUB}/daily.json?from=2026-02-30`)).status).toBe(400);
  });
});

describe("privacy", () => {
  it("no public answer carries a ticket id, a case reference, a staff id or a window's staff", async () => {
    expect(texts.length).toBeGreaterThan(10);
    const all = texts.join("\n");
    for (const secret of ["secret-ticket", SECRET_CASE, SECRET_STAFF, "staffId", "ticketId", "caseRef", "windowId", "currentTicket"]) expect(all, secret).not.toContain(secret);
  });
});

describe("the per-client budget", () => {
  it("answers 429 rate_limited with Retry-After once a client's budget is spent", async () => {
    const results = await Promise.all(Array.from({ length: RATE + 20 }, () => fetch(`${server.url}/api/public/halls/${PUB}`)));
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(20);
    expect(Number(limited[0]!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await limited[0]!.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    await Promise.all(results.filter((r) => !r.bodyUsed).map((r) => r.body?.cancel()));
    // The authenticated API has its own budgets: the admin is not affected.
    expect((await admin.request("GET", `/api/halls/${PUB}`)).status).toBe(200);
  });
});
