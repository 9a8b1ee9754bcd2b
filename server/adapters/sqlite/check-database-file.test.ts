import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDatabaseFile } from "./check-database-file.js";
import { DatabaseStartError } from "./open-database.js";

let dir = "";
let good = "";

function fileWith(name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

function failure(file: string, opts = {}): string {
  try {
    checkDatabaseFile(file, opts);
  } catch (err) {
    expect(err).toBeInstanceOf(DatabaseStartError);
    return (err as Error).message;
  }
  throw new Error(`${file} passed the check`);
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hallpulse-check-"));
  good = path.join(dir, "good.db");
  const db = new Database(good);
  db.pragma("journal_mode = WAL");
  db.exec("create table t (id integer primary key, v text); create index t_v on t (v)");
  const insert = db.prepare("insert into t (v) values (?)");
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(`value ${i} ${"x".repeat(50)}`);
  })();
  db.close(); // checkpoints and removes the WAL
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("checkDatabaseFile", () => {
  it("lets a missing or empty file through as a new database", () => {
    expect(checkDatabaseFile(path.join(dir, "missing.db"))).toMatchObject({ checked: "new", sizeBytes: 0 });
    expect(checkDatabaseFile(fileWith("empty.db", Buffer.alloc(0)))).toMatchObject({ checked: "new", sizeBytes: 0 });
  });

  it("runs quick_check on an intact file, and only the header check above the large limit", () => {
    const size = fs.statSync(good).size;
    expect(checkDatabaseFile(good)).toMatchObject({ checked: "quick_check", sizeBytes: size, large: false });
    const slow: number[] = [];
    expect(checkDatabaseFile(good, { largeBytes: size * 4, onSlowCheck: (r) => slow.push(r.sizeBytes) })).toMatchObject({ checked: "quick_check" });
    expect(slow).toEqual([size]);
    expect(checkDatabaseFile(good, { largeBytes: size - 1 })).toMatchObject({ checked: "header", large: true });
  });

  it("names a file that is not SQLite, with what to do", () => {
    const file = fileWith("text.db", Buffer.from("hello, not a database\n".repeat(100)));
    const message = failure(file);
    expect(message).toContain(file);
    expect(message).toMatch(/not a valid SQLite database/);
    expect(message).toMatch(/backup|move it aside/);
    expect(failure(fileWith("tiny.db", Buffer.from("SQLite")))).toMatch(/not a valid SQLite database/);
  });

  it("finds a truncated copy from its header, even when quick_check is skipped", () => {
    const bytes = fs.readFileSync(good);
    const half = fileWith("half.db", bytes.subarray(0, 4096 * Math.floor(bytes.length / 8192)));
    expect(failure(half, { largeBytes: 1 })).toMatch(/is truncated .*header records \d+ pages of 4096 bytes/);
    expect(failure(fileWith("ragged.db", bytes.subarray(0, bytes.length - 100)), { largeBytes: 1 })).toMatch(/is truncated/);
  });

  it("does not call a file truncated while a WAL beside it may hold its last pages", () => {
    const bytes = fs.readFileSync(good);
    const half = fileWith("half-wal.db", bytes.subarray(0, 4096 * Math.floor(bytes.length / 8192)));
    fs.writeFileSync(`${half}-wal`, Buffer.alloc(4096));
    expect(checkDatabaseFile(half, { largeBytes: 1 })).toMatchObject({ checked: "header" });
  });

  it("rejects an impossible page size and a damaged b-tree page", () => {
    const badSize = Buffer.from(fs.readFileSync(good));
    badSize.writeUInt16BE(1000, 16);
    expect(failure(fileWith("page-size.db", badSize))).toMatch(/corrupt \(invalid page size 1000/);

    const damaged = Buffer.from(fs.readFileSync(good));
    damaged.fill(0xa5, 2 * 4096 + 8, 2 * 4096 + 64); // page 3: a b-tree page of t or t_v
    const message = failure(fileWith("damaged.db", damaged));
    expect(message).toMatch(/is corrupt \(quick_check: /);
    expect(message).toMatch(/Restore it from a backup/);
  });
});
