// PostgreSQL for integration tests (issue #11): one server per machine, started once by
// scripts/services/postgres.sh (Debian cluster 15/hallpulse on 127.0.0.1:55432, fsync on), and a fresh
// database per test file, owned by the role hallpulse and dropped afterwards.
// HALLPULSE_TEST_PG_URL=postgresql://user:pass@host:port/postgres uses another server instead (a CI
// service container): its user needs CREATEDB.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { runServiceScript } from "./service-script.js";

const PORT = Number(process.env.HALLPULSE_PG_PORT ?? 55432);
const DEFAULT_ADMIN_URL = `postgresql://hallpulse:hallpulse@127.0.0.1:${PORT}/postgres`;

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

let ensured: Promise<string> | null = null;

/** The admin URL (database `postgres`, role hallpulse), starting the server when it is not reachable. */
export function ensurePostgres(): Promise<string> {
  ensured ??= (async () => {
    const external = process.env.HALLPULSE_TEST_PG_URL;
    if (external) return external;
    if (await reachable(DEFAULT_ADMIN_URL)) return DEFAULT_ADMIN_URL;
    // Installs PostgreSQL when missing, creates the cluster and the role when missing: idempotent.
    await runServiceScript("postgres", ["start"]);
    if (!(await reachable(DEFAULT_ADMIN_URL))) throw new Error(`PostgreSQL started but ${DEFAULT_ADMIN_URL} is not reachable`);
    return DEFAULT_ADMIN_URL;
  })();
  // A failed start may be retried by the next caller.
  ensured.catch(() => (ensured = null));
  return ensured;
}

/** `url` with its database replaced. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface FreshDatabase {
  /** postgresql://… of the new database. */
  url: string;
  name: string;
  /** Drops it, ending any connection still open to it (DROP DATABASE … WITH (FORCE)). */
  drop(): Promise<void>;
}

async function admin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A new, uniquely named database (lowercase `prefix_pid_random`): empty, or a copy of `template` (e.g. the
 * migrated template of postgres-template.ts).
 */
export async function freshPostgresDatabase(prefix = "hallpulse_test", template = "template0"): Promise<FreshDatabase> {
  const adminUrl = await ensurePostgres();
  const safePrefix = prefix.toLowerCase().replace(/[^a-z0-9_]/g, "_").slice(0, 40);
  const name = `${safePrefix}_${process.pid}_${randomBytes(5).toString("hex")}`;
  // The name is ours and made of [a-z0-9_] only, so quoting it as an identifier is enough (no parameters for DDL).
  await admin(adminUrl, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE ${pg.escapeIdentifier(template)} ENCODING 'UTF8'`));
  let dropped = false;
  return {
    url: withDatabase(adminUrl, name),
    name,
    async drop() {
      if (dropped) return;
      await admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      dropped = true;
    },
  };
}
