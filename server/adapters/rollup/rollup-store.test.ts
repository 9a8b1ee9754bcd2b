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
import { RollupStore } from "./rollup-store.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hallpulse-rollupstore-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function freshDatabase(): Database.Database {
  const db = new Database(path.join(dir, "t.db"));
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
    it(`${name}: equal the cells folded from the stored buckets`, () => {
      const got = summed(hourCellsOf(store, DEMO_HALL_ID, tz, from, to));
      expect(got).toEqual(summed(foldHourCells(store.read(DEMO_HALL_ID, from, to), tz)));
      expect(got.windows.length).toBeGreaterThan(20);
      expect(got.categories.length).toBeGreaterThan(20);
    });

  it("a day written again replaces its cells", () => {
    const whole = periods[0] as [string, number, number];
    const before = summed(hourCellsOf(store, DEMO_HALL_ID, tz, whole[1], whole[2]));
    write();
    expect(summed(hourCellsOf(store, DEMO_HALL_ID, tz, whole[1], whole[2]))).toEqual(before);
  });
});
