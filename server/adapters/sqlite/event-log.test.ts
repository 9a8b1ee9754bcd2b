// eventsForFacts' "state of each window before the horizon" by index seeks equals the plain SQL
// definition (the last open/pause/resume/close of each window before the time, by time then seq), on the
// real schema made by the committed migrations.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import type { HallEvent } from "../../../contract/index.js";
import { projectRoot } from "../../project-root.js";
import { SqliteEventLog } from "./event-log.js";

const TYPES = ["window.opened", "window.paused", "window.resumed", "window.closed", "ticket.called"] as const;
const BASE = Date.UTC(2026, 10, 20, 0, 0, 0);
const dirs: string[] = [];

function freshDatabase(): Database.Database {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hallpulse-eventlog-"));
  dirs.push(dir);
  const db = new Database(path.join(dir, "t.db"));
  const migrations = path.join(projectRoot(), "prisma", "migrations");
  for (const name of fs.readdirSync(migrations).filter((n) => /^\d/.test(n)).sort())
    db.exec(fs.readFileSync(path.join(migrations, name, "migration.sql"), "utf8"));
  return db;
}

afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** The definition: per window, the transition before `sinceMs` with the greatest (tsMs, seq). */
function reference(db: Database.Database, hallId: string, sinceMs: number): string[] {
  return (
    db
      .prepare(
        `select payload from "Event" e where e.hallId = ? and e.type in ('window.opened','window.paused','window.resumed','window.closed') and e.tsMs < ? and e.seq = (
           select e2.seq from "Event" e2 where e2.hallId = e.hallId and e2.windowId = e.windowId
             and e2.type in ('window.opened','window.paused','window.resumed','window.closed') and e2.tsMs < ? order by e2.tsMs desc, e2.seq desc limit 1)`,
      )
      .pluck()
      .all(hallId, sinceMs, sinceMs) as string[]
  ).sort();
}

const eventArb = fc.record({
  hall: fc.constantFrom("h1", "h2"),
  window: fc.constantFrom("w1", "w2", "w3", "综合窗口-1"),
  type: fc.constantFrom(...TYPES),
  minute: fc.integer({ min: 0, max: 600 }),
});

describe("SqliteEventLog.eventsForFacts", () => {
  it("returns each window's last transition before the horizon, like the plain SQL definition", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventArb, { maxLength: 120 }), fc.integer({ min: 0, max: 620 }), async (specs, sinceMinute) => {
        const db = freshDatabase();
        const log = new SqliteEventLog(db, { batchDelayMs: 0 });
        const items = specs.map((s, i) => {
          const ts = BASE + s.minute * 60_000;
          const event = (
            s.type === "ticket.called"
              ? { id: `e${i}`, hallId: s.hall, ts: new Date(ts).toISOString(), type: s.type, ticketId: `t${i}`, windowId: s.window }
              : { id: `e${i}`, hallId: s.hall, ts: new Date(ts).toISOString(), type: s.type, windowId: s.window, ...(s.type === "window.opened" ? { staffId: "s" } : {}) }
          ) as HallEvent;
          return { kind: "event" as const, hallId: s.hall, event, tsMs: ts, receivedMs: ts, rollupDays: [] };
        });
        await log.append(items);
        const sinceMs = BASE + sinceMinute * 60_000;
        for (const hallId of ["h1", "h2"]) {
          const got = log.eventsForFacts(hallId, sinceMs, sinceMs - 1).map((e) => JSON.stringify(e));
          const want = reference(db, hallId, sinceMs).map((p) => JSON.stringify(JSON.parse(p)));
          expect(got.sort()).toEqual(want);
        }
        db.close();
      }),
      { numRuns: 60 },
    );
  });
});
