// The shared fixture of the staffing-api.*.int.test.ts files, which test GET /api/halls/:hallId/staffing
// (Erlang C) against the real server process and its storage. Each file calls setUpStaffingServer() and so
// starts its own server with the same two demo halls and role tokens; the two Mondays inside the last two
// full weeks before today (the real clock decides "today") are loaded with the demo hall's simulation, and
// every row's expected figures are worked out here from the raw events (docs/metrics.md, "Staffing
// (Erlang C)") and `needed` from the domain's serversNeeded.
import { afterAll, beforeAll, expect } from "vitest";
import { EVENT_TYPES, type HallEvent, type StaffingResponse, type StaffingRow } from "../../contract/index.js";
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

export const server = new ServerProcess();
export let admin: Api;
export const HALL = "staff-demo";
const OTHER = "staff-other";
export const tokens = { manager: "", staff: "", display: "", device: "", hallAdmin: "", otherManager: "" };

// ---- Dates. Asia/Shanghai is UTC+8 all year (no DST).
const H = 3_600_000;
export const DAY_MS = 24 * H;
const OFFSET_MS = 8 * H;
export const addDays = (date: string, n: number): string => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};
const isoWeekdayOf = (date: string): number => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};
const localDateOf = (ms: number): string => new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
const localHourOf = (ms: number): number => new Date(ms + OFFSET_MS).getUTCHours();
export const midnightMs = (date: string): number => Date.parse(`${date}T00:00:00+08:00`);

/** The last `weeks` full weeks before today: [today's local midnight − weeks × 7 days, today's local midnight). */
const TODAY = localDateOf(Date.now());
export const TO = midnightMs(TODAY);
export const FROM = TO - 2 * 7 * DAY_MS;
/** The two Mondays inside that period, oldest first. */
export const MONDAYS = Array.from({ length: 14 }, (_, i) => addDays(TODAY, -14 + i)).filter((d) => isoWeekdayOf(d) === 1);

// ---- Raw-log analysis, written from docs/metrics.md independently of the server's domain code.
const TYPE_ORDER = new Map<string, number>(EVENT_TYPES.map((t, i) => [t, i]));
const byEventOrder = (a: { ts: number; type: string; id: string }, b: { ts: number; type: string; id: string }) =>
  a.ts - b.ts || (TYPE_ORDER.get(a.type) ?? 0) - (TYPE_ORDER.get(b.type) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export interface Cell {
  arrivals: number;
  handleMsSum: number;
  handleCount: number;
  openMs: number;
}

/** Per "weekday|hour|categoryId" over [from, to): issued tickets, paired handling times, open time of serving windows. */
export function cellsFromLog(events: readonly HallEvent[], from: number, to: number): Map<string, Cell> {
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

export async function staffing(query: string, api: Api = admin): Promise<StaffingResponse> {
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

export let expectedCells = new Map<string, Cell>();
const WAIT_SECONDS = (demoHall.targets.waitMinutes as number) * 60;

/** Starts this file's server with the two halls, the tokens and both Mondays loaded and settled; stops and removes it after the file. */
export function setUpStaffingServer(): void {
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
}

/** The row the docs prescribe for a cell observed over `weeks` weeks. */
export function expectedRow(key: string, c: Cell, weeks: number, target: number): StaffingRow {
  const [weekday, hour, categoryId] = key.split("|") as [string, string, string];
  const arrivalsPerHour = c.arrivals / weeks;
  const avgHandleSeconds = c.handleCount > 0 ? c.handleMsSum / c.handleCount / 1000 : null;
  const needed =
    arrivalsPerHour === 0 || avgHandleSeconds === null ? 0 : serversNeeded({ arrivalRate: arrivalsPerHour / 3600, meanServiceSeconds: avgHandleSeconds }, WAIT_SECONDS, target);
  return { weekday: Number(weekday), hour: Number(hour), categoryId, arrivalsPerHour, avgHandleSeconds, needed, hadOpen: c.openMs / (weeks * H) };
}

export const keyOf = (r: StaffingRow) => `${r.weekday}|${r.hour}|${r.categoryId}`;
