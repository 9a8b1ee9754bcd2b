// Migrated PostgreSQL databases for tests (issue #11). The migrations run through the Prisma CLI (~10 s),
// so they run once into a template named by the migrations' content, and every test database is a copy
// of it (instant). HALLPULSE_TEST_DATABASE=postgres makes every ServerProcess run on such a copy instead
// of a temp SQLite file ("the core's integration tests pass unchanged against PostgreSQL"); those copies
// are dropped at the end of the run.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { applyPostgresMigrations, postgresMigrationNames } from "../../server/adapters/postgres/migrations.js";
import { projectRoot } from "../../server/project-root.js";
import { ensurePostgres, freshPostgresDatabase, withDatabase, type FreshDatabase } from "./postgres.js";

const TEMPLATE_LOCK = 0x4850545054; // 'HPTPT'

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

/** The committed PostgreSQL migrations (names and SQL), hashed: a template made from them holds exactly them. */
function migrationsDigest(): string {
  const root = projectRoot();
  const hash = createHash("sha256");
  for (const name of postgresMigrationNames(root)) {
    hash.update(name);
    hash.update(fs.readFileSync(path.join(root, "prisma", "postgres", "migrations", name, "migration.sql")));
  }
  return hash.digest("hex").slice(0, 16);
}

let template: Promise<string> | null = null;

/**
 * The name of a database holding exactly the committed migrations, made on first use on this PostgreSQL
 * server and kept for later runs while the migrations are unchanged. It is migrated under a temporary
 * name and renamed only when complete, so a run that died half-way never leaves a half-migrated template;
 * an advisory lock keeps two test processes from building it at once.
 */
export function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const name = `hallpulse_tpl_${migrationsDigest()}`;
    await admin(async (c) => {
      await c.query(`select pg_advisory_lock($1)`, [TEMPLATE_LOCK]);
      try {
        const exists = await c.query(`select 1 from pg_database where datname = $1`, [name]);
        if (exists.rowCount !== 0) return;
        const building = `${name}_build`;
        await c.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
        await c.query(`CREATE DATABASE ${building} TEMPLATE template0 ENCODING 'UTF8'`);
        await applyPostgresMigrations(withDatabase(await ensurePostgres(), building), projectRoot());
        await c.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      } finally {
        await c.query(`select pg_advisory_unlock($1)`, [TEMPLATE_LOCK]);
      }
    });
    return name;
  })();
  template.catch(() => (template = null));
  return template;
}

/** Makes sure the template exists before the run's test files start (the integration-pg globalSetup). */
export async function prepareTemplate(): Promise<void> {
  await migratedTemplate();
}

/** A new database with the committed migrations (a copy of the template), dropped by `drop`. */
export async function freshMigratedDatabase(prefix: string): Promise<FreshDatabase> {
  return freshPostgresDatabase(prefix, await migratedTemplate());
}

/** A fresh migrated database for one server process; returns its URL. */
export async function serverDatabase(tag: string): Promise<string> {
  const name = `${serverPrefix()}${tag.toLowerCase().replace(/[^a-z0-9_]/g, "_").slice(-30)}`;
  const source = await migratedTemplate();
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name} TEMPLATE ${source}`);
  });
  return withDatabase(await ensurePostgres(), name);
}

export async function dropServerDatabases(): Promise<void> {
  await admin(async (c) => {
    const r = await c.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`${serverPrefix()}%`]);
    // The template stays: the next run on this server copies it instead of migrating again.
    for (const { datname } of r.rows) await c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
  });
}
