// A fresh PostgreSQL database with the committed PostgreSQL migrations applied and a pool on it, for the
// read-port tests (*.pg.int.test.ts): the real schema a PostgreSQL node runs on. `close` ends the pool
// and drops the database.
import type pg from "pg";
import { applyPostgresMigrations } from "../../../server/adapters/postgres/migrations.js";
import { openPool } from "../../../server/adapters/postgres/pool.js";
import { projectRoot } from "../../../server/project-root.js";
import { freshPostgresDatabase } from "../../helpers/postgres.js";

export interface MigratedPostgres {
  url: string;
  pool: pg.Pool;
  close(): Promise<void>;
}

export async function migratedPostgres(prefix: string): Promise<MigratedPostgres> {
  const database = await freshPostgresDatabase(prefix);
  try {
    await applyPostgresMigrations(database.url, projectRoot());
  } catch (err) {
    await database.drop().catch(() => undefined);
    throw err;
  }
  const pool = openPool(database.url);
  return {
    url: database.url,
    pool,
    async close() {
      await pool.end().catch(() => undefined);
      await database.drop();
    },
  };
}
