// GET /api/halls/:hallId/staffing (Erlang C) against the real server process and its storage. The
// two Mondays inside the last two full weeks before today (the real clock decides "today") are loaded
// with the demo hall's simulation; every row's figures are worked out here from the raw events
// (docs/metrics.md, "Staffing (Erlang C)") and `needed` from the domain's serversNeeded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENT_TYPES, type ErrorBody, type HallEvent, type StaffingResponse, type StaffingRow } from "../../contract/index.js";
import { serversNeeded } from "../../server/domain/queueing/erlang-c.js";
import { demoHall, demoSimParams } from "../../simulator/demo-hall.js";
import { generateHallDay } from "../../simulator/generate-day.js";
import { Api } from "../helpers/api.js";
import { issueRoleTokens } from "../helpers/role-tokens.js";
import { withLogDb } from "../helpers/log-db.js";
import { eventsInLogOf } from "../helpers/log-figures.js";
import { ServerProcess } from "../helpers/server-process.js";

interface RollupStatus {
  pendingDays: number;
  running: string | null;
  completed: number;
  failed: number;
}

const server = new ServerProcess();
let admin: Api;
const HALL = "staff-demo";
const OTHER = "staff-other";
const tokens = { manager: "", staff: "", display: "", device: "", hallAdmin: "", otherManager: "" };

// ---- Dates. Asia/Shanghai is UTC+8 all year (no DST).
const H = 3_600_000;
const DAY_MS = 24 * H;
const OFFSET_MS = 8 * H;
const addDays = (date: string, n: number): string => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};
const isoWeekdayOf = (date: string): number => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};
const localDateOf = (ms: number): string => new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
const localHourOf = (ms: number): number => new Date(ms + OFFSET_MS).getUTCHours();
const midnightMs = (date: string): number => Date.parse(`${date}T00:00:00+08:00`);

/** The last `weeks` full weeks before today: [today's local midnight − weeks × 7 days, today's local midnight). */
const TODAY = localDateOf(Date.now());
const TO = midnightMs(TODAY);
const FROM = TO - 2 * 7 * DAY_MS;
/** The two Mondays inside that period, oldest first. */
const MONDAYS = Array.from({ length: 14 }, (_, i) => addDays(TODAY, -14 + i)).filter((d) => isoWeekdayOf(d) === 1);

// ---- Raw-log analysis, written from docs/metrics.md independently of the server's domain code.
const TYPE_ORDER = new Map<string, number>(EVENT_TYPES.map((t, i) => [t, i]));
const byEventOrder = (a: { ts: number; type: string; id: string }, b: { ts: number; type: string; id: string }) =>
  a.ts - b.ts || (TYPE_ORDER.get(a.type) ?? 0) - (TYPE_ORDER.get(b.type) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

interface Cell {
  arrivals: number;
  handleMsSum: number;
  handleCount: number;
  openMs: number;
}

/** Per "weekday|hour|categoryId" over [from, to): issued tickets, paired handling times, open time of serving windows. */
function cellsFromLog(events: readonly HallEvent[], from: number, to: number): Map<string, Cell> {
  const seen = new Set<string>();
  const list = events
    .filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)))
    .map((e) => ({ e, ts: Date.parse(e.ts), type: e.type, id: e.id }))
    .sort(byEventOrder);
  const cells = new Map<string, Cell>();
  const cell = (ts: number, categoryId: string) => {
    const key = `${isoWeekdayOf(localDateOf(ts))}|${localHourOf(ts)}|${categoryId}`;
    let c = cells.get(key);
    if (!c) {
      c = { arrivals: 0, handleMsSum: 0, handleCount: 0, openMs: 0 };
      cells.set(key, c);
    }
    return c;
  };
  const inPeriod = (ts: number) => ts >= from && ts < to;

  // Arrivals: the earliest ticket.issued of each ticket, in its category and local hour.
  const issueCategory = new Map<string, string>();
  for (const { e, ts } of list)
    if (e.type === "ticket.issued" && !issueCategory.has(e.ticketId)) {
      issueCategory.set(e.ticketId, e.categoryId);
      if (inPeriod(ts)) cell(ts, e.categoryId).arrivals += 1;
    }

  // Handling: a completion pairs with the open service of the ticket at the window, begun at its first start.
  const services = new Map<string, { ts: number; started: boolean; ticketId: string }[]>();
  for (const { e, ts } of list)
    if (e.type === "service.started" || e.type === "service.completed") {
      const key = `${e.windowId}|${e.ticketId}`;
      services.set(key, [...(services.get(key) ?? []), { ts, started: e.type === "service.started", ticketId: e.ticketId }]);
    }
  for (const l of services.values()) {
    let openSince: number | null = null;
    for (const s of l) {
      if (s.started) {
        if (openSince === null) openSince = s.ts;
      } else if (openSince !== null) {
        const categoryId = issueCategory.get(s.ticketId);
        if (categoryId !== undefined && inPeriod(s.ts)) {
          const c = cell(s.ts, categoryId);
          c.handleMsSum += s.ts - openSince;
          c.handleCount += 1;
        }
        openSince = null;
      }
    }
  }

  // Open time: from window.opened/resumed to the next window.paused/closed, per local hour, for every
  // category the window is configured to serve.
  const serves = new Map(demoHall.windows.map((w) => [w.id, w.categories]));
  const openSince = new Map<string, number>();
  const addOpen = (windowId: string, start: number, end: number) => {
    for (let t = Math.max(start, from); t < Math.min(end, to); ) {
      const hourEnd = Math.min(Math.floor(t / H) * H + H, end, to); // UTC+8: local hours start on UTC hours
      for (const categoryId of serves.get(windowId) ?? []) cell(t, categoryId).openMs += hourEnd - t;
      t = hourEnd;
    }
  };
  for (const { e, ts } of list) {
    if (e.type === "window.opened" || e.type === "window.resumed") {
      if (!openSince.has(e.windowId)) openSince.set(e.windowId, ts);
    } else if (e.type === "window.paused" || e.type === "window.closed") {
      const since = openSince.get(e.windowId);
      if (since !== undefined) addOpen(e.windowId, since, ts);
      openSince.delete(e.windowId);
    }
  }
  for (const [windowId, since] of openSince) addOpen(windowId, since, to);
  return cells;
}

// ---- HTTP helpers.
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function staffing(query: string, api: Api = admin): Promise<StaffingResponse> {
  const res = await api.request<StaffingResponse>("GET", `/api/halls/${HALL}/staffing?${query}`);
  if (res.status !== 200) throw new Error(`staffing ${query}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function dirtyDays(): Promise<string[]> {
  const rows = await withLogDb(server, (db) =>
    db.all<{ day: string }>(`select "day" from "RollupDay" where "hallId" = ? and "dirtySince" is not null order by "day"`, [HALL]),
  );
  return rows.map((r) => r.day);
}

/**
 * Polls …/history/status until no day is pending. When the later Monday is yesterday, the "next day" its
 * events mark is today, recomputed at most every 30 s: then it is enough that every past day is done.
 */
async function settle(): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await admin.request<RollupStatus>("GET", `/api/halls/${HALL}/history/status`);
    expect(res.status).toBe(200);
    if (res.body.pendingDays === 0 || (await dirtyDays()).every((d) => d >= TODAY)) return;
    if (Date.now() > deadline) throw new Error(`rollups not settled: ${JSON.stringify(res.body)}\n${server.output}`);
    await sleep(100);
  }
}

let expectedCells = new Map<string, Cell>();
const WAIT_SECONDS = (demoHall.targets.waitMinutes as number) * 60;

beforeAll(async () => {
  await server.start();
  admin = new Api(server.url, server.adminToken);
  expect((await admin.putHall(HALL, demoHall)).status).toBe(201);
  expect((await admin.putHall(OTHER, demoHall)).status).toBe(201);
  Object.assign(tokens, await issueRoleTokens(admin, HALL, OTHER));

  for (const [i, date] of MONDAYS.entries()) {
    const events = generateHallDay({ hall: demoHall, hallId: HALL, date, seed: 21 + i, params: demoSimParams });
    for (let k = 0; k < events.length; k += 500) {
      const res = await admin.postEvents(HALL, events.slice(k, k + 500));
      expect(res.status).toBe(200);
      expect(res.body.results.filter((r) => r.status !== "accepted")).toEqual([]);
    }
  }
  await settle();
  expectedCells = cellsFromLog(await eventsInLogOf(server, HALL), FROM, TO);
});

afterAll(async () => {
  await server.stop();
  server.remove();
});

/** The row the docs prescribe for a cell observed over `weeks` weeks. */
function expectedRow(key: string, c: Cell, weeks: number, target: number): StaffingRow {
  const [weekday, hour, categoryId] = key.split("|") as [string, string, string];
  const arrivalsPerHour = c.arrivals / weeks;
  const avgHandleSeconds = c.handleCount > 0 ? c.handleMsSum / c.handleCount / 1000 : null;
  const needed =
    arrivalsPerHour === 0 || avgHandleSeconds === null ? 0 : serversNeeded({ arrivalRate: arrivalsPerHour / 3600, meanServiceSeconds: avgHandleSeconds }, WAIT_SECONDS, target);
  return { weekday: Number(weekday), hour: Number(hour), categoryId, arrivalsPerHour, avgHandleSeconds, needed, hadOpen: c.openMs / (weeks * H) };
}

const keyOf = (r: StaffingRow) => `${r.weekday}|${r.hour}|${r.categoryId}`;

describe("GET …/staffing", () => {
  it("uses the two Mondays inside the last two full weeks before today", () => {
    expect(MONDAYS).toHaveLength(2);
    for (const d of MONDAYS) {
      expect(midnightMs(d)).toBeGreaterThanOrEqual(FROM);
      expect(midnightMs(addDays(d, 1))).toBeLessThanOrEqual(TO);
    }
  });

  it("weeks=2&target=0.8: arrivals per hour, mean handling time, Erlang C windows needed and windows open, per Monday hour and category", async () => {
    const res = await staffing("weeks=2&target=0.8");
    expect({ weeks: res.weeks, target: res.target, waitMinutes: res.waitMinutes }).toEqual({ weeks: 2, target: 0.8, waitMinutes: 20 });
    // Only Mondays were loaded: every row is ISO weekday 1, ordered by hour then category.
    expect(res.rows.length).toBeGreaterThan(50);
    expect(res.rows.every((r) => r.weekday === 1)).toBe(true);
    const keys = res.rows.map((r) => [r.hour, r.categoryId] as const);
    expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)));
    expect(new Set(res.rows.map(keyOf)).size).toBe(res.rows.length);

    const rows = new Map(res.rows.map((r) => [keyOf(r), r]));
    // Every weekday-hour-category where someone came or a serving window was open has a row …
    const observed = [...expectedCells].filter(([, c]) => c.arrivals > 0 || c.openMs > 0);
    expect(res.rows.map(keyOf).sort()).toEqual(expect.arrayContaining(observed.map(([k]) => k)));
    // … and its figures: arrivals / weeks, the mean paired handling time, serversNeeded and the open time.
    for (const [key, c] of observed) {
      const got = rows.get(key) as StaffingRow;
      const want = expectedRow(key, c, 2, 0.8);
      expect({ ...got, hadOpen: 0 }, key).toEqual({ ...want, hadOpen: 0 });
      expect(got.hadOpen, key).toBeCloseTo(want.hadOpen, 9);
    }
    // Rows the log knows nothing about have nothing in them.
    for (const r of res.rows) if (!expectedCells.has(keyOf(r))) expect({ ...r, weekday: 0, hour: 0, categoryId: "" }).toEqual({ weekday: 0, hour: 0, categoryId: "", arrivalsPerHour: 0, avgHandleSeconds: null, needed: 0, hadOpen: 0 });

    // The planted imbalance: 不动产登记 needs more than the two windows it has at its busiest hour.
    const realEstate = res.rows.filter((r) => r.categoryId === "real-estate");
    expect(Math.max(...realEstate.map((r) => r.needed))).toBeGreaterThan(2);
  });

  it("hadOpen is plausible: at least 0, at most the windows serving the category, 0 where none was open", async () => {
    const res = await staffing("weeks=2&target=0.8");
    const servingCount = new Map(demoHall.categories.map((c) => [c.id, demoHall.windows.filter((w) => w.categories.includes(c.id)).length]));
    for (const r of res.rows) {
      expect(r.hadOpen).toBeGreaterThanOrEqual(0);
      expect(r.hadOpen).toBeLessThanOrEqual(servingCount.get(r.categoryId) as number);
      if ((expectedCells.get(keyOf(r))?.openMs ?? 0) === 0) expect(r.hadOpen, keyOf(r)).toBe(0);
    }
    // Before the windows open (tickets from 08:15, windows from 08:30) and after the last one closed.
    expect(res.rows.filter((r) => r.hour < 8).map(keyOf)).toEqual([]);
    const at8 = res.rows.filter((r) => r.hour === 8);
    expect(at8.some((r) => r.hadOpen > 0 && r.hadOpen < 1)).toBe(true);
    // needed always exceeds the offered load A = λ·h (a stable queue), whatever was open.
    for (const r of res.rows) if (r.arrivalsPerHour > 0 && r.avgHandleSeconds !== null) expect(r.needed).toBeGreaterThan((r.arrivalsPerHour * r.avgHandleSeconds) / 3600);
  });

  it("a higher target needs at least as many windows; weeks=1 sees only the later Monday", async () => {
    const low = await staffing("weeks=2&target=0.8");
    const high = await staffing("weeks=2&target=0.95");
    expect(high.rows.map(keyOf)).toEqual(low.rows.map(keyOf));
    for (const [i, r] of high.rows.entries()) expect(r.needed).toBeGreaterThanOrEqual((low.rows[i] as StaffingRow).needed);
    for (const [i, r] of high.rows.entries()) {
      const key = keyOf(r);
      const c = expectedCells.get(key);
      if (c) expect(r.needed, key).toBe(expectedRow(key, c, 2, 0.95).needed);
      expect({ ...r, needed: 0 }).toEqual({ ...(low.rows[i] as StaffingRow), needed: 0 });
    }

    const one = await staffing("weeks=1&target=0.8");
    const lastWeek = cellsFromLog(await eventsInLogOf(server, HALL), TO - 7 * DAY_MS, TO);
    const observed = [...lastWeek].filter(([, c]) => c.arrivals > 0 || c.openMs > 0);
    const rows = new Map(one.rows.map((r) => [keyOf(r), r]));
    expect(observed.length).toBeGreaterThan(50);
    for (const [key, c] of observed) {
      const want = expectedRow(key, c, 1, 0.8);
      const got = rows.get(key) as StaffingRow;
      expect({ ...got, hadOpen: 0 }, key).toEqual({ ...want, hadOpen: 0 });
      expect(got.hadOpen, key).toBeCloseTo(want.hadOpen, 9);
    }
  });

  it("defaults to weeks=8 and target=0.8", async () => {
    const res = await staffing("");
    expect({ weeks: res.weeks, target: res.target }).toEqual({ weeks: 8, target: 0.8 });
    // Both Mondays lie inside the last 8 weeks: arrivals are divided by 8.
    for (const r of res.rows) {
      const c = expectedCells.get(keyOf(r));
      if (c) expect(r.arrivalsPerHour, keyOf(r)).toBe(c.arrivals / 8);
    }
  });
});

describe("GET …/staffing: validation and roles", () => {
  const get = (query: string, token: string | null = server.adminToken) => admin.as(token).request<ErrorBody>("GET", `/api/halls/${HALL}/staffing?${query}`);

  it.each([
    ["weeks=0&target=0.8", "weeks"],
    ["weeks=53&target=0.8", "weeks"],
    ["weeks=1.5&target=0.8", "weeks"],
    ["weeks=x&target=0.8", "weeks"],
    ["weeks=2&target=1", "target"],
    ["weeks=2&target=0", "target"],
    ["weeks=2&target=x", "target"],
    ["weeks=2&target=-0.5", "target"],
  ])("answers 400 for %s", async (query, field) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("bad_request");
    expect(res.body.error.field).toBe(field);
  });

  it("accepts the bounds weeks=1 and weeks=52", async () => {
    expect((await get("weeks=1&target=0.5")).status).toBe(200);
    expect((await get("weeks=52&target=0.99")).status).toBe(200);
  });

  it("lets admin and manager read, forbids staff, display, device and another hall's tokens, and needs a token", async () => {
    const query = "weeks=2&target=0.8";
    expect((await get(query)).status).toBe(200);
    expect((await get(query, tokens.hallAdmin)).status).toBe(200);
    expect((await get(query, tokens.manager)).status).toBe(200);
    for (const t of [tokens.staff, tokens.display, tokens.device, tokens.otherManager]) expect((await get(query, t)).status).toBe(403);
    expect((await get(query, null)).status).toBe(401);
    expect((await get(query, tokens.manager)).body).toEqual((await get(query)).body);
  });

  it("answers 404 for an unknown hall", async () => {
    expect((await admin.request("GET", "/api/halls/no-such-hall/staffing?weeks=2")).status).toBe(404);
  });
});
