// The two storages the adapter scenarios (*.scenarios.ts) run against: a migrated temp SQLite file and a
// migrated PostgreSQL database, each with its event log, so that a scenario can write the events it reads.
// The adapters under test are made by the test files themselves; these only hold the storage.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type pg from "pg";
import type { HallEvent } from "../../contract/index.js";
import { PgEventLog } from "../../server/adapters/postgres/event-log.js";
import { SqliteEventLog } from "../../server/adapters/sqlite/event-log.js";
import { freshDatabaseFile } from "../../server/adapters/sqlite/test-database.js";
import type { AppendItem } from "../../server/app/ports.js";
import { migratedPostgres } from "../integration/postgres/migrated-postgres.js";

/** `events` as the hall's log items, each received `delayMs` after its own time. */
export function logItems(hallId: string, events: readonly HallEvent[], delayMs = 0): AppendItem[] {
  return events.map((event) => ({ kind: "event", hallId, event: { ...event, hallId }, tsMs: Date.parse(event.ts), receivedMs: Date.parse(event.ts) + delayMs, rollupDays: [] }));
}

export interface SqliteStorage {
  db: Database.Database;
  file: string;
  /** Another connection to the same file (a restart); closed with the storage unless closed before. */
  connect(): Database.Database;
  append(items: AppendItem[]): Promise<void>;
  close(): Promise<void>;
}

export async function sqliteStorage(): Promise<SqliteStorage> {
  const { db, file } = freshDatabaseFile();
  const connections = [db];
  return {
    db,
    file,
    connect() {
      const c = new Database(file);
      connections.push(c);
      return c;
    },
    async append(items) {
      await new SqliteEventLog(db).append(items);
    },
    async close() {
      for (const c of connections) if (c.open) c.close();
      // Only this storage's directory: another storage of the same file may still be open.
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    },
  };
}

export interface PostgresStorage {
  url: string;
  pool: pg.Pool;
  append(items: AppendItem[]): Promise<void>;
  /** Ends the pool and drops the database. */
  close(): Promise<void>;
}

/** A fresh database made by the committed PostgreSQL migrations (~10–20 s: open one per test file). */
export async function postgresStorage(prefix: string): Promise<PostgresStorage> {
  const pgdb = await migratedPostgres(prefix);
  return {
    url: pgdb.url,
    pool: pgdb.pool,
    async append(items) {
      const log = new PgEventLog(pgdb.pool);
      try {
        await log.append(items);
      } finally {
        await log.close();
      }
    },
    close: () => pgdb.close(),
  };
}

/**
 * One storage shared by a test file's describes (the scenarios and the file's own tests), opened on first
 * use and closed when the last user closes it: a PostgreSQL database costs a migration.
 */
export function sharedStorage<S extends { close(): Promise<void> }>(open: () => Promise<S>): () => Promise<S> {
  let opened: Promise<S> | null = null;
  let users = 0;
  return async () => {
    opened ??= open();
    const storage = await opened;
    users++;
    return {
      ...storage,
      async close() {
        if (--users === 0) {
          opened = null;
          await storage.close();
        }
      },
    };
  };
}
