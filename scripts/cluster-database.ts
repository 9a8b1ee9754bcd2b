// The cluster's PostgreSQL database for `npm run cluster` (scripts/cluster.ts): fresh unless --keep, owned
// by the role hallpulse, migrated once before the nodes start, with a note when it already holds events.
import pg from "pg";
import { applyPostgresMigrations } from "../server/adapters/postgres/migrations.js";
import { projectRoot } from "../server/project-root.js";
import { say } from "./cluster-services.js";

export const DATABASE = "hallpulse_cluster";

/** Makes the database on the server of `adminUrl` (dropped first unless `keep`) and migrates it; returns its URL. */
export async function prepareClusterDatabase(adminUrl: string, keep: boolean): Promise<string> {
  const url = new URL(adminUrl);
  url.pathname = `/${DATABASE}`;
  const databaseUrl = url.toString();
  {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      // The name is a constant of ours: quoting it as an identifier is enough (DDL takes no parameters).
      if (!keep) {
        await client.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
        say(`a fresh database ${DATABASE} (--keep reuses the last one)`);
      }
      const exists = await client.query(`select 1 from pg_database where datname = $1`, [DATABASE]);
      if (exists.rowCount === 0) {
        await client.query(`CREATE DATABASE "${DATABASE}" TEMPLATE template0 ENCODING 'UTF8'`);
        say(`created database ${DATABASE} (owner hallpulse)`);
      }
    } finally {
      await client.end();
    }
  }
  // Once here, so that N nodes starting together do not queue on the migration lock in their start budget.
  const applied = await applyPostgresMigrations(databaseUrl, projectRoot());
  say(applied.length > 0 ? `applied migrations: ${applied.join(", ")}` : "migrations up to date");
  {
    // Every live run simulates today under its own event ids: a second run on the same database adds a
    // second simulated day on top of the first (windows then show more than 100 % busy).
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const held = Number((await client.query<{ n: string }>(`select count(*) as n from "Event"`)).rows[0]?.n ?? 0);
      if (held > 0) say(`note: ${DATABASE} already holds ${held} events from an earlier run; today's simulation adds to them (run without --keep to start over)`);
    } finally {
      await client.end();
    }
  }
  return databaseUrl;
}
