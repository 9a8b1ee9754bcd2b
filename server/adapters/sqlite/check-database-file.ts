// Checks the database file before anything opens it for writing, so that a file the server cannot use
// stops the start with one message that names the file and says what to do, instead of a stack trace
// or a server that runs on a damaged log:
// - writable: the file and its directory (SQLite creates -wal and -shm beside it), with free space;
// - the 100-byte SQLite header: magic string, page size, and — when no WAL holds newer pages — a file
//   at least as long as the page count the header records (a truncated copy);
// - `PRAGMA quick_check` (b-tree structure, cell and freelist format; not index-vs-table contents),
//   for files up to LARGE_DATABASE_BYTES. Measured on a 1.5 M-event file (640 MB): 0.7 s with the file
//   in the page cache, 7 s cold — too long for a restart, which must bring the live state back within
//   about a second (issue #8). Above the limit only the header is checked and a warning says how to
//   check the whole file offline (`npm run db:check`). SQLite itself survives crashes; quick_check at
//   start is for files damaged by a disk or a bad copy, which are usually caught by the header anyway.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { BUSY_TIMEOUT_MS, DatabaseStartError, describeOpenError } from "./open-database.js";

/** 128 MiB ≈ 300,000 events (two to three months of a busy hall): quick_check ≈ 0.15 s warm, ≈ 1.5 s cold. */
export const LARGE_DATABASE_BYTES = 128 * 1024 ** 2;
/** Less free space than this on the database's file system refuses the start (a commit needs a few pages). */
export const MIN_FREE_BYTES = 1024 ** 2;

const SQLITE_MAGIC = Buffer.from("SQLite format 3\u0000", "latin1");
const WHAT_TO_DO = "Restore it from a backup, or move it aside (with any -wal and -shm file beside it) to start with an empty database.";

export interface DatabaseFileReport {
  file: string;
  /** 0 for a file that does not exist yet (it will be created). */
  sizeBytes: number;
  walBytes: number;
  /** Free space for the server on the file system holding the file. */
  freeBytes: number;
  /** What was checked: nothing (new file), the header only (large file), or the header and quick_check. */
  checked: "new" | "header" | "quick_check";
  ms: number;
  large: boolean;
}

export interface CheckOptions {
  largeBytes?: number;
  /** Told before a check that may take a while, so that a slow start is never silent. */
  onSlowCheck?: (report: { file: string; sizeBytes: number }) => void;
}

export function checkDatabaseFile(file: string, opts: CheckOptions = {}): DatabaseFileReport {
  const started = Date.now();
  const largeBytes = opts.largeBytes ?? LARGE_DATABASE_BYTES;
  const dir = path.dirname(file);
  let freeBytes = Number.POSITIVE_INFINITY;
  if (fs.existsSync(dir)) {
    assertWritable(dir, `The directory ${dir} of the database file ${file}`);
    const fsStat = fs.statfsSync(dir);
    freeBytes = fsStat.bavail * fsStat.bsize;
    if (freeBytes < MIN_FREE_BYTES)
      throw new DatabaseStartError(`The disk holding the database file ${file} is full (${freeBytes} bytes free): free space on it, then start again.`);
  }
  const stat = statOrNull(file);
  const walBytes = statOrNull(`${file}-wal`)?.size ?? 0;
  const report = (checked: DatabaseFileReport["checked"]): DatabaseFileReport => ({
    file,
    sizeBytes: stat?.size ?? 0,
    walBytes,
    freeBytes,
    checked,
    ms: Date.now() - started,
    large: (stat?.size ?? 0) + walBytes > largeBytes,
  });
  if (stat === null) return report("new");
  if (!stat.isFile()) throw new DatabaseStartError(`The database path ${file} is not a file. Point DATABASE_URL at an SQLite file.`);
  assertWritable(file, `The database file ${file}`);
  if (stat.size === 0) return report("new"); // SQLite treats an empty file as a new database

  checkHeader(file, stat.size, walBytes);
  if (stat.size + walBytes > largeBytes) return report("header");
  if (stat.size + walBytes > largeBytes / 8) opts.onSlowCheck?.({ file, sizeBytes: stat.size + walBytes });
  quickCheck(file);
  return report("quick_check");
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new DatabaseStartError(`Cannot read the database file ${file} (${(err as Error).message}): check the path and permissions.`);
  }
}

/** EACCES (modes), EPERM (immutable), EROFS (read-only mount): the server must write there. */
function assertWritable(target: string, what: string): void {
  try {
    fs.accessSync(target, fs.constants.R_OK | fs.constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    throw new DatabaseStartError(
      `${what} is read-only for this process (${code}); the server must write it. Make it writable by the user running HallPulse ` +
        `(and check that the file system is mounted read-write and the file is not immutable), then start again.`,
    );
  }
}

function checkHeader(file: string, size: number, walBytes: number): void {
  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, "r");
  let read: number;
  try {
    read = fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read < 100 || !header.subarray(0, 16).equals(SQLITE_MAGIC))
    throw new DatabaseStartError(`The database file ${file} is not a valid SQLite database (no SQLite header; ${size} bytes). ${WHAT_TO_DO}`);
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0)
    throw new DatabaseStartError(`The database file ${file} is corrupt (invalid page size ${raw} in its header). ${WHAT_TO_DO}`);
  // The in-header page count is valid when its "version valid for" equals the change counter. A WAL
  // that is not empty may hold pages a checkpoint had not yet written back: then the file may be shorter.
  const pages = header.readUInt32BE(28);
  const valid = header.readUInt32BE(24) === header.readUInt32BE(92);
  if (walBytes === 0 && (size % pageSize !== 0 || (valid && pages > 0 && size < pages * pageSize)))
    throw new DatabaseStartError(
      `The database file ${file} is truncated (${size} bytes; its header records ${valid ? `${pages} pages of ${pageSize} bytes` : `pages of ${pageSize} bytes`}). ${WHAT_TO_DO}`,
    );
}

function quickCheck(file: string): void {
  let db: Database.Database | null = null;
  let problems: string[];
  try {
    db = new Database(file, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    problems = (db.pragma("quick_check(3)") as { quick_check: string }[]).map((r) => r.quick_check).filter((p) => p !== "ok");
  } catch (err) {
    throw new DatabaseStartError(describeOpenError(file, err));
  } finally {
    db?.close();
  }
  if (problems.length > 0)
    throw new DatabaseStartError(`The database file ${file} is corrupt (quick_check: ${problems.join("; ").replace(/\s+/g, " ")}). ${WHAT_TO_DO}`);
}
