// Applies prisma/postgres/migrations on start (issue #11). `prisma migrate deploy` fails on PostgreSQL
// with the JS/wasm engine (prisma/orm#27403), so each pending migration is run with `prisma db execute`
// (one script: PostgreSQL runs it as one implicit transaction) and then recorded with `prisma migrate
// resolve --applied`, which writes Prisma's own _prisma_migrations row. Nodes starting together take turns
// through a session advisory lock, so a migration never runs twice.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);
const MIGRATE_LOCK = 0x48504d4947; // 'HPMIG'

export class PostgresStartError extends Error {}

export function postgresMigrationNames(projectRoot: string): string[] {
  const dir = path.join(projectRoot, "prisma", "postgres", "migrations");
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

async function appliedMigrations(client: pg.ClientBase): Promise<Set<string>> {
  const table = await client.query(`select to_regclass('public._prisma_migrations') as t`);
  if (!table.rows[0]?.t) return new Set();
  const r = await client.query<{ n: string }>(`select migration_name as n from _prisma_migrations where finished_at is not null and rolled_back_at is null`);
  return new Set(r.rows.map((row) => row.n));
}

async function prismaCli(projectRoot: string, url: string, args: string[]): Promise<void> {
  const cli = path.join(projectRoot, "node_modules", "prisma", "build", "index.js");
  try {
    await run(process.execPath, [cli, ...args, "--config", path.join(projectRoot, "prisma.postgres.config.ts")], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      timeout: 120_000,
    });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new PostgresStartError(`prisma ${args.slice(0, 2).join(" ")} failed: ${(e.stderr || e.stdout || e.message).trim()}`);
  }
}

/** Applies the pending PostgreSQL migrations; answers their names. */
export async function applyPostgresMigrations(url: string, projectRoot: string): Promise<string[]> {
  const names = postgresMigrationNames(projectRoot);
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (err) {
    throw new PostgresStartError(`cannot connect to PostgreSQL (${redactUrl(url)}): ${(err as Error).message}`);
  }
  try {
    await client.query(`select pg_advisory_lock($1)`, [MIGRATE_LOCK]);
    const applied = await appliedMigrations(client);
    const pending = names.filter((n) => !applied.has(n));
    for (const name of pending) {
      // --schema: db execute asks for it (or --url); the connection still comes from the config's adapter.
      await prismaCli(projectRoot, url, ["db", "execute", "--schema", path.join(projectRoot, "prisma", "postgres", "schema.prisma"), "--file", path.join(projectRoot, "prisma", "postgres", "migrations", name, "migration.sql")]);
      await prismaCli(projectRoot, url, ["migrate", "resolve", "--applied", name]);
    }
    const still = names.filter((n) => !applied.has(n) && !pending.includes(n));
    if (still.length > 0) throw new PostgresStartError(`migrations still pending: ${still.join(", ")}`);
    return pending;
  } finally {
    await client.query(`select pg_advisory_unlock($1)`, [MIGRATE_LOCK]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

/** The URL without its password, for logs and errors. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgresql://…";
  }
}
