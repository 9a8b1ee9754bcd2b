// Direct reads (and the few deliberate writes) of a test server's storage, whichever it runs on: its
// SQLite file (better-sqlite3) or, when the tests run on PostgreSQL (issue #11, server.databaseUrl),
// its database through a `pg` client. The SQL is written once, portably:
// - identifiers quoted as Prisma names them ("Event", "hallId"): PostgreSQL folds unquoted names to
//   lower case, SQLite accepts the quotes;
// - `?` placeholders, turned into $1, $2 … for PostgreSQL (never inside a quoted literal or name);
// - numbers come back as JS numbers on both: PostgreSQL sends bigint (count(*), sum(int), the BigInt
//   columns such as "tsMs") and numeric as strings, so this helper parses those two types to Number
//   (every value the tests read is far below 2^53). No cast is needed in the SQL.
import Database from "better-sqlite3";
import pg from "pg";
import type { ServerProcess } from "./server-process.js";

export type SqlParam = string | number | bigint | null | Buffer;

export interface LogDb {
  /** Every row, with the column names as selected (quote mixed-case names and aliases). */
  all<T>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  /** The first row, or undefined. */
  one<T>(sql: string, params?: readonly SqlParam[]): Promise<T | undefined>;
  /** Runs one statement that returns no rows (insert, update, delete). */
  run(sql: string, params?: readonly SqlParam[]): Promise<void>;
  /** Runs one or more statements without parameters (separated by `;`), e.g. begin / commit. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenLogDbOptions {
  /** Opens for writing (default: read-only, on PostgreSQL by a read-only session). */
  write?: boolean;
}

/** `?` → `$n` outside of '…' literals, "…" names and -- comments. */
export function toPostgresPlaceholders(sql: string): string {
  let out = "";
  let n = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"') {
      const end = sql.indexOf(ch, i + 1);
      const stop = end < 0 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else {
      out += ch === "?" ? `$${++n}` : ch;
      i++;
    }
  }
  return out;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** int8 and numeric as JS numbers, like better-sqlite3 returns SQLite integers; other types as pg does. */
const numericTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format ?? "text");
  },
} as pg.CustomTypesConfig;

async function openPostgres(url: string, write: boolean): Promise<LogDb> {
  const client = new pg.Client({ connectionString: url, types: numericTypes });
  await client.connect();
  if (!write) await client.query("set default_transaction_read_only = on");
  const all = async <T>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> =>
    (await client.query(toPostgresPlaceholders(sql), params as unknown[])).rows as T[];
  return {
    all,
    one: async <T>(sql: string, params?: readonly SqlParam[]) => (await all<T>(sql, params))[0],
    run: async (sql, params = []) => {
      await client.query(toPostgresPlaceholders(sql), params as unknown[]);
    },
    exec: async (sql) => {
      // A simple-protocol query runs several statements in one round trip.
      await client.query(sql);
    },
    close: () => client.end(),
  };
}

function openSqlite(file: string, write: boolean): LogDb {
  const db = new Database(file, { readonly: !write, fileMustExist: true });
  // The server writes concurrently (WAL): wait for its lock rather than fail with SQLITE_BUSY.
  db.pragma("busy_timeout = 5000");
  const all = <T>(sql: string, params: readonly SqlParam[] = []): T[] => db.prepare(sql).all(...params) as T[];
  return {
    all: async <T>(sql: string, params?: readonly SqlParam[]) => all<T>(sql, params),
    one: async <T>(sql: string, params?: readonly SqlParam[]) => all<T>(sql, params)[0],
    run: async (sql, params = []) => void db.prepare(sql).run(...params),
    exec: async (sql) => void db.exec(sql),
    close: async () => void db.close(),
  };
}

/** The storage of `server` (started at least once, so that its file or database exists). */
export async function openLogDb(server: ServerProcess, opts: OpenLogDbOptions = {}): Promise<LogDb> {
  const write = opts.write ?? false;
  return server.databaseUrl ? openPostgres(server.databaseUrl, write) : openSqlite(server.dbFile, write);
}

/** Opens, runs `fn`, closes. */
export async function withLogDb<T>(server: ServerProcess, fn: (db: LogDb) => Promise<T>, opts: OpenLogDbOptions = {}): Promise<T> {
  const db = await openLogDb(server, opts);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

export interface StoredCell {
  table: string;
  column: string;
  /** Position of the row in its table's scan (1-based; no stable id across both storages). */
  row: number;
  /** The value as text; blobs (bytea) decoded as UTF-8 like test/fuzz/privacy-scan.ts does. */
  text: string;
}

export interface StoredData {
  /** Every table's name, also the empty ones. */
  tables: string[];
  /** Rows over all tables. */
  rows: number;
  /** Every non-null value. */
  cells: StoredCell[];
}

/**
 * Every non-null value of every column of every table of the server's storage, as text: what a scan for
 * personal data must look through when there is no single file to read (PostgreSQL). On SQLite it reads
 * the live rows of the file (a scan of the file's bytes also sees freed pages; do that too there).
 */
export async function storedData(server: ServerProcess): Promise<StoredData> {
  return withLogDb(server, async (db) => {
    const tables = server.databaseUrl
      ? await db.all<{ name: string }>(
          `select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
        )
      : await db.all<{ name: string }>(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`);
    if (tables.length === 0) throw new Error("no tables found: the scan would read nothing");
    const cells: StoredCell[] = [];
    let rowCount = 0;
    for (const { name } of tables) {
      const rows = await db.all<Record<string, unknown>>(`select * from "${name.replace(/"/g, '""')}"`);
      rowCount += rows.length;
      rows.forEach((r, i) => {
        for (const [column, v] of Object.entries(r)) {
          if (v === null || v === undefined) continue;
          const text = Buffer.isBuffer(v) ? v.toString("utf8") : v instanceof Date ? v.toISOString() : String(v);
          cells.push({ table: name, column, row: i + 1, text });
        }
      });
    }
    return { tables: tables.map((t) => t.name), rows: rowCount, cells };
  });
}
