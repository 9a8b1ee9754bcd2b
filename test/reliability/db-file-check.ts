// The checks against the database file as a crash left it: integrity_check, the crash hall's event ids
// and how many are stored more than once. The loop compares those ids with what the server acknowledged.
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { HALL } from "./event-stream.js";

export interface FileCheck {
  integrity: string;
  ids: Set<string>;
  rows: number;
  /** Event ids stored more than once. */
  doubled: number;
}

/**
 * Reads the SQLite file directly. It reads a copy of the database and its WAL, so that the restarted
 * server is still the first to open the file after the crash and does the WAL recovery itself.
 */
export function checkFile(dbFile: string): FileCheck {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hallpulse-crash-check-"));
  const copy = path.join(dir, "copy.db");
  fs.copyFileSync(dbFile, copy);
  if (fs.existsSync(`${dbFile}-wal`)) fs.copyFileSync(`${dbFile}-wal`, `${copy}-wal`);
  const db = new Database(copy, { fileMustExist: true });
  try {
    const integrity = (db.prepare("pragma integrity_check").pluck().all() as string[]).join("; ");
    const ids = db.prepare(`select eventId from "Event" where hallId = ?`).pluck().all(HALL) as string[];
    const doubled = db.prepare(`select count(*) from (select eventId from "Event" where hallId = ? group by eventId having count(*) > 1)`).pluck().get(HALL) as number;
    return { integrity, ids: new Set(ids), rows: ids.length, doubled };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
