// The shared fixture of the history-api.*.int.test.ts files (each file starts its own server with it), which test
// GET /api/halls/:hallId/history (allocation review), …/history/status and …/history/rebuild against
// the real server process and its storage (SQLite file or PostgreSQL). Three simulated past weekdays of the demo hall are
// loaded; once the rollup worker has settled, every history figure must equal the figure computed over
// the raw events (docs/metrics.md, "History (allocation review)"): the /load view of the same period,
// the log folded by the pure domain (figuresFromLogOf), and counts worked out here from the Event table.
import { afterAll, beforeAll, expect } from "vitest";
import { EVENT_TYPES, type HistoryGroup, type HistoryResponse, type LoadView } from "../../contract/index.js";
import { demoHall, demoSimParams } from "../../simulator/demo-hall.js";
import { generateHallDay } from "../../simulator/generate-day.js";
import { Api } from "./api.js";
import { issueRoleTokens, type RoleTokens } from "./role-tokens.js";
import { withLogDb } from "./log-db.js";
import { ServerProcess } from "./server-process.js";

export type HistoryAnswer = HistoryResponse & { pendingDays: number };
export interface RollupStatus {
  pendingDays: number;
  running: string | null;
  completed: number;
  failed: number;
}

/**
 * A past day marked again right after its recompute waits 200 ms here instead of 5 s (ROLLUP_PAST_MS): the
 * loads and rebuilds below mark the same days again and again, and the figures, not the throttle, are tested.
 */
export const server = new ServerProcess({ env: { ROLLUP_PAST_MS: "200", ROLLUP_TODAY_MS: "2000" } });
export let admin: Api;
export const HALL = "hist-demo";
const OTHER = "hist-other";
export const tokens: RoleTokens = {
  manager: "",
  staff: "",
  display: "",
  device: "",
  hallAdmin: "",
  otherManager: "",
};

// ---- Dates. Asia/Shanghai is UTC+8 all year (no DST), so local midnight is `${date}T00:00:00+08:00`.
const H = 3_600_000;
const OFFSET_MS = 8 * H;
export const addDays = (date: string, n: number): string => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};
export const isoWeekdayOf = (date: string): number => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};
const localDateOf = (ms: number): string => new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
export const localHourOf = (ms: number): number => new Date(ms + OFFSET_MS).getUTCHours();
export const midnightIso = (date: string): string => `${date}T00:00:00+08:00`;
export const midnightMs = (date: string): number => Date.parse(midnightIso(date));

/**
 * Tuesday, Wednesday and Thursday of a week that ended at least 3 days ago (the real clock decides
 * "today"): past days, recomputed as soon as the worker is free, and the "next day" each event also
 * marks is past too.
 */
export const TODAY = localDateOf(Date.now());
const REF = addDays(TODAY, -10);
const MONDAY = addDays(REF, 1 - isoWeekdayOf(REF));
export const DAYS = [addDays(MONDAY, 1), addDays(MONDAY, 2), addDays(MONDAY, 3)] as [string, string, string];
export const [D1, D2, D3] = DAYS;

// ---- Raw-log analysis (the ordering and nearest rank; the fold of services is analyse in history-api.groupings),
// written from docs/metrics.md independently of the server's domain code.
const TYPE_ORDER = new Map<string, number>(EVENT_TYPES.map((t, i) => [t, i]));
export const byEventOrder = (a: { ts: number; type: string; id: string }, b: { ts: number; type: string; id: string }) =>
  a.ts - b.ts || (TYPE_ORDER.get(a.type) ?? 0) - (TYPE_ORDER.get(b.type) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Nearest rank: the smallest value with at least p % of the values at or below it (integer arithmetic). */
export function nearestRankOf(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100));
  return sorted[rank - 1] as number;
}

// ---- HTTP helpers.
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function history(from: string, to: string, groupBy: HistoryGroup, api: Api = admin): Promise<HistoryAnswer> {
  const res = await api.request<HistoryAnswer>("GET", `/api/halls/${HALL}/history?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&groupBy=${groupBy}`);
  if (res.status !== 200) throw new Error(`history ${from}..${to} ${groupBy}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function loadOfDay(date: string): Promise<LoadView> {
  const res = await admin.load(HALL, { from: midnightIso(date), to: midnightIso(addDays(date, 1)) });
  if (res.status !== 200) throw new Error(`load ${date}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function status(): Promise<RollupStatus> {
  const res = await admin.request<RollupStatus>("GET", `/api/halls/${HALL}/history/status`);
  expect(res.status).toBe(200);
  return res.body;
}

/** The hall-local days still marked for recomputation, read from the server's storage. */
export async function dirtyDays(): Promise<string[]> {
  const rows = await withLogDb(server, (db) =>
    db.all<{ day: string }>(`select "day" from "RollupDay" where "hallId" = ? and "dirtySince" is not null order by "day"`, [HALL]),
  );
  return rows.map((r) => r.day);
}

/**
 * Polls …/history/status until no day is pending. With `todayMayWait`, it is enough that every past day
 * is recomputed (today is recomputed at most every 30 s, so a second rebuild would otherwise wait for it).
 */
export async function settle(opts: { todayMayWait?: boolean } = {}): Promise<RollupStatus> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const s = await status();
    if (s.pendingDays === 0) return s;
    if (opts.todayMayWait && (await dirtyDays()).every((d) => d >= TODAY)) return s;
    if (Date.now() > deadline) throw new Error(`rollups not settled: ${JSON.stringify(s)} dirty ${(await dirtyDays()).join(",")}\n${server.output}`);
    await sleep(100);
  }
}

export async function sendAll(events: readonly unknown[], api: Api = admin): Promise<void> {
  for (let i = 0; i < events.length; i += 500) {
    const res = await api.postEvents(HALL, events.slice(i, i + 500));
    expect(res.status).toBe(200);
    expect(res.body.results.filter((r) => r.status !== "accepted")).toEqual([]);
  }
}

export const windowIds = demoHall.windows.map((w) => w.id);
export const departmentOf = new Map(demoHall.windows.map((w) => [w.id, w.department]));

/** The day's window rows against the load view of the same period (figures of docs/metrics.md "Per window"). */
export function expectWindowsEqual(hist: HistoryAnswer, load: LoadView): void {
  for (const r of hist.rows) expect(windowIds).toContain(r.key);
  const rows = new Map(hist.rows.map((r) => [r.key, r]));
  const fromHistory = load.windows.map((w) => {
    const r = rows.get(w.windowId);
    // A window without a history row did nothing in the period: no open time, busy time, completions or ratings.
    return r
      ? { windowId: w.windowId, served: r.served, utilization: r.utilization, avgHandleSeconds: r.avgHandleSeconds, ratingAvg: r.ratingAvg }
      : { windowId: w.windowId, served: 0, utilization: 0, avgHandleSeconds: null, ratingAvg: null };
  });
  const fromLoad = load.windows.map((w) => ({ windowId: w.windowId, served: w.served, utilization: w.utilization, avgHandleSeconds: w.avgHandleSeconds, ratingAvg: w.ratingAvg }));
  expect(fromHistory).toEqual(fromLoad);
  for (const w of load.windows) if (!rows.has(w.windowId)) expect([w.openSeconds, w.busySeconds, w.served, w.ratingCount]).toEqual([0, 0, 0, 0]);
}

/** Category arrivals and the longest wait against the load view's categories. */
export function expectCategoriesEqual(hist: HistoryAnswer, load: LoadView): void {
  const rows = new Map(hist.rows.map((r) => [r.key, r]));
  const fromHistory = load.categories.map((c) => ({ categoryId: c.categoryId, arrivals: rows.get(c.categoryId)?.arrivals ?? 0, waitMaxSeconds: rows.get(c.categoryId)?.waitMaxSeconds ?? null }));
  const fromLoad = load.categories.map((c) => ({ categoryId: c.categoryId, arrivals: c.arrivals, waitMaxSeconds: c.maxWaitSeconds }));
  expect(fromHistory).toEqual(fromLoad);
}

export const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Registers the file's server: started with the two halls, the tokens and three loaded, settled days; stopped after. */
export function setUpHistoryServer(): void {
  beforeAll(async () => {
    await server.start();
    admin = new Api(server.url, server.adminToken);
    expect((await admin.putHall(HALL, demoHall)).status).toBe(201);
    expect((await admin.putHall(OTHER, demoHall)).status).toBe(201);
    Object.assign(tokens, await issueRoleTokens(admin, HALL, OTHER));

    // Three realistic days (~3,400 events each), in batches of 500 with a device token.
    const device = admin.as(tokens.device);
    for (const [i, date] of DAYS.entries()) await sendAll(generateHallDay({ hall: demoHall, hallId: HALL, date, seed: 11 + i, params: demoSimParams }), device);
    await settle();
  });

  afterAll(async () => {
    await server.stop();
    server.remove();
  });
}
