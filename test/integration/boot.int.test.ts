// Start-up promises: a fresh file gets the migrations and the durability settings, the bootstrap admin
// token is generated, printed once and stored only as a hash, and health answers 200 when ready.
import Database from "better-sqlite3";
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { ServerProcess } from "../helpers/server-process.js";

describe("server start", () => {
  const server = new ServerProcess({ adminToken: null });
  afterAll(async () => {
    await server.stop();
    server.remove();
  });

  it("creates the database, applies migrations, prints a generated admin token once", async () => {
    await server.start();
    expect(fs.existsSync(server.dbFile)).toBe(true);
    const printed = /ADMIN_TOKEN=(hp_[A-Za-z0-9_-]+)/.exec(server.output);
    expect(printed).not.toBeNull();
    const token = (printed as RegExpExecArray)[1] as string;

    const res = await fetch(`${server.url}/api/tokens`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);

    // Only the hash is stored: the secret appears nowhere in the database file.
    await server.stop();
    const bytes = fs.readFileSync(server.dbFile).toString("latin1") + (fs.existsSync(`${server.dbFile}-wal`) ? fs.readFileSync(`${server.dbFile}-wal`).toString("latin1") : "");
    expect(bytes.includes(token)).toBe(false);

    // A second start does not print a new token, and the old one still works.
    server.output = "";
    await server.start();
    expect(server.output).not.toMatch(/ADMIN_TOKEN=/);
    const again = await fetch(`${server.url}/api/tokens`, { headers: { authorization: `Bearer ${token}` } });
    expect(again.status).toBe(200);
  });

  it("runs the database in WAL mode with the migrations recorded", () => {
    const db = new Database(server.dbFile, { readonly: true });
    try {
      expect(String(db.pragma("journal_mode", { simple: true }))).toBe("wal");
      const names = db.prepare("select migration_name from _prisma_migrations where finished_at is not null").pluck().all();
      expect(names).toContain("20261125000000_init");
      expect(String(db.prepare("select sqlite_version()").pluck().get()) >= "3.51.3").toBe(true);
    } finally {
      db.close();
    }
  });
});

describe("start refusals", () => {
  it("refuses a corrupt database file with a clear message", async () => {
    const server = new ServerProcess();
    fs.writeFileSync(server.dbFile, Buffer.alloc(8192, 0x5a));
    await expect(server.start()).rejects.toThrow(/not a valid SQLite database|corrupt/);
    server.remove();
  });
});
