// Tests' fresh database: a temporary SQLite file with the committed migrations applied in order, the
// real schema the server runs on. Files are removed by removeTestDatabases() (call it in afterEach).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { projectRoot } from "../../project-root.js";

const dirs: string[] = [];

/** A migrated database file; returns the open connection and the file's path. */
export function freshDatabaseFile(): { db: Database.Database; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hallpulse-sqlite-"));
  dirs.push(dir);
  const file = path.join(dir, "t.db");
  const db = new Database(file);
  const migrations = path.join(projectRoot(), "prisma", "migrations");
  for (const name of fs.readdirSync(migrations).filter((n) => /^\d/.test(n)).sort())
    db.exec(fs.readFileSync(path.join(migrations, name, "migration.sql"), "utf8"));
  return { db, file };
}

export function freshDatabase(): Database.Database {
  return freshDatabaseFile().db;
}

export function removeTestDatabases(): void {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}
