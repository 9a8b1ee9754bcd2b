// The integration tests on PostgreSQL (issue #11: "the core's integration tests pass unchanged against
// PostgreSQL"): HALLPULSE_TEST_DATABASE=postgres makes every ServerProcess run on a fresh PostgreSQL
// database instead of a temp SQLite file. Each is a copy of one template migrated once per run (the
// migrations run through the Prisma CLI, ~10 s; a copy is instant), and all are dropped at the end.
import pg from "pg";
import { applyPostgresMigrations } from "../../server/adapters/postgres/migrations.js";
import { projectRoot } from "../../server/project-root.js";
import { ensurePostgres, withDatabase } from "./postgres.js";

/**
 * One run's databases share a run id (set by the globalSetup, inherited by the test workers), so that two
 * runs at once (a developer's and CI's, or two projects) never drop each other's databases.
 */
function runId(): string {
  return (process.env.HALLPULSE_TEST_PG_RUN ?? "default").replace(/[^a-z0-9]/g, "");
}

export function newRunId(): string {
  const id = `${process.pid.toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
  process.env.HALLPULSE_TEST_PG_RUN = id;
  return id;
}

const templateDatabase = () => `hallpulse_tpl_${runId()}`;
/** Databases made for one run's server processes start with this (dropped by dropServerDatabases). */
const serverPrefix = () => `hallpulse_srv_${runId()}_`;

export function testsOnPostgres(): boolean {
  return process.env.HALLPULSE_TEST_DATABASE === "postgres";
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: await ensurePostgres() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Makes the template (once per run, from scratch so that it holds exactly the committed migrations). */
export async function prepareTemplate(): Promise<void> {
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${templateDatabase()} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${templateDatabase()} TEMPLATE template0 ENCODING 'UTF8'`);
  });
  await applyPostgresMigrations(withDatabase(await ensurePostgres(), templateDatabase()), projectRoot());
}

/** A fresh migrated database for one server process; returns its URL. */
export async function serverDatabase(tag: string): Promise<string> {
  const name = `${serverPrefix()}${tag.toLowerCase().replace(/[^a-z0-9_]/g, "_").slice(-30)}`;
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase()}`);
  });
  return withDatabase(await ensurePostgres(), name);
}

export async function dropServerDatabases(): Promise<void> {
  await admin(async (c) => {
    const r = await c.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`${serverPrefix()}%`]);
    for (const { datname } of r.rows) await c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
    await c.query(`DROP DATABASE IF EXISTS ${templateDatabase()} WITH (FORCE)`);
  });
}
