// GET /api/halls/:hallId/history (allocation review), …/history/status and …/history/rebuild against
// the real server process and its storage (SQLite file or PostgreSQL). Three simulated past weekdays of the demo hall are
// loaded; once the rollup worker has settled, every history figure must equal the figure computed over
// the raw events (docs/metrics.md, "History (allocation review)"): the /load view of the same period,
// the log folded by the pure domain (figuresFromLogOf), and counts worked out here from the Event table.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENT_TYPES, type ErrorBody, type HallEvent, type HistoryGroup, type HistoryResponse, type HistoryRow, type LoadView } from "../../contract/index.js";
import { demoHall, demoSimParams } from "../../simulator/demo-hall.js";
import { generateHallDay } from "../../simulator/generate-day.js";
import { Api } from "../helpers/api.js";
import { withLogDb } from "../helpers/log-db.js";
import { eventsInLogOf, figuresFromLogOf } from "../helpers/log-figures.js";
import { ServerProcess } from "../helpers/server-process.js";

type HistoryAnswer = HistoryResponse & { pendingDays: number };
interface RollupStatus {
  pendingDays: number;
  running: string | null;
  completed: number;
  failed: number;
}

const server = new ServerProcess();
let admin: Api;
const HALL = "hist-demo";
const OTHER = "hist-other";
const tokens: Record<"manager" | "staff" | "display" | "device" | "hallAdmin" | "otherManager", string> = {
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
const midnightIso = (date: string): string => `${date}T00:00:00+08:00`;
const midnightMs = (date: string): number => Date.parse(midnightIso(date));

/**
 * Tuesday, Wednesday and Thursday of a week that ended at least 3 days ago (the real clock decides
 * "today"): past days, recomputed as soon as the worker is free, and the "next day" each event also
 * marks is past too.
 */
const TODAY = localDateOf(Date.now());
const REF = addDays(TODAY, -10);
const MONDAY = addDays(REF, 1 - isoWeekdayOf(REF));
const DAYS = [addDays(MONDAY, 1), addDays(MONDAY, 2), addDays(MONDAY, 3)] as [string, string, string];
const [D1, D2, D3] = DAYS;

// ---- Raw-log analysis, written from docs/metrics.md independently of the server's domain code.
const TYPE_ORDER = new Map<string, number>(EVENT_TYPES.map((t, i) => [t, i]));
const byEventOrder = (a: { ts: number; type: string; id: string }, b: { ts: number; type: string; id: string }) =>
  a.ts - b.ts || (TYPE_ORDER.get(a.type) ?? 0) - (TYPE_ORDER.get(b.type) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

interface Completion {
  windowId: string;
  ticketId: string;
  end: number;
  start: number | null;
}

interface RawLog {
  /** The earliest ticket.issued of each ticket. */
  issues: Map<string, { ts: number; categoryId: string }>;
  /** The first ticket.called of each ticket. */
  firstCalls: Map<string, { ts: number; windowId: string }>;
  /** Served completions, paired with the first start of the open service (docs/metrics.md, "served"). */
  completions: Completion[];
}

function analyse(events: readonly HallEvent[]): RawLog {
  const seen = new Set<string>();
  const list = events
    .filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)))
    .map((e) => ({ e, ts: Date.parse(e.ts), type: e.type, id: e.id }))
    .sort(byEventOrder);
  const issues = new Map<string, { ts: number; categoryId: string }>();
  const firstCalls = new Map<string, { ts: number; windowId: string }>();
  const services = new Map<string, { ts: number; kind: "started" | "completed"; windowId: string; ticketId: string }[]>();
  for (const { e, ts } of list) {
    if (e.type === "ticket.issued" && !issues.has(e.ticketId)) issues.set(e.ticketId, { ts, categoryId: e.categoryId });
    if (e.type === "ticket.called" && !firstCalls.has(e.ticketId)) firstCalls.set(e.ticketId, { ts, windowId: e.windowId });
    if (e.type === "service.started" || e.type === "service.completed") {
      const key = `${e.windowId}|${e.ticketId}`;
      const l = services.get(key) ?? [];
      l.push({ ts, kind: e.type === "service.started" ? "started" : "completed", windowId: e.windowId, ticketId: e.ticketId });
      services.set(key, l);
    }
  }
  const completions: Completion[] = [];
  for (const l of services.values()) {
    let openSince: number | null = null;
    let justClosed = false;
    for (const s of l) {
      if (s.kind === "started") {
        if (openSince === null) openSince = s.ts; // a repeated start while open is ignored
        justClosed = false;
      } else if (openSince !== null) {
        completions.push({ windowId: s.windowId, ticketId: s.ticketId, end: s.ts, start: openSince });
        openSince = null;
        justClosed = true;
      } else if (!justClosed) {
        completions.push({ windowId: s.windowId, ticketId: s.ticketId, end: s.ts, start: null }); // no start: still served
        justClosed = true;
      }
    }
  }
  return { issues, firstCalls, completions };
}

/** Nearest rank: the smallest value with at least p % of the values at or below it (integer arithmetic). */
function nearestRankOf(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100));
  return sorted[rank - 1] as number;
}

// ---- HTTP helpers.
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function history(from: string, to: string, groupBy: HistoryGroup, api: Api = admin): Promise<HistoryAnswer> {
  const res = await api.request<HistoryAnswer>("GET", `/api/halls/${HALL}/history?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&groupBy=${groupBy}`);
  if (res.status !== 200) throw new Error(`history ${from}..${to} ${groupBy}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function loadOfDay(date: string): Promise<LoadView> {
  const res = await admin.load(HALL, { from: midnightIso(date), to: midnightIso(addDays(date, 1)) });
  if (res.status !== 200) throw new Error(`load ${date}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function status(): Promise<RollupStatus> {
  const res = await admin.request<RollupStatus>("GET", `/api/halls/${HALL}/history/status`);
  expect(res.status).toBe(200);
  return res.body;
}

/** The hall-local days still marked for recomputation, read from the server's storage. */
async function dirtyDays(): Promise<string[]> {
  const rows = await withLogDb(server, (db) =>
    db.all<{ day: string }>(`select "day" from "RollupDay" where "hallId" = ? and "dirtySince" is not null order by "day"`, [HALL]),
  );
  return rows.map((r) => r.day);
}

/**
 * Polls …/history/status until no day is pending. With `todayMayWait`, it is enough that every past day
 * is recomputed (today is recomputed at most every 30 s, so a second rebuild would otherwise wait for it).
 */
async function settle(opts: { todayMayWait?: boolean } = {}): Promise<RollupStatus> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const s = await status();
    if (s.pendingDays === 0) return s;
    if (opts.todayMayWait && (await dirtyDays()).every((d) => d >= TODAY)) return s;
    if (Date.now() > deadline) throw new Error(`rollups not settled: ${JSON.stringify(s)} dirty ${(await dirtyDays()).join(",")}\n${server.output}`);
    await sleep(100);
  }
}

async function sendAll(events: readonly unknown[], api: Api = admin): Promise<void> {
  for (let i = 0; i < events.length; i += 500) {
    const res = await api.postEvents(HALL, events.slice(i, i + 500));
    expect(res.status).toBe(200);
    expect(res.body.results.filter((r) => r.status !== "accepted")).toEqual([]);
  }
}

const windowIds = demoHall.windows.map((w) => w.id);
const departmentOf = new Map(demoHall.windows.map((w) => [w.id, w.department]));

/** The day's window rows against the load view of the same period (figures of docs/metrics.md "Per window"). */
function expectWindowsEqual(hist: HistoryAnswer, load: LoadView): void {
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
function expectCategoriesEqual(hist: HistoryAnswer, load: LoadView): void {
  const rows = new Map(hist.rows.map((r) => [r.key, r]));
  const fromHistory = load.categories.map((c) => ({ categoryId: c.categoryId, arrivals: rows.get(c.categoryId)?.arrivals ?? 0, waitMaxSeconds: rows.get(c.categoryId)?.waitMaxSeconds ?? null }));
  const fromLoad = load.categories.map((c) => ({ categoryId: c.categoryId, arrivals: c.arrivals, waitMaxSeconds: c.maxWaitSeconds }));
  expect(fromHistory).toEqual(fromLoad);
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

beforeAll(async () => {
  await server.start();
  admin = new Api(server.url, server.adminToken);
  expect((await admin.putHall(HALL, demoHall)).status).toBe(201);
  expect((await admin.putHall(OTHER, demoHall)).status).toBe(201);
  const issue = async (req: { role: string; hallId?: string; windowId?: string }) => {
    const res = await admin.createToken(req);
    if (res.status !== 201) throw new Error(`token not issued: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token;
  };
  tokens.manager = await issue({ role: "manager", hallId: HALL });
  tokens.staff = await issue({ role: "staff", hallId: HALL, windowId: "w01" });
  tokens.display = await issue({ role: "display", hallId: HALL });
  tokens.device = await issue({ role: "device", hallId: HALL });
  tokens.hallAdmin = await issue({ role: "admin", hallId: HALL });
  tokens.otherManager = await issue({ role: "manager", hallId: OTHER });

  // Three realistic days (~3,400 events each), in batches of 500 with a device token.
  const device = admin.as(tokens.device);
  for (const [i, date] of DAYS.entries()) await sendAll(generateHallDay({ hall: demoHall, hallId: HALL, date, seed: 11 + i, params: demoSimParams }), device);
  await settle();
});

afterAll(async () => {
  await server.stop();
  server.remove();
});

describe("GET …/history: a day's figures equal the figures over raw events", () => {
  it("uses three past weekdays (Tuesday to Thursday)", () => {
    expect(DAYS.map(isoWeekdayOf)).toEqual([2, 3, 4]);
    expect(D3 < addDays(TODAY, -2)).toBe(true);
  });

  it("per window: served, utilization, avgHandleSeconds and ratingAvg equal /load and the log", async () => {
    for (const day of DAYS) {
      const hist = await history(day, day, "window");
      const load = await loadOfDay(day);
      const log = await figuresFromLogOf(server, HALL, demoHall, midnightMs(day), midnightMs(addDays(day, 1)));
      // The log folded by the pure domain agrees with the server's range view.
      expect(load.windows).toEqual(log.windows);
      expect(load.categories).toEqual(log.categories);
      expect(load.imbalance).toEqual(log.imbalance);

      expect(hist.groupBy).toBe("window");
      expect(hist.from).toBe(new Date(midnightMs(day)).toISOString());
      expect(hist.to).toBe(new Date(midnightMs(addDays(day, 1))).toISOString());
      expect(sum(load.windows.map((w) => w.served))).toBeGreaterThan(500); // a realistic day, not an empty one
      expectWindowsEqual(hist, load);
      expectWindowsEqual(hist, log);
      expect(hist.imbalance.map((x) => x.day)).toEqual([day]);
      expect(hist.imbalance[0]?.cv).toBeGreaterThan(0);
    }
  });

  it("imbalance: each day's cv equals the load view's imbalance.cv of that day (exactly, as every history figure)", async () => {
    const perDay = await Promise.all(DAYS.map(loadOfDay));
    const single = await Promise.all(DAYS.map((d) => history(d, d, "window")));
    const all = await history(D1, D3, "day");
    const expected = perDay.map((l, i) => ({ day: DAYS[i], cv: l.imbalance.cv }));
    for (const [i, h] of single.entries()) expect(h.imbalance[0]?.cv).toBeCloseTo(expected[i]?.cv as number, 12);
    expect(single.map((h) => h.imbalance)).toEqual(expected.map((x) => [x]));
    expect(all.imbalance).toEqual(expected);
  });

  it("per category: arrivals and the longest wait equal /load", async () => {
    for (const day of DAYS) {
      const hist = await history(day, day, "category");
      const load = await loadOfDay(day);
      for (const r of hist.rows) expect(demoHall.categories.map((c) => c.id)).toContain(r.key);
      expectCategoriesEqual(hist, load);
    }
  });

  it("a 15-minute-aligned period inside a day equals /load of that period", async () => {
    const from = `${D1}T10:00:00+08:00`;
    const to = `${D1}T11:45:00+08:00`;
    const hist = await history(from, to, "window");
    const res = await admin.load(HALL, { from, to });
    expect(res.status).toBe(200);
    expect(hist.from).toBe(new Date(Date.parse(from)).toISOString());
    expect(hist.to).toBe(new Date(Date.parse(to)).toISOString());
    expectWindowsEqual(hist, res.body);
    expectCategoriesEqual(await history(from, to, "category"), res.body);
  });

  it("groupBy=day over the three days: one row per day whose served and arrivals are the day's figures", async () => {
    const hist = await history(D1, D3, "day");
    expect(hist.rows.map((r) => r.key)).toEqual(DAYS);
    const perDay = await Promise.all(DAYS.map(loadOfDay));
    expect(hist.rows.map((r) => ({ served: r.served, arrivals: r.arrivals }))).toEqual(
      perDay.map((l) => ({ served: sum(l.windows.map((w) => w.served)), arrivals: sum(l.categories.map((c) => c.arrivals)) })),
    );
    expect(hist.imbalance.map((x) => x.day)).toEqual(DAYS);
  });

  it("the answer carries pendingDays, 0 once the rollups settled", async () => {
    const s = await status();
    expect(s).toMatchObject({ pendingDays: 0, running: null, failed: 0 });
    expect(s.completed).toBeGreaterThanOrEqual(DAYS.length);
    const hist = await history(D1, D3, "day");
    expect(hist.pendingDays).toBe(0);
    expect(Object.keys(hist).sort()).toEqual(["from", "groupBy", "imbalance", "pendingDays", "priorityWaits", "rows", "to"]);
  });
});

describe("GET …/history: waits by nearest rank, recomputed from the Event table", () => {
  /** For each ticket first called in [from, to): its wait (first call − earliest issue, at least 0). */
  async function waitsFromEventTable(from: number, to: number): Promise<{ categoryId: string; windowId: string; waitMs: number }[]> {
    const rows = await withLogDb(server, (db) =>
      db.all<{ eventId: string; type: string; tsMs: number; ticketId: string; payload: string }>(
        `select "eventId", "type", "tsMs", "ticketId", "payload" from "Event" where "hallId" = ? and "type" in ('ticket.issued', 'ticket.called')`,
        [HALL],
      ),
    );
    const ordered = rows.map((r) => ({ ...r, ts: Number(r.tsMs), id: r.eventId })).sort(byEventOrder);
    const issued = new Map<string, { ts: number; categoryId: string }>();
    const called = new Map<string, { ts: number; windowId: string }>();
    for (const r of ordered) {
      const p = JSON.parse(r.payload) as { categoryId?: string; windowId?: string };
      if (r.type === "ticket.issued" && !issued.has(r.ticketId)) issued.set(r.ticketId, { ts: r.ts, categoryId: p.categoryId as string });
      if (r.type === "ticket.called" && !called.has(r.ticketId)) called.set(r.ticketId, { ts: r.ts, windowId: p.windowId as string });
    }
    const out: { categoryId: string; windowId: string; waitMs: number }[] = [];
    for (const [ticketId, c] of called) {
      const i = issued.get(ticketId);
      if (!i || c.ts < from || c.ts >= to) continue;
      out.push({ categoryId: i.categoryId, windowId: c.windowId, waitMs: Math.max(0, c.ts - i.ts) });
    }
    return out;
  }

  const TARGET_MS = (demoHall.targets.waitMinutes as number) * 60_000;
  function waitFigures(waits: readonly number[]) {
    return {
      waitP50Seconds: waits.length === 0 ? null : (nearestRankOf(waits, 50) as number) / 1000,
      waitP90Seconds: waits.length === 0 ? null : (nearestRankOf(waits, 90) as number) / 1000,
      waitMaxSeconds: waits.length === 0 ? null : Math.max(...waits) / 1000,
      withinTargetShare: waits.length === 0 ? null : waits.filter((w) => w <= TARGET_MS).length / waits.length,
    };
  }
  const pick = (r: HistoryRow | undefined) =>
    r ? { waitP50Seconds: r.waitP50Seconds, waitP90Seconds: r.waitP90Seconds, waitMaxSeconds: r.waitMaxSeconds, withinTargetShare: r.withinTargetShare } : waitFigures([]);

  it("groupBy=category: p50, p90, max and withinTargetShare of the tickets first called that day, by issue category", async () => {
    const waits = await waitsFromEventTable(midnightMs(D1), midnightMs(addDays(D1, 1)));
    expect(waits.length).toBeGreaterThan(500);
    const hist = await history(D1, D1, "category");
    const rows = new Map(hist.rows.map((r) => [r.key, r]));
    const ids = demoHall.categories.map((c) => c.id);
    const expected = ids.map((id) => ({ id, ...waitFigures(waits.filter((w) => w.categoryId === id).map((w) => w.waitMs)) }));
    expect(ids.map((id) => ({ id, ...pick(rows.get(id)) }))).toEqual(expected);
    // The planted imbalance: 不动产登记 waits long, so some of its tickets miss the 20-minute target.
    expect(rows.get("real-estate")?.withinTargetShare).toBeLessThan(1);
  });

  it("groupBy=window: the same waits, by the window of the first call", async () => {
    const waits = await waitsFromEventTable(midnightMs(D1), midnightMs(addDays(D1, 1)));
    const hist = await history(D1, D1, "window");
    const rows = new Map(hist.rows.map((r) => [r.key, r]));
    const expected = windowIds.map((id) => ({ id, ...waitFigures(waits.filter((w) => w.windowId === id).map((w) => w.waitMs)) }));
    expect(windowIds.map((id) => ({ id, ...pick(rows.get(id)) }))).toEqual(expected);
    // Window rows' arrivals are the tickets first called there.
    expect(windowIds.map((id) => rows.get(id)?.arrivals ?? 0)).toEqual(windowIds.map((id) => waits.filter((w) => w.windowId === id).length));
  });
});

describe("GET …/history: hour, weekday and department groupings", () => {
  it("groupBy=hour: keys are hall-local hours 0–23; arrivals by issue hour, served by completion hour", async () => {
    const from = midnightMs(D1);
    const to = midnightMs(addDays(D1, 1));
    const hist = await history(D1, D1, "hour");
    const keys = hist.rows.map((r) => r.key);
    for (const k of keys) {
      expect(typeof k).toBe("number");
      expect(Number.isInteger(k) && (k as number) >= 0 && (k as number) <= 23).toBe(true);
    }
    expect(keys).toEqual([...keys].sort((a, b) => (a as number) - (b as number)));
    for (let h = 8; h <= 17; h++) expect(keys).toContain(h);
    expect(keys).not.toContain(3);
    expect(keys.every((k) => (k as number) >= 8 && (k as number) <= 18)).toBe(true);

    const raw = analyse(await eventsInLogOf(server, HALL));
    const count = (times: number[]) => {
      const m = new Map<number, number>();
      for (const t of times) if (t >= from && t < to) m.set(localHourOf(t), (m.get(localHourOf(t)) ?? 0) + 1);
      return m;
    };
    const arrivals = count([...raw.issues.values()].map((i) => i.ts));
    const served = count(raw.completions.map((c) => c.end));
    expect(hist.rows.map((r) => ({ hour: r.key, arrivals: r.arrivals, served: r.served }))).toEqual(
      keys.map((h) => ({ hour: h, arrivals: arrivals.get(h as number) ?? 0, served: served.get(h as number) ?? 0 })),
    );
    // Nothing outside the listed hours.
    expect([...arrivals.keys(), ...served.keys()].every((h) => keys.includes(h))).toBe(true);
  });

  it("groupBy=weekday: ISO weekdays (a Tuesday is 2), each with its day's figures", async () => {
    const one = await history(D1, D1, "weekday");
    expect(one.rows.map((r) => r.key)).toEqual([2]);
    const day = await history(D1, D1, "day");
    expect(one.rows[0]).toEqual({ ...day.rows[0], key: 2 });

    const three = await history(D1, D3, "weekday");
    expect(three.rows.map((r) => r.key)).toEqual([2, 3, 4]);
    const days = await history(D1, D3, "day");
    expect(three.rows.map((r) => ({ ...r, key: 0 }))).toEqual(days.rows.map((r) => ({ ...r, key: 0 })));
  });

  it("groupBy=department: each department's served and arrivals are the sums of its windows'", async () => {
    const byWindow = await history(D1, D1, "window");
    const byDept = await history(D1, D1, "department");
    const expected = new Map<string, { served: number; arrivals: number; noShows: number; poorRatings: number }>();
    for (const r of byWindow.rows) {
      const d = departmentOf.get(r.key as string) as string;
      const x = expected.get(d) ?? { served: 0, arrivals: 0, noShows: 0, poorRatings: 0 };
      x.served += r.served;
      x.arrivals += r.arrivals;
      x.noShows += r.noShows;
      x.poorRatings += r.poorRatings;
      expected.set(d, x);
    }
    expect(new Set(byDept.rows.map((r) => r.key))).toEqual(new Set(expected.keys()));
    for (const r of byDept.rows) expect({ key: r.key, served: r.served, arrivals: r.arrivals, noShows: r.noShows, poorRatings: r.poorRatings }).toEqual({ key: r.key, ...expected.get(r.key as string) });
    // Utilization of a department: Σ busy / Σ open of its windows (from the load view's seconds).
    const load = await loadOfDay(D1);
    for (const r of byDept.rows) {
      const ws = load.windows.filter((w) => departmentOf.get(w.windowId) === r.key);
      const open = sum(ws.map((w) => w.openSeconds));
      expect(r.utilization).toBeCloseTo(open > 0 ? sum(ws.map((w) => w.busySeconds)) / open : 0, 12);
    }
  });
});

describe("late events and rebuilds", () => {
  it("a late batch for a past day corrects that day's buckets", async () => {
    const before = (await history(D2, D2, "day")).rows[0] as HistoryRow;
    const beforeCat = (await history(D2, D2, "category")).rows.find((r) => r.key === "real-estate") as HistoryRow;
    const at = (hhmm: string) => `${D2}T${hhmm}:00+08:00`;
    const ticketId = `late-${D2}-1`;
    const base = { hallId: HALL };
    await sendAll([
      { ...base, id: `late:${D2}:1`, ts: at("10:00"), type: "ticket.issued", ticketId, ticketNo: "L001", categoryId: "real-estate", channel: "kiosk" },
      { ...base, id: `late:${D2}:2`, ts: at("10:02"), type: "ticket.called", ticketId, windowId: "w11" },
      { ...base, id: `late:${D2}:3`, ts: at("10:03"), type: "service.started", ticketId, windowId: "w11" },
      { ...base, id: `late:${D2}:4`, ts: at("10:09"), type: "service.completed", ticketId, windowId: "w11", outcome: "done" },
    ]);
    await settle();

    const day = await history(D2, D2, "day");
    expect(day.pendingDays).toBe(0);
    const after = day.rows[0] as HistoryRow;
    expect({ served: after.served, arrivals: after.arrivals }).toEqual({ served: before.served + 1, arrivals: before.arrivals + 1 });
    const afterCat = (await history(D2, D2, "category")).rows.find((r) => r.key === "real-estate") as HistoryRow;
    expect({ served: afterCat.served, arrivals: afterCat.arrivals }).toEqual({ served: beforeCat.served + 1, arrivals: beforeCat.arrivals + 1 });

    const load = await loadOfDay(D2);
    expectWindowsEqual(await history(D2, D2, "window"), load);
    expectCategoriesEqual(await history(D2, D2, "category"), load);
    expect(after.served).toBe(sum(load.windows.map((w) => w.served)));
    expect(after.arrivals).toBe(sum(load.categories.map((c) => c.arrivals)));
  });

  const GROUPS: HistoryGroup[] = ["window", "department", "category", "hour", "weekday", "day"];
  async function snapshot(): Promise<Record<string, Omit<HistoryResponse, "pendingDays">>> {
    const out: Record<string, Omit<HistoryResponse, "pendingDays">> = {};
    for (const g of GROUPS) {
      const { pendingDays: _pending, ...body } = await history(D1, D3, g);
      out[g] = body;
    }
    return out;
  }

  it("POST …/history/rebuild is admin only, answers 202 with the marked days, and leaves the figures unchanged", async () => {
    const before = await snapshot();
    const path = `/api/halls/${HALL}/history/rebuild`;
    expect((await admin.as(tokens.manager).request("POST", path)).status).toBe(403);
    expect((await admin.as(tokens.staff).request("POST", path)).status).toBe(403);
    expect((await admin.as(tokens.otherManager).request("POST", path)).status).toBe(403);
    expect((await admin.as(null).request("POST", path)).status).toBe(401);

    const res = await admin.as(tokens.hallAdmin).request<{ markedDays: number } & RollupStatus>("POST", path);
    expect(res.status).toBe(202);
    expect(res.body.markedDays).toBeGreaterThanOrEqual(3);
    expect(res.body.pendingDays).toBeGreaterThan(0);
    await settle();
    expect(await snapshot()).toEqual(before);
  });

  it("rebuilds the same figures after the rollup rows were wiped from the storage", async () => {
    const before = await snapshot();
    await withLogDb(
      server,
      (db) =>
        db.exec(`delete from "WindowRollup"; delete from "CategoryRollup"; delete from "WaitSample"; delete from "WindowDay"; delete from "CategoryDay"; delete from "HourDay"; delete from "WaitDay";`),
      { write: true },
    );
    // The rows are gone: history is empty until the rebuild.
    const empty = await history(D1, D3, "window");
    expect({ rows: empty.rows, imbalance: empty.imbalance }).toEqual({ rows: [], imbalance: [] });

    const res = await admin.request<{ markedDays: number }>("POST", `/api/halls/${HALL}/history/rebuild`);
    expect(res.status).toBe(202);
    expect(res.body.markedDays).toBeGreaterThanOrEqual(3);
    // Today was recomputed by the previous rebuild moments ago and waits up to 30 s; the past days do not.
    await settle({ todayMayWait: true });
    expect(await snapshot()).toEqual(before);
    expectWindowsEqual(await history(D3, D3, "window"), await loadOfDay(D3));
  });
});

describe("GET …/history: validation and roles", () => {
  const get = (query: string, token: string | null = server.adminToken) => admin.as(token).request<ErrorBody>("GET", `/api/halls/${HALL}/history?${query}`);
  const q = (from: string, to: string, groupBy = "day") => `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&groupBy=${groupBy}`;

  it.each([
    ["an unknown groupBy", q(D1, D1, "month"), "groupBy"],
    ["a missing from", `to=${D1}&groupBy=day`, "from"],
    ["a missing to", `from=${D1}&groupBy=day`, "to"],
    ["a from that is neither a date nor a time", q("yesterday", D1), "from"],
    ["a from not on a 15-minute boundary", q(`${D1}T10:05:00+08:00`, D1), "from"],
    ["a to not on a 15-minute boundary", q(D1, `${D1}T10:20:30+08:00`), "to"],
    ["a to before from", q(D2, D1), "to"],
    ["a to equal to from (as times)", q(`${D1}T10:00:00+08:00`, `${D1}T10:00:00+08:00`), "to"],
    ["a period of more than a year", q("2024-01-01", "2025-06-30"), "to"],
  ])("answers 400 for %s", async (_name, query, field) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("bad_request");
    expect(res.body.error.field).toBe(field);
  });

  it("answers 400 for a date that does not exist (2026-02-30, 2026-13-01)", async () => {
    for (const bad of ["2026-02-30", "2026-13-01"]) {
      const res = await get(q(bad, bad));
      expect(res.status, `from=to=${bad}`).toBe(400);
      expect(res.body.error.field).toBe("from");
    }
  });

  it("accepts a period of exactly a year, and times with any offset on a 15-minute boundary", async () => {
    expect((await get(q(addDays(D1, -364), D1))).status).toBe(200);
    expect((await get(q(`${D1}T02:00:00Z`, `${D1}T04:15:00+02:00`))).status).toBe(200);
  });

  it("lets admin and manager read, forbids staff, display, device and another hall's tokens, and needs a token", async () => {
    const query = q(D1, D1);
    expect((await get(query)).status).toBe(200);
    expect((await get(query, tokens.hallAdmin)).status).toBe(200);
    expect((await get(query, tokens.manager)).status).toBe(200);
    for (const t of [tokens.staff, tokens.display, tokens.device, tokens.otherManager]) expect((await get(query, t)).status).toBe(403);
    expect((await get(query, null)).status).toBe(401);
    expect((await get(query, "not-a-real-token-0123456789")).status).toBe(401);
    // A manager sees the same figures as the admin.
    expect((await get(query, tokens.manager)).body).toEqual((await get(query)).body);
  });

  it("…/history/status: admin and manager only", async () => {
    const path = `/api/halls/${HALL}/history/status`;
    expect((await admin.as(tokens.manager).request("GET", path)).status).toBe(200);
    for (const t of [tokens.staff, tokens.display, tokens.device, tokens.otherManager]) expect((await admin.as(t).request("GET", path)).status).toBe(403);
    expect((await admin.as(null).request("GET", path)).status).toBe(401);
  });

  it("answers 404 for an unknown hall", async () => {
    expect((await admin.request("GET", `/api/halls/no-such-hall/history?${q(D1, D1)}`)).status).toBe(404);
  });
});

describe("GET …/history: idle while waiting and priority waits (issue #9)", () => {
  const FLOOR = "hist-floor";
  const at = (time: string) => `${D1}T${time}:00+08:00`;
  let n = 0;
  const e = (time: string, fields: Record<string, unknown>) => ({ id: `fl-${++n}`, hallId: FLOOR, ts: at(time), ...fields });
  const issued = (time: string, ticketId: string, priority: "normal" | "green" | "appointment") =>
    e(time, { type: "ticket.issued", ticketId, ticketNo: ticketId.toUpperCase(), categoryId: "housing-fund", channel: "kiosk", priority });
  const floorHistory = async (groupBy: HistoryGroup, from = D1, to = D1) => {
    const res = await admin.request<HistoryAnswer>("GET", `/api/halls/${FLOOR}/history?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&groupBy=${groupBy}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    expect((await admin.putHall(FLOOR, demoHall)).status).toBe(201);
    // w13 (公积金 only) opens at 9:00. n1 waits; g1 (绿色通道) comes at 9:10 and is called first at 9:20:
    // idle 9:05–9:20. n1 is called at 9:26, n2 (issued 9:40) only at 10:00: idle 9:45–10:00. The
    // appointment p1 (9:41) is called at 10:10, 5 minutes after n2 is done: grace, not idle.
    const events = [
      e("09:00", { type: "window.opened", windowId: "w13", staffId: "s13" }),
      issued("09:00", "n1", "normal"),
      issued("09:10", "g1", "green"),
      e("09:20", { type: "ticket.called", ticketId: "g1", windowId: "w13" }),
      e("09:25", { type: "service.completed", ticketId: "g1", windowId: "w13", outcome: "done" }),
      e("09:26", { type: "ticket.called", ticketId: "n1", windowId: "w13" }),
      e("09:30", { type: "service.completed", ticketId: "n1", windowId: "w13", outcome: "done" }),
      issued("09:40", "n2", "normal"),
      issued("09:41", "p1", "appointment"),
      e("10:00", { type: "ticket.called", ticketId: "n2", windowId: "w13" }),
      e("10:05", { type: "service.completed", ticketId: "n2", windowId: "w13", outcome: "done" }),
      e("10:10", { type: "ticket.called", ticketId: "p1", windowId: "w13" }),
      e("10:15", { type: "service.completed", ticketId: "p1", windowId: "w13", outcome: "done" }),
      e("10:30", { type: "window.closed", windowId: "w13" }),
    ];
    const res = await admin.postEvents(FLOOR, events);
    expect(res.status).toBe(200);
    expect(res.body.results.filter((r) => r.status !== "accepted")).toEqual([]);
    const deadline = Date.now() + 60_000;
    while ((await admin.request<RollupStatus>("GET", `/api/halls/${FLOOR}/history/status`)).body.pendingDays > 0) {
      if (Date.now() > deadline) throw new Error(`floor hall rollups not settled\n${server.output}`);
      await sleep(100);
    }
  });

  it("by window: the idle minutes and episodes of the day (the grace excluded), 0 for the others", async () => {
    const hist = await floorHistory("window");
    const w13 = hist.rows.find((r) => r.key === "w13");
    expect(w13).toMatchObject({ idleMinutes: 30, idleEpisodes: 2 });
    for (const r of hist.rows) if (r.key !== "w13") expect([r.idleMinutes, r.idleEpisodes]).toEqual([0, 0]);
    const dept = (await floorHistory("department")).rows.find((r) => r.key === departmentOf.get("w13"));
    expect(dept).toMatchObject({ idleMinutes: 30, idleEpisodes: 2 });
    // Other groupings carry no idle figures; a period without a whole day carries none either.
    expect((await floorHistory("category")).rows[0]?.idleMinutes).toBeUndefined();
    const partial = await floorHistory("window", at("09:00"), at("12:00"));
    expect(partial.rows.find((r) => r.key === "w13")).toMatchObject({ idleMinutes: 0, idleEpisodes: 0 });
    expect(partial.priorityWaits).toEqual([]);
  });

  it("priority waits: green and appointment tickets beside the normal ones, for the hall and the category", async () => {
    const hist = await floorHistory("window", D1, D3);
    const M = 60;
    // Normal waits 20 and 26 minutes (p50 20, p90 26); green 10; appointment 29.
    const expected = [
      { priority: "normal", count: 2, p50Seconds: 20 * M, p90Seconds: 26 * M, p50RatioToNormal: 1, p90RatioToNormal: 1 },
      { priority: "green", count: 1, p50Seconds: 10 * M, p90Seconds: 10 * M, p50RatioToNormal: 0.5, p90RatioToNormal: 10 / 26 },
      { priority: "appointment", count: 1, p50Seconds: 29 * M, p90Seconds: 29 * M, p50RatioToNormal: 29 / 20, p90RatioToNormal: 29 / 26 },
    ];
    expect(hist.priorityWaits).toEqual([...expected.map((x) => ({ categoryId: null, ...x })), ...expected.map((x) => ({ categoryId: "housing-fund", ...x }))]);
  });

  it("the demo hall's priority waits equal the ones recomputed from the Event table (first call − issue, by priority)", async () => {
    const events = await eventsInLogOf(server, HALL);
    const issue = new Map<string, { ts: number; priority: string }>();
    const call = new Map<string, number>();
    for (const ev of [...events].sort((a, b) => byEventOrder({ ts: Date.parse(a.ts), type: a.type, id: a.id }, { ts: Date.parse(b.ts), type: b.type, id: b.id }))) {
      if (ev.type === "ticket.issued" && !issue.has(ev.ticketId)) issue.set(ev.ticketId, { ts: Date.parse(ev.ts), priority: ev.priority ?? "normal" });
      if (ev.type === "ticket.called" && !call.has(ev.ticketId)) call.set(ev.ticketId, Date.parse(ev.ts));
    }
    const byPriority = new Map<string, number[]>();
    for (const [ticketId, c] of call) {
      const i = issue.get(ticketId);
      if (!i || c < midnightMs(D1) || c >= midnightMs(addDays(D1, 1))) continue;
      byPriority.set(i.priority, [...(byPriority.get(i.priority) ?? []), Math.max(0, c - i.ts)]);
    }
    const hist = await history(D1, D1, "window");
    const hall = (hist.priorityWaits ?? []).filter((r) => r.categoryId === null);
    expect(hall.length).toBeGreaterThan(1);
    for (const r of hall) {
      const waits = byPriority.get(r.priority) ?? [];
      expect([r.count, r.p50Seconds, r.p90Seconds]).toEqual([waits.length, (nearestRankOf(waits, 50) as number) / 1000, (nearestRankOf(waits, 90) as number) / 1000]);
    }
  });
});
