// foldEventsForFacts' "state of each window before the horizon" by index seeks equals the plain SQL
// definition (the last open/pause/resume/close of each window before the time, by time then seq), on the
// real schema made by the committed migrations.
import type Database from "better-sqlite3";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import type { HallEvent } from "../../../contract/index.js";
import { RATED_EVALUATION_CASES, ratedEvaluationItems } from "../rated-evaluations.test-support.js";
import { FACTS_BATCH } from "../facts-batches.js";
import { SqliteEventLog } from "./event-log.js";
import { freshDatabase, freshDatabaseFile, removeTestDatabases } from "./test-database.js";

const TYPES = ["window.opened", "window.paused", "window.resumed", "window.closed", "ticket.called"] as const;
const BASE = Date.UTC(2026, 10, 20, 0, 0, 0);
afterEach(removeTestDatabases);

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

describe("SqliteEventLog.eventsForFactsSync", () => {
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
          const got = log.eventsForFactsSync(hallId, sinceMs, sinceMs - 1).map((e) => JSON.stringify(e));
          const want = reference(db, hallId, sinceMs).map((p) => JSON.stringify(JSON.parse(p)));
          expect(got.sort()).toEqual(want);
        }
        db.close();
      }),
      { numRuns: 60 },
    );
    // 60 fresh migrated databases: seconds on a loaded 2-core machine.
  }, 60_000);
});

describe("SqliteEventLog.foldEventsForFacts", () => {
  it("hands over eventsForFactsSync's events in the same order, in batches of at most FACTS_BATCH", async () => {
    const db = freshDatabase();
    const log = new SqliteEventLog(db, { batchDelayMs: 0 });
    const n = FACTS_BATCH + 7;
    const called = (i: number) => {
      const ts = BASE + 3_600_000 + ((n - i) % 40) * 1000;
      const event = { id: `c${i}`, hallId: "h1", ts: new Date(ts).toISOString(), type: "ticket.called", ticketId: `t${i}`, windowId: "w1" } as HallEvent;
      return { kind: "event" as const, hallId: "h1", event, tsMs: ts, receivedMs: ts, rollupDays: [] };
    };
    const opened = { id: "open", hallId: "h1", ts: new Date(BASE).toISOString(), type: "window.opened", windowId: "w2", staffId: "s" } as HallEvent;
    await log.append([{ kind: "event", hallId: "h1", event: opened, tsMs: BASE, receivedMs: BASE, rollupDays: [] }, ...Array.from({ length: n }, (_, i) => called(i))]);
    const batches: number[] = [];
    const ids: string[] = [];
    await log.foldEventsForFacts("h1", BASE + 60_000, BASE + 86_400_000, (batch) => {
      batches.push(batch.length);
      for (const e of batch) ids.push(e.id);
    });
    expect(ids).toEqual(log.eventsForFactsSync("h1", BASE + 60_000, BASE + 86_400_000).map((e) => e.id));
    expect(ids).toEqual(["open", ...Array.from({ length: n }, (_, i) => `c${i}`)]);
    expect(batches).toEqual([FACTS_BATCH, 8]);
    // A fold that throws rejects the read.
    await expect(log.foldEventsForFacts("h1", BASE, BASE + 86_400_000, () => { throw new Error("fold failed"); })).rejects.toThrow("fold failed");
    db.close();
  });
});

describe("SqliteEventLog.eventsOfTypesSince", () => {
  it("returns the events of the types asked from `since`, before `before` when given, in commit order", async () => {
    const db = freshDatabase();
    const log = new SqliteEventLog(db, { batchDelayMs: 0 });
    const at = (id: string, type: "ticket.issued" | "ticket.called", ms: number) => {
      const event = (
        type === "ticket.issued"
          ? { id, hallId: "h1", ts: new Date(ms).toISOString(), type, ticketId: `t-${id}`, ticketNo: "A001", categoryId: "c", channel: "kiosk", priority: "normal" }
          : { id, hallId: "h1", ts: new Date(ms).toISOString(), type, ticketId: `t-${id}`, windowId: "w1" }
      ) as HallEvent;
      return { kind: "event" as const, hallId: "h1", event, tsMs: ms, receivedMs: ms, rollupDays: [] };
    };
    const DAY = 86_400_000;
    // Committed out of time order: the answer follows the commits.
    await log.append([at("late", "ticket.issued", BASE + DAY + 5), at("early", "ticket.issued", BASE), at("call", "ticket.called", BASE + 10), at("ahead", "ticket.issued", BASE + 400 * DAY)]);
    const ids = (types: string[], since: number, before?: number) => log.eventsOfTypesSinceSync("h1", types, since, before).map((e) => e.id);
    expect(ids(["ticket.issued"], BASE)).toEqual(["late", "early", "ahead"]);
    expect(ids(["ticket.issued"], BASE, BASE + DAY)).toEqual(["early"]);
    expect(ids(["ticket.issued"], BASE + DAY, BASE + DAY + 5)).toEqual([]);
    expect(ids(["ticket.issued", "ticket.called"], BASE, BASE + DAY)).toEqual(["early", "call"]);
    expect((await log.eventsOfTypesSince("h1", ["ticket.issued"], BASE + DAY + 5)).map((e) => e.id)).toEqual(["late", "ahead"]);
    db.close();
  });
});

describe("SqliteEventLog.evaluationsRatedAtMost", () => {
  it("returns the hall's evaluations rated at most the given rating, in the range, in commit order", async () => {
    const db = freshDatabase();
    const log = new SqliteEventLog(db, { batchDelayMs: 0 });
    await log.append(ratedEvaluationItems(BASE));
    for (const c of RATED_EVALUATION_CASES) {
      const got = await log.evaluationsRatedAtMost("h1", c.maxRating, c.since(BASE), c.before?.(BASE));
      expect(got.map((e) => e.id), `rating ≤ ${c.maxRating}`).toEqual(c.ids);
    }
    db.close();
  });
});

describe("SqliteEventLog with the writer worker", () => {
  const event = (i: number, hallId = "h1"): HallEvent =>
    ({ id: `e${i}`, hallId, ts: new Date(BASE + i * 1000).toISOString(), type: "ticket.called", ticketId: `t${i}`, windowId: "w1" }) as HallEvent;
  const item = (e: HallEvent) => ({ kind: "event" as const, hallId: e.hallId, event: e, tsMs: Date.parse(e.ts), receivedMs: Date.parse(e.ts), rollupDays: ["2026-11-20"] });

  it("commits in the worker, answers duplicates, and the server's connection reads what it committed", async () => {
    const { db, file } = freshDatabaseFile();
    db.pragma("journal_mode = WAL");
    const log = new SqliteEventLog(db, { writerFile: file });
    // Concurrent appends share transactions; the same id twice at once is accepted once.
    const [a, b, c] = await Promise.all([
      log.append([item(event(1)), item(event(2))]),
      log.append([item(event(2)), item(event(3))]),
      log.append([{ kind: "quarantine", hallId: "h1", source: "socket", eventId: null, field: "ts", error: "ts: bad", payload: "{}", receivedMs: BASE }]),
    ]);
    expect(a).toEqual(["accepted", "accepted"]);
    expect(b).toEqual(["duplicate", "accepted"]);
    expect(c).toEqual(["stored"]);
    expect(log.hasEventSync("h1", "e3")).toBe(true);
    expect(log.existingEventIdsSync("h1", ["e1", "e9", "e3", 'x"]', "窗口"])).toEqual(new Set(["e1", "e3"]));
    expect(log.existingEventIdsSync("h2", ["e1"])).toEqual(new Set());
    expect(log.existingEventIdsSync("h1", [])).toEqual(new Set());
    expect(log.getEventSync("h1", "e2")).toEqual(event(2));
    expect(db.prepare(`select count(*) from "Event"`).pluck().get()).toBe(3);
    expect(db.prepare(`select count(*) from "Quarantine"`).pluck().get()).toBe(1);
    expect(db.prepare(`select dirtyGen from "RollupDay" where hallId = 'h1' and day = '2026-11-20'`).pluck().get()).toBeGreaterThanOrEqual(1);
    await log.close();
    await expect(log.append([item(event(4))])).rejects.toThrow(/closed/);
    db.close();
  });

  it("reports a failed commit as an error, never as accepted, and commits again once the fault is gone", async () => {
    const { db, file } = freshDatabaseFile();
    db.pragma("journal_mode = WAL");
    const log = new SqliteEventLog(db, { writerFile: file });
    await log.append([item(event(1))]);
    // Hold the write lock on the server's connection past the worker's busy timeout: its commit fails.
    db.pragma("busy_timeout = 0");
    db.exec("begin immediate");
    const blocked = log.append([item(event(2))]);
    await expect(blocked).rejects.toThrow(/could not commit/);
    db.exec("rollback");
    expect(log.hasEventSync("h1", "e2")).toBe(false);
    expect(await log.append([item(event(2))])).toEqual(["accepted"]);
    await log.close();
    db.close();
  }, 20_000);
});
