// Start-up on a damaged database file, against the real server process: random bytes, a file that is not
// a database, a real database truncated or with one damaged page must each make the start exit non-zero
// with one clear message naming the file and what to do, no stack trace; an empty file is a new database,
// and the intact database still starts and logs its check. Shared setup: storage-faults-fixture.ts.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HallEvent } from "../../contract/index.js";
import { EventFactory } from "../helpers/hall-fixture.js";
import { ServerProcess, tempDir } from "../helpers/server-process.js";
import { expectClearMessage, HALL, issued, onMigratedCopy, rig, setUpMigratedTemplate, startExpectingFailure } from "./storage-faults-fixture.js";

setUpMigratedTemplate();

describe("start-up on a damaged database file", () => {
  let dir = "";
  /** A real database with events, cleanly closed (no WAL). */
  let good = "";

  beforeAll(async () => {
    dir = tempDir("hallpulse-bad-db-");
    const goodDir = path.join(dir, "good");
    fs.mkdirSync(goodDir, { recursive: true });
    const server = onMigratedCopy(goodDir);
    const r = await rig(server, "good-");
    // Ten days old first (pages the start never reads), then a few recent ones.
    const old = new EventFactory(HALL, Date.now() - 10 * 86_400_000, "old-");
    const events: HallEvent[] = [];
    for (let i = 0; i < 400; i++) events.push(issued(old, i * 0.05, `old-${i}-${"x".repeat(40)}`, i % 2 ? "social" : "estate"));
    for (let i = 0; i < 10; i++) events.push(issued(r.factory, i, `new-${i}`));
    for (let i = 0; i < events.length; i += 200) expect((await r.admin.postEvents(HALL, events.slice(i, i + 200))).status).toBe(200);
    await r.close();
    good = server.dbFile;
    expect(fs.existsSync(`${good}-wal`)).toBe(false);
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function variant(name: string, bytes: Buffer): string {
    const file = path.join(dir, name, "hallpulse.db");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
    return file;
  }

  it("random bytes", async () => {
    const file = variant("random", Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919 + 13) % 251)));
    expectClearMessage(await startExpectingFailure(file), file, /not a valid SQLite database/i);
  });

  it("a file that is not a database at all", async () => {
    const file = variant("text", Buffer.from("name,window\n张三,1\n".repeat(500)));
    expectClearMessage(await startExpectingFailure(file), file, /not a valid SQLite database/i);
  });

  it("a real database truncated to half its size", async () => {
    const bytes = fs.readFileSync(good);
    const file = variant("truncated", bytes.subarray(0, Math.floor(bytes.length / 2 / 4096) * 4096 + 1000));
    expectClearMessage(await startExpectingFailure(file), file, /truncated|corrupt/i);
  });

  it("a real database with one damaged page of old events (which the start itself never reads)", async () => {
    const db = new Database(good, { readonly: true });
    const pageSize = db.pragma("page_size", { simple: true }) as number;
    const page = db.prepare(`select pageno from dbstat where name = 'Event' and pagetype = 'leaf' order by pageno limit 1`).pluck().get() as number;
    db.close();
    const bytes = Buffer.from(fs.readFileSync(good));
    // Scribble over the leaf's cell pointer array: the header and every other page stay valid.
    const at = (page - 1) * pageSize;
    bytes.fill(0xa5, at + 8, at + 64);
    const file = variant("damaged", bytes);
    expectClearMessage(await startExpectingFailure(file), file, /corrupt.*quick_check/i);
  });

  it("an empty file is a new database, not an error", async () => {
    const file = variant("empty", Buffer.alloc(0));
    const server = new ServerProcess({ dir: path.dirname(file) });
    await server.start();
    await server.stop();
  });

  it("the intact database still starts, and the start logs its size, what was checked and how long it took", async () => {
    const server = new ServerProcess({ dir: path.dirname(good), env: { LOG_LEVEL: "info" } });
    await server.start();
    await server.stop();
    expect(server.output).toMatch(/"sizeBytes":\d+.*"checked":"quick_check".*"msg":"database file checked"/);
    expect(server.output).toMatch(/"startMs":\d+.*"msg":"HallPulse is ready"/);
  });
});
