// RollupStore on the schema made by the committed migrations: the hour cells writeDay stores and
// readHourCells sums in SQL give exactly the cells folded from the stored 15-minute buckets, also after a
// day is written again (replaced, not added).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { localDayRange } from "../../../contract/index.js";
import { DEMO_HALL_ID, demoHall, demoSimParams } from "../../../simulator/demo-hall.js";
import { generateHallDay } from "../../../simulator/generate-day.js";
import { projectRoot } from "../../project-root.js";
import { hourCellsOf } from "../../app/history-query.js";
import { HallFacts } from "../../domain/hall-facts.js";
import { foldHourCells, type HourCells } from "../../domain/history/day-rollup.js";
import { computeRollup } from "../../domain/history/rollup.js";
import { floorDayOf, priorityComparison, type FloorDays } from "../../domain/history/floor-days.js";
import { at as fx, ev, factsOf, hallConfig } from "../../domain/test-fixtures.js";
import { RollupStore } from "./rollup-store.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hallpulse-rollupstore-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function freshDatabase(file = "t.db"): Database.Database {
  const db = new Database(path.join(dir, file));
  const migrations = path.join(projectRoot(), "prisma", "migrations");
  for (const name of fs.readdirSync(migrations).filter((n) => /^\d/.test(n)).sort()) db.exec(fs.readFileSync(path.join(migrations, name, "migration.sql"), "utf8"));
  return db;
}

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

describe("RollupStore hour cells", () => {
  const tz = demoHall.timezone;
  const days = ["2026-11-16", "2026-11-17", "2026-11-18"];
  const db = freshDatabase();
  const store = new RollupStore(db);
  const facts = new HallFacts();
  for (const [i, day] of days.entries()) for (const e of generateHallDay({ hall: demoHall, hallId: DEMO_HALL_ID, date: day, seed: i + 3, params: demoSimParams })) facts.add(e);
  const write = () => {
    for (const day of days) {
      const { start, end } = localDayRange(day, tz);
      store.writeDay(DEMO_HALL_ID, day, start, end, computeRollup(facts, demoHall, start, end), 0, 0, tz);
    }
  };
  write();
  const at = (day: string, time: string) => Date.parse(`${day}T${time}:00+08:00`);
  const periods: [string, number, number][] = [
    ["whole days", localDayRange("2026-11-16", tz).start, localDayRange("2026-11-18", tz).end],
    ["partial days at both ends", at("2026-11-16", "10:15"), at("2026-11-18", "14:45")],
    ["within one day", at("2026-11-17", "09:00"), at("2026-11-17", "12:30")],
  ];

  for (const [name, from, to] of periods)
    it(`${name}: equal the cells folded from the stored buckets`, async () => {
      const got = summed(await hourCellsOf(store, DEMO_HALL_ID, tz, from, to));
      expect(got).toEqual(summed(foldHourCells(await store.read(DEMO_HALL_ID, from, to), tz)));
      expect(got.windows.length).toBeGreaterThan(20);
      expect(got.categories.length).toBeGreaterThan(20);
    });

  it("a day written again replaces its cells", async () => {
    const whole = periods[0] as [string, number, number];
    const before = summed(await hourCellsOf(store, DEMO_HALL_ID, tz, whole[1], whole[2]));
    write();
    expect(summed(await hourCellsOf(store, DEMO_HALL_ID, tz, whole[1], whole[2]))).toEqual(before);
  });
});

describe("RollupStore floor rows (issue #9)", () => {
  const tz = demoHall.timezone;
  const days = ["2026-11-16", "2026-11-17"];
  const db = freshDatabase("floor.db");
  const store = new RollupStore(db);
  const facts = new HallFacts();
  for (const [i, day] of days.entries()) for (const e of generateHallDay({ hall: demoHall, hallId: DEMO_HALL_ID, date: day, seed: i + 11, params: demoSimParams })) facts.add(e);
  const computed: FloorDays[] = [];
  const write = () => {
    computed.length = 0;
    for (const day of days) {
      const { start, end } = localDayRange(day, tz);
      const rollup = computeRollup(facts, demoHall, start, end);
      const floor = floorDayOf(facts, demoHall, day, start, end, end, rollup.waits);
      computed.push(floor);
      store.writeDay(DEMO_HALL_ID, day, start, end, rollup, 0, 0, tz, floor);
    }
  };
  write();
  const sortIdle = (rows: FloorDays["idle"]) => [...rows].map((r) => ({ ...r })).sort((a, b) => (a.day + a.windowId < b.day + b.windowId ? -1 : 1));

  it("stores each window-day's idle time and episodes and reads them back exactly", async () => {
    const stored = await store.readFloorDays(DEMO_HALL_ID, days[0] as string, days[1] as string);
    expect(sortIdle(stored.idle)).toEqual(sortIdle(computed.flatMap((d) => d.idle)));
    // A planted idle window of a small hall, beside the demo hall (rows are per hall).
    const hall = hallConfig();
    const idleFacts = factsOf([ev.opened(fx(9), "w1"), ev.issued(fx(9), "a", "c1"), ev.called(fx(9, 20), "a", "w1"), ev.completed(fx(9, 30), "a", "w1"), ev.issued(fx(10), "b", "c1")]);
    const { start, end } = localDayRange("2025-03-10", hall.timezone);
    const rollup = computeRollup(idleFacts, hall, start, end);
    store.writeDay("idle-hall", "2025-03-10", start, end, rollup, 0, 0, hall.timezone, floorDayOf(idleFacts, hall, "2025-03-10", start, end, fx(10, 30), rollup.waits));
    expect((await store.readFloorDays("idle-hall", "2025-03-01", "2025-03-31")).idle).toEqual([{ day: "2025-03-10", windowId: "w1", idleMs: 40 * 60_000, episodes: 2 }]);
    expect((await store.readFloorDays("idle-hall", "2025-03-11", "2025-03-31")).idle).toEqual([]);
  });

  it("stores the waits by category and priority: the comparison read back equals the one computed", async () => {
    const stored = await store.readFloorDays(DEMO_HALL_ID, days[0] as string, days[1] as string);
    const all = computed.flatMap((d) => d.priority);
    expect(stored.priority.reduce((n, g) => n + g.waits.length, 0)).toBe(all.reduce((n, g) => n + g.waits.length, 0));
    expect(priorityComparison(stored.priority)).toEqual(priorityComparison(all));
    expect(new Set(stored.priority.map((g) => g.priority)).size).toBeGreaterThan(1);
  });

  it("a day written again replaces its floor rows", async () => {
    const before = await store.readFloorDays(DEMO_HALL_ID, days[0] as string, days[1] as string);
    write();
    const after = await store.readFloorDays(DEMO_HALL_ID, days[0] as string, days[1] as string);
    expect(sortIdle(after.idle)).toEqual(sortIdle(before.idle));
    expect(after.priority.length).toBe(before.priority.length);
  });
});

describe("the floor_history migration", () => {
  it("marks every day already rolled up for recomputation, so its floor rows get written", () => {
    const db = new Database(path.join(dir, "m.db"));
    const migrations = path.join(projectRoot(), "prisma", "migrations");
    const names = fs.readdirSync(migrations).filter((n) => /^\d/.test(n)).sort();
    const mine = names.indexOf("20261125200100_floor_history");
    expect(mine).toBeGreaterThan(0);
    for (const name of names.slice(0, mine)) db.exec(fs.readFileSync(path.join(migrations, name, "migration.sql"), "utf8"));
    db.prepare(`insert into "RollupDay" (hallId, day, dirtySince, dirtyGen, computedAt) values ('h', '2026-11-16', null, 3, 1)`).run();
    db.exec(fs.readFileSync(path.join(migrations, names[mine] as string, "migration.sql"), "utf8"));
    const row = db.prepare(`select dirtySince, dirtyGen from "RollupDay" where hallId = 'h'`).get() as { dirtySince: number | null; dirtyGen: number };
    expect(row.dirtySince).not.toBeNull();
    expect(row.dirtyGen).toBe(4);
    db.close();
  });
});
