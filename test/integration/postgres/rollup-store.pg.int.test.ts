// PgRollupStore on a real PostgreSQL database made by the committed PostgreSQL migrations: the same
// assertions as the SQLite RollupStore's tests (server/adapters/rollup/rollup-store.test.ts) — hour cells
// summed in SQL equal the cells folded from the stored buckets, also after a day is written again; the
// floor rows read back exactly — and, for the same days written to both, every read and the history,
// staffing and monthly answers built on them equal the SQLite store's. Plus the worker's side: marks,
// dirty days, pending and the event span.
import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDayRange, type HistoryGroup } from "../../../contract/index.js";
import { DEMO_HALL_ID, demoHall, demoSimParams } from "../../../simulator/demo-hall.js";
import { generateHallDay } from "../../../simulator/generate-day.js";
import { daysOf, historyOf, hourCellsOf } from "../../../server/app/history-query.js";
import { PgEventLog } from "../../../server/adapters/postgres/event-log.js";
import { PgRollupStore } from "../../../server/adapters/postgres/rollup-store.js";
import { RollupStore } from "../../../server/adapters/rollup/rollup-store.js";
import { freshDatabase, removeTestDatabases } from "../../../server/adapters/sqlite/test-database.js";
import { HallFacts } from "../../../server/domain/hall-facts.js";
import { foldHourCells, type DayRollup, type HourCells } from "../../../server/domain/history/day-rollup.js";
import { floorDayOf, priorityComparison, type FloorDays } from "../../../server/domain/history/floor-days.js";
import { computeRollup, type Rollup } from "../../../server/domain/history/rollup.js";
import { at as fx, ev, factsOf, hallConfig } from "../../../server/domain/test-fixtures.js";
import { migratedPostgres, type MigratedPostgres } from "./migrated-postgres.js";

let pgdb: MigratedPostgres;
let store: PgRollupStore;
let sqlite: Database.Database;
let lite: RollupStore;

beforeAll(async () => {
  pgdb = await migratedPostgres("hallpulse_rollups");
  store = new PgRollupStore(pgdb.pool);
  sqlite = freshDatabase();
  lite = new RollupStore(sqlite);
}, 180_000);

afterAll(async () => {
  sqlite?.close();
  removeTestDatabases();
  await pgdb?.close();
});

/** Cells summed per key, in a fixed order, for comparison. */
function summed(c: HourCells) {
  const w = new Map<string, [number, number]>();
  for (const x of c.windows) {
    const k = `${x.windowId} ${x.weekday} ${x.hour}`;
    const a = w.get(k) ?? [0, 0];
    w.set(k, [a[0] + x.openMs, a[1] + x.busyMs]);
  }
  const k = new Map<string, [number, number, number]>();
  for (const x of c.categories) {
    const key = `${x.categoryId} ${x.weekday} ${x.hour}`;
    const a = k.get(key) ?? [0, 0, 0];
    k.set(key, [a[0] + x.arrivals, a[1] + x.handleMsSum, a[2] + x.handleCount]);
  }
  return { windows: [...w].sort(), categories: [...k].sort() };
}

/** Rows in a fixed order (their JSON), typed arrays as plain arrays: the two stores need not agree on order. */
const canonical = (rows: readonly object[]) =>
  rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v])))).sort();
const canonicalDays = (d: DayRollup) => ({ windows: canonical(d.windows), categories: canonical(d.categories), hours: canonical(d.hours), waits: canonical(d.waits) });
const canonicalBuckets = (r: Rollup) => ({ windows: canonical(r.windows), categories: canonical(r.categories), waits: canonical(r.waits) });

describe("PgRollupStore hour cells", () => {
  const tz = demoHall.timezone;
  const days = ["2026-11-16", "2026-11-17", "2026-11-18"];
  const facts = new HallFacts();
  for (const [i, day] of days.entries()) for (const e of generateHallDay({ hall: demoHall, hallId: DEMO_HALL_ID, date: day, seed: i + 3, params: demoSimParams })) facts.add(e);
  const write = async () => {
    for (const day of days) {
      const { start, end } = localDayRange(day, tz);
      const rollup = computeRollup(facts, demoHall, start, end);
      await store.writeDay(DEMO_HALL_ID, day, start, end, rollup, 0, 0, tz);
      lite.writeDay(DEMO_HALL_ID, day, start, end, rollup, 0, 0, tz);
    }
  };
  beforeAll(write, 60_000);
  const at = (day: string, time: string) => Date.parse(`${day}T${time}:00+08:00`);
  const periods: [string, number, number][] = [
    ["whole days", localDayRange("2026-11-16", tz).start, localDayRange("2026-11-18", tz).end],
    ["partial days at both ends", at("2026-11-16", "10:15"), at("2026-11-18", "14:45")],
    ["within one day", at("2026-11-17", "09:00"), at("2026-11-17", "12:30")],
  ];

  for (const [name, from, to] of periods)
    it(`${name}: equal the cells folded from the stored buckets, and the SQLite store's`, async () => {
      const got = summed(await hourCellsOf(store, DEMO_HALL_ID, tz, from, to));
      expect(got).toEqual(summed(foldHourCells(await store.read(DEMO_HALL_ID, from, to), tz)));
      expect(got.windows.length).toBeGreaterThan(20);
      expect(got.categories.length).toBeGreaterThan(20);
      expect(got).toEqual(summed(await hourCellsOf(lite, DEMO_HALL_ID, tz, from, to)));
    });

  it("a day written again replaces its cells", async () => {
    const whole = periods[0] as [string, number, number];
    const before = summed(await hourCellsOf(store, DEMO_HALL_ID, tz, whole[1], whole[2]));
    await write();
    expect(summed(await hourCellsOf(store, DEMO_HALL_ID, tz, whole[1], whole[2]))).toEqual(before);
  });

  it("reads the same buckets and day level as the SQLite store", async () => {
    for (const [, from, to] of periods) expect(canonicalBuckets(await store.read(DEMO_HALL_ID, from, to))).toEqual(canonicalBuckets(await lite.read(DEMO_HALL_ID, from, to)));
    const pgDays = await store.readDays(DEMO_HALL_ID, "2026-11-16", "2026-11-18");
    expect(pgDays.waits[0]?.waits).toBeInstanceOf(Float64Array);
    expect(pgDays.waits[0]?.hours).toBeInstanceOf(Uint8Array);
    expect(pgDays.windows.length).toBeGreaterThan(5);
    expect(canonicalDays(pgDays)).toEqual(canonicalDays(await lite.readDays(DEMO_HALL_ID, "2026-11-16", "2026-11-18")));
    expect(canonicalDays(await store.readDays(DEMO_HALL_ID, "2026-11-17", "2026-11-17"))).toEqual(canonicalDays(await lite.readDays(DEMO_HALL_ID, "2026-11-17", "2026-11-17")));
    expect(await store.readDays("another-hall", "2026-11-16", "2026-11-18")).toEqual({ windows: [], categories: [], hours: [], waits: [] });
  });

  it("answers history and the monthly days exactly as on SQLite, for every grouping and period shape", async () => {
    for (const [, from, to] of periods)
      for (const groupBy of ["window", "department", "category", "hour", "weekday", "day"] as HistoryGroup[])
        expect(await historyOf(store, DEMO_HALL_ID, demoHall, from, to, groupBy)).toEqual(await historyOf(lite, DEMO_HALL_ID, demoHall, from, to, groupBy));
    const whole = periods[0] as [string, number, number];
    expect(canonicalDays(await daysOf(store, DEMO_HALL_ID, tz, whole[1], whole[2]))).toEqual(canonicalDays(await daysOf(lite, DEMO_HALL_ID, tz, whole[1], whole[2])));
  });
});

describe("PgRollupStore floor rows (issue #9)", () => {
  const tz = demoHall.timezone;
  const HALL = "floor-hall";
  const days = ["2026-11-16", "2026-11-17"];
  const facts = new HallFacts();
  for (const [i, day] of days.entries()) for (const e of generateHallDay({ hall: demoHall, hallId: DEMO_HALL_ID, date: day, seed: i + 11, params: demoSimParams })) facts.add(e);
  const computed: FloorDays[] = [];
  const write = async () => {
    computed.length = 0;
    for (const day of days) {
      const { start, end } = localDayRange(day, tz);
      const rollup = computeRollup(facts, demoHall, start, end);
      const floor = floorDayOf(facts, demoHall, day, start, end, end, rollup.waits);
      computed.push(floor);
      await store.writeDay(HALL, day, start, end, rollup, 0, 0, tz, floor);
    }
  };
  beforeAll(write, 60_000);
  const sortIdle = (rows: FloorDays["idle"]) => [...rows].map((r) => ({ ...r })).sort((a, b) => (a.day + a.windowId < b.day + b.windowId ? -1 : 1));

  it("stores each window-day's idle time and episodes and reads them back exactly", async () => {
    const stored = await store.readFloorDays(HALL, days[0] as string, days[1] as string);
    expect(sortIdle(stored.idle)).toEqual(sortIdle(computed.flatMap((d) => d.idle)));
    // A planted idle window of a small hall, beside the demo hall (rows are per hall).
    const hall = hallConfig();
    const idleFacts = factsOf([ev.opened(fx(9), "w1"), ev.issued(fx(9), "a", "c1"), ev.called(fx(9, 20), "a", "w1"), ev.completed(fx(9, 30), "a", "w1"), ev.issued(fx(10), "b", "c1")]);
    const { start, end } = localDayRange("2025-03-10", hall.timezone);
    const rollup = computeRollup(idleFacts, hall, start, end);
    await store.writeDay("idle-hall", "2025-03-10", start, end, rollup, 0, 0, hall.timezone, floorDayOf(idleFacts, hall, "2025-03-10", start, end, fx(10, 30), rollup.waits));
    expect((await store.readFloorDays("idle-hall", "2025-03-01", "2025-03-31")).idle).toEqual([{ day: "2025-03-10", windowId: "w1", idleMs: 40 * 60_000, episodes: 2 }]);
    expect((await store.readFloorDays("idle-hall", "2025-03-11", "2025-03-31")).idle).toEqual([]);
  });

  it("stores the waits by category and priority: the comparison read back equals the one computed", async () => {
    const stored = await store.readFloorDays(HALL, days[0] as string, days[1] as string);
    const all = computed.flatMap((d) => d.priority);
    expect(stored.priority.reduce((n, g) => n + g.waits.length, 0)).toBe(all.reduce((n, g) => n + g.waits.length, 0));
    expect(priorityComparison(stored.priority)).toEqual(priorityComparison(all));
    expect(new Set(stored.priority.map((g) => g.priority)).size).toBeGreaterThan(1);
  });

  it("a day written again replaces its floor rows", async () => {
    const before = await store.readFloorDays(HALL, days[0] as string, days[1] as string);
    await write();
    const after = await store.readFloorDays(HALL, days[0] as string, days[1] as string);
    expect(sortIdle(after.idle)).toEqual(sortIdle(before.idle));
    expect(after.priority.length).toBe(before.priority.length);
  });
});

describe("PgRollupStore marks (the rollup worker's side)", () => {
  const tz = demoHall.timezone;
  const HALL = "marks-hall";

  it("marks days, lists them oldest first, counts them pending, and clears a mark only for the generation computed", async () => {
    await store.markDays(HALL, ["2026-11-17", "2026-11-16"], 1000);
    await store.markDays(HALL, ["2026-11-17"], 2000);
    expect(await store.pending(HALL)).toBe(2);
    const dirty = (await store.dirtyDays(50)).filter((d) => d.hallId === HALL);
    expect(dirty).toEqual([
      { hallId: HALL, day: "2026-11-16", dirtyGen: 1, dirtySince: 1000 },
      { hallId: HALL, day: "2026-11-17", dirtyGen: 2, dirtySince: 1000 },
    ]);
    const empty: Rollup = { windows: [], categories: [], waits: [] };
    const d16 = localDayRange("2026-11-16", tz);
    const d17 = localDayRange("2026-11-17", tz);
    await store.writeDay(HALL, "2026-11-16", d16.start, d16.end, empty, 1, 3000, tz);
    // Computed from generation 1 while the day was marked again (generation 2): stays marked.
    await store.writeDay(HALL, "2026-11-17", d17.start, d17.end, empty, 1, 3000, tz);
    expect(await store.pending(HALL)).toBe(1);
    await store.writeDay(HALL, "2026-11-17", d17.start, d17.end, empty, 2, 4000, tz);
    expect(await store.pending(HALL)).toBe(0);
    expect((await store.dirtyDays(50)).filter((d) => d.hallId === HALL)).toEqual([]);
  });

  it("finds a hall's first and last event time in the log", async () => {
    expect(await store.eventSpan(HALL)).toBeNull();
    const log = new PgEventLog(pgdb.pool);
    const event = (id: string, ts: number) => ({ kind: "event" as const, hallId: HALL, event: { id, type: "ticket.issued" as const, hallId: HALL, ts: new Date(ts).toISOString(), ticketId: id, ticketNo: "A001", categoryId: "c1", channel: "kiosk" as const }, tsMs: ts, receivedMs: ts, rollupDays: [] });
    const t0 = Date.parse("2026-11-16T09:00:00+08:00");
    await log.append([event("e2", t0 + 3_600_000), event("e1", t0)]);
    await log.close();
    expect(await store.eventSpan(HALL)).toEqual({ first: t0, last: t0 + 3_600_000 });
  });
});
