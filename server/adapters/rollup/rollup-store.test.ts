// RollupStore on the schema made by the committed migrations: the rollup store's and the month rows'
// scenarios every storage runs (test/storage-scenarios/), and SQLite's own floor_history migration.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { describeMonthWaitScenarios } from "../../../test/storage-scenarios/month-waits.scenarios.js";
import { describeRollupStoreScenarios } from "../../../test/storage-scenarios/rollup-store.scenarios.js";
import { sqliteStorage } from "../../../test/storage-scenarios/storages.js";
import { projectRoot } from "../../project-root.js";
import { RollupStore } from "./rollup-store.js";

describeRollupStoreScenarios(async () => {
  const storage = await sqliteStorage();
  return { store: new RollupStore(storage.db), append: storage.append, close: storage.close };
});

describeMonthWaitScenarios(async () => {
  const storage = await sqliteStorage();
  return {
    store: new RollupStore(storage.db),
    forgetMonths: async () => void storage.db.exec(`delete from "WaitMonth"; delete from "PriorityWaitMonth"; delete from "RollupMonth";`),
    close: storage.close,
  };
});

describe("the floor_history migration", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hallpulse-rollupstore-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

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
