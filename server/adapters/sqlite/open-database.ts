// Opens the SQLite file for the hot path and checks the settings durability depends on. The server
// refuses to start when a setting did not take or when the bundled SQLite has the WAL-reset bug.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export const BUSY_TIMEOUT_MS = 5000;
/** SQLite 3.51.3 fixed a WAL-reset corruption bug (better-sqlite3 12 bundles 3.53). */
export const MIN_SQLITE_VERSION = "3.51.3";

export class DatabaseStartError extends Error {}

export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The pragmas every connection (hot path and Prisma) must run with. */
export const CONNECTION_PRAGMAS = [
  "journal_mode = WAL",
  "synchronous = FULL",
  "foreign_keys = ON",
  `busy_timeout = ${BUSY_TIMEOUT_MS}`,
] as const;

export interface PragmaReadings {
  journalMode: string;
  synchronous: number;
  foreignKeys: number;
  busyTimeout: number;
}

/** Throws a clear error unless the readings show WAL, synchronous=FULL, foreign keys and a busy timeout. */
export function assertPragmas(r: PragmaReadings, connection: string): void {
  const problems: string[] = [];
  if (r.journalMode.toLowerCase() !== "wal") problems.push(`journal_mode is ${r.journalMode}, not wal`);
  if (r.synchronous !== 2) problems.push(`synchronous is ${r.synchronous}, not 2 (FULL)`);
  if (r.foreignKeys !== 1) problems.push("foreign_keys is off");
  if (r.busyTimeout <= 0) problems.push("busy_timeout is not set");
  if (problems.length > 0) throw new DatabaseStartError(`SQLite settings did not take on the ${connection} connection: ${problems.join("; ")}`);
}

export function openDatabase(file: string): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    const version = (db.prepare("select sqlite_version() as v").get() as { v: string }).v;
    if (compareVersions(version, MIN_SQLITE_VERSION) < 0)
      throw new DatabaseStartError(`SQLite ${version} is older than ${MIN_SQLITE_VERSION} (WAL-reset bug); install better-sqlite3 12`);
    for (const p of CONNECTION_PRAGMAS) db.pragma(p);
    assertPragmas(
      {
        journalMode: String(db.pragma("journal_mode", { simple: true })),
        synchronous: Number(db.pragma("synchronous", { simple: true })),
        foreignKeys: Number(db.pragma("foreign_keys", { simple: true })),
        busyTimeout: Number(db.pragma("busy_timeout", { simple: true })),
      },
      "event log",
    );
  } catch (err) {
    if (err instanceof DatabaseStartError) throw err;
    throw new DatabaseStartError(describeOpenError(file, err));
  }
  return db;
}

/** A message an operator can act on for the usual ways a database file goes wrong. */
export function describeOpenError(file: string, err: unknown): string {
  const code = (err as { code?: string }).code ?? "";
  const message = err instanceof Error ? err.message : String(err);
  if (code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT"))
    return `The database file ${file} is not a valid SQLite database or is corrupt (${message}). Restore it from a backup, or move it aside (with any -wal and -shm file beside it) to start with an empty database.`;
  if (code.startsWith("SQLITE_CANTOPEN")) return `Cannot open the database file ${file} (${message}): check the path and permissions.`;
  if (code.startsWith("SQLITE_READONLY"))
    return `The database file ${file} is read-only (${message}): make it and its directory writable by the user running HallPulse (file system mounted read-write), then start again.`;
  if (code === "SQLITE_FULL") return `The disk holding the database file ${file} is full (${message}): free space on it, then start again.`;
  if (code.startsWith("SQLITE_IOERR")) return `The database file ${file} cannot be read or written (${message}): check the disk and the file system.`;
  return `Cannot use the database file ${file}: ${message}`;
}
