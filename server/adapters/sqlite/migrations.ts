// Applies the committed Prisma migrations on start, before the server opens its own connection (the
// migration engine fails with a timeout while another connection holds the file). `prisma migrate
// deploy` runs only when a migration folder is not yet recorded as applied, so that an ordinary restart
// does not pay for starting the CLI.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { DatabaseStartError, describeOpenError } from "./open-database.js";

const run = promisify(execFile);

export function migrationNames(projectRoot: string): string[] {
  const dir = path.join(projectRoot, "prisma", "migrations");
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

export function pendingMigrations(db: Database.Database, names: string[]): string[] {
  const table = db.prepare("select name from sqlite_master where type = 'table' and name = '_prisma_migrations'").get();
  if (!table) return names;
  const applied = new Set(
    (db.prepare("select migration_name as n from _prisma_migrations where finished_at is not null and rolled_back_at is null").all() as { n: string }[]).map((r) => r.n),
  );
  return names.filter((n) => !applied.has(n));
}

function pendingIn(file: string, projectRoot: string): string[] {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { timeout: 5000 });
    return pendingMigrations(db, migrationNames(projectRoot));
  } catch (err) {
    throw new DatabaseStartError(describeOpenError(file, err));
  } finally {
    db?.close();
  }
}

export async function applyMigrations(file: string, projectRoot: string): Promise<string[]> {
  const pending = pendingIn(file, projectRoot);
  if (pending.length === 0) return [];
  const cli = path.join(projectRoot, "node_modules", "prisma", "build", "index.js");
  try {
    await run(process.execPath, [cli, "migrate", "deploy"], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: `file:${file}`, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      timeout: 120_000,
    });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new DatabaseStartError(`Applying migrations failed: ${(e.stderr || e.stdout || e.message).trim()}`);
  }
  const still = pendingIn(file, projectRoot);
  if (still.length > 0) throw new DatabaseStartError(`Migrations still pending after deploy: ${still.join(", ")}`);
  return pending;
}
