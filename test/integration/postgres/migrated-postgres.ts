// A fresh PostgreSQL database with the committed PostgreSQL migrations applied and a pool on it, for the
// read-port tests (*.pg.int.test.ts): the real schema a PostgreSQL node runs on (a copy of the migrated
// template, test/helpers/postgres-template.ts). `close` ends the pool and drops the database.
import type pg from "pg";
import { openPool } from "../../../server/adapters/postgres/pool.js";
import { freshMigratedDatabase } from "../../helpers/postgres-template.js";

export interface MigratedPostgres {
  url: string;
  pool: pg.Pool;
  close(): Promise<void>;
}

export async function migratedPostgres(prefix: string): Promise<MigratedPostgres> {
  const database = await freshMigratedDatabase(prefix);
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
