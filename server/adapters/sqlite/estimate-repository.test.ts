// The estimates given at issue on a real SQLite file made by the committed migrations: queued and written
// in small batches, the first estimate of a ticket kept (insert or ignore, across a new connection as
// after a restart), read back by issue time with each ticket's first call from the event log, a write
// failure reported and never thrown; and the per-day calibration built from them (floor-quality use case).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { HallEvent } from "../../../contract/index.js";
import { calibrationOf } from "../../app/floor-quality-calibration.js";
import { at, ev, hallConfig, HALL_ID, MINUTE } from "../../domain/test-fixtures.js";
import type { IssueEstimate } from "../../domain/wait-estimate/calibration.js";
import { projectRoot } from "../../project-root.js";
import { SqliteEstimateRepository } from "./estimate-repository.js";
import { SqliteEventLog } from "./event-log.js";

const dirs: string[] = [];
const opened: Database.Database[] = [];

function freshFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hallpulse-estimates-"));
  dirs.push(dir);
  const file = path.join(dir, "t.db");
  const db = new Database(file);
  const migrations = path.join(projectRoot(), "prisma", "migrations");
  for (const name of fs.readdirSync(migrations).filter((n) => /^\d/.test(n)).sort())
    db.exec(fs.readFileSync(path.join(migrations, name, "migration.sql"), "utf8"));
  db.close();
  return file;
}

function open(file: string): Database.Database {
  const db = new Database(file);
  opened.push(db);
  return db;
}

afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const estimate = (ticketId: string, issuedAt: number, p50: number | null, p80: number | null, over: Partial<IssueEstimate> = {}): IssueEstimate => ({
  ticketId,
  categoryId: "c1",
  issuedAt,
  estimatedAt: issuedAt + 2000,
  p50Minutes: p50,
  p80Minutes: p80,
  basis: p50 === null ? "unknown" : "measured",
  ...over,
});

async function appendEvents(db: Database.Database, events: HallEvent[]): Promise<void> {
  const log = new SqliteEventLog(db);
  await log.append(events.map((event) => ({ kind: "event", hallId: HALL_ID, event, tsMs: Date.parse(event.ts), receivedMs: Date.parse(event.ts), rollupDays: [] })));
}

const count = (db: Database.Database) => db.prepare(`select count(*) from "TicketEstimate"`).pluck().get() as number;

describe("the estimate repository", () => {
  it("queues without writing, then writes every queued row in batches on its timer", async () => {
    const db = open(freshFile());
    const repo = new SqliteEstimateRepository(db, { flushDelayMs: 20, batchRows: 4 });
    repo.record(HALL_ID, Array.from({ length: 10 }, (_, i) => estimate(`t${i}`, at(9, i), 5, 9)));
    expect(repo.queued).toBe(10);
    expect(count(db)).toBe(0); // nothing written inside the caller's turn
    await expect.poll(() => count(db), { timeout: 2000 }).toBe(10);
    expect(repo.queued).toBe(0);
  });

  it("keeps the first estimate of a ticket, also from a new connection after a restart", async () => {
    const file = freshFile();
    const first = new SqliteEstimateRepository(open(file));
    first.record(HALL_ID, [estimate("t1", at(9), 5, 9, { modelP50Minutes: 4, modelP80Minutes: 7 })]);
    first.record(HALL_ID, [estimate("t1", at(9), 50, 90)]);
    first.flushNow();
    opened[0]?.close();
    const again = new SqliteEstimateRepository(open(file));
    again.record(HALL_ID, [estimate("t1", at(9), 1, 2), estimate("t2", at(9, 1), null, null)]);
    again.flushNow();
    const inputs = await again.calibrationInputs(HALL_ID, at(0), at(24));
    expect(inputs.map((i) => i.estimate)).toEqual([
      { ticketId: "t1", categoryId: "c1", issuedAt: at(9), estimatedAt: at(9) + 2000, p50Minutes: 5, p80Minutes: 9, basis: "measured", modelP50Minutes: 4, modelP80Minutes: 7 },
      { ticketId: "t2", categoryId: "c1", issuedAt: at(9, 1), estimatedAt: at(9, 1) + 2000, p50Minutes: null, p80Minutes: null, basis: "unknown", modelP50Minutes: null, modelP80Minutes: null },
    ]);
    // Another hall's ticket with the same id is another record.
    again.record("hall-2", [estimate("t1", at(9), 3, 4)]);
    again.flushNow();
    expect(count(opened[1] as Database.Database)).toBe(3);
  });

  it("reads a period by issue time, with each ticket's first ticket.called from the event log", async () => {
    const db = open(freshFile());
    const repo = new SqliteEstimateRepository(db);
    repo.record(HALL_ID, [estimate("t1", at(9), 5, 9), estimate("t2", at(9, 5), 5, 9), estimate("t3", at(23, 59), 5, 9), estimate("late", at(24), 5, 9)]);
    repo.flushNow();
    await appendEvents(db, [
      ev.issued(at(9), "t1", "c1"),
      ev.called(at(9, 12), "t1", "w1"), // recalled later: the first call counts
      ev.called(at(9, 7), "t1", "w1"),
      ev.noShow(at(9, 20), "t1", "w1"),
      ev.issued(at(9, 5), "t2", "c1"),
    ]);
    const inputs = await repo.calibrationInputs(HALL_ID, at(0), at(24));
    expect(inputs.map((i) => [i.estimate.ticketId, i.firstCalledAt])).toEqual([
      ["t1", at(9, 7)],
      ["t2", null],
      ["t3", null],
    ]);
    expect(await repo.calibrationInputs("hall-2", at(0), at(24))).toEqual([]);
  });

  it("reports a failed write and never throws to the caller", async () => {
    const db = open(freshFile());
    const errors: number[] = [];
    const repo = new SqliteEstimateRepository(db, { flushDelayMs: 5, onError: (_err, rows) => errors.push(rows) });
    db.close();
    expect(() => repo.record(HALL_ID, [estimate("t1", at(9), 5, 9), estimate("t2", at(9), 5, 9)])).not.toThrow();
    await expect.poll(() => errors, { timeout: 2000 }).toEqual([2]);
  });
});

describe("the per-day calibration from stored estimates", () => {
  it("counts, per hall-local day and category, the tickets called by their P50 and P80, and judges the period", async () => {
    const db = open(freshFile());
    const repo = new SqliteEstimateRepository(db);
    const hall = hallConfig();
    // Day 1 (2025-03-10): 10 tickets of c1 with P50 5 / P80 10 minutes from the estimate, called after
    // 1..10 minutes + 2 s (the estimate is made 2 s after issue): 5 by P50, 10 by P80. One ticket of c2
    // with no band, one of c2 never called.
    const events: HallEvent[] = [];
    const ests: IssueEstimate[] = [];
    for (let i = 1; i <= 10; i++) {
      ests.push(estimate(`a${i}`, at(9, i), 5, 10));
      events.push(ev.called(at(9, i) + 2000 + i * MINUTE, `a${i}`, "w1"));
    }
    ests.push(estimate("b1", at(10), null, null, { categoryId: "c2" }), estimate("b2", at(10), 3, 6, { categoryId: "c2" }));
    // Day 2 (2025-03-11, issued 08:00 local): called after 20 minutes against P80 10: late.
    ests.push(estimate("d2", at(32), 5, 10));
    events.push(ev.called(at(32, 20), "d2", "w1"));
    repo.record(HALL_ID, ests);
    repo.flushNow();
    await appendEvents(db, events);

    const answer = await calibrationOf(repo, HALL_ID, hall, "2025-03-10", "2025-03-11");
    expect(answer.rows.map((r) => [r.day, r.categoryId, r.tickets, r.byP50Share, r.byP80Share, r.noEstimate, r.notCalled])).toEqual([
      ["2025-03-10", null, 10, 0.5, 1, 1, 1],
      ["2025-03-10", "c1", 10, 0.5, 1, 0, 0],
      ["2025-03-10", "c2", 0, null, null, 1, 1],
      ["2025-03-11", null, 1, 0, 0, 0, 0],
      ["2025-03-11", "c1", 1, 0, 0, 0, 0],
    ]);
    expect(answer.summary).toEqual({ tickets: 11, byP50Share: 5 / 11, byP80Share: 10 / 11, noEstimate: 1, notCalled: 1, verdict: "too_few" });
    expect((await calibrationOf(repo, HALL_ID, hall, "2025-03-11", "2025-03-11")).rows.map((r) => r.day)).toEqual(["2025-03-11", "2025-03-11"]);
  });
});
