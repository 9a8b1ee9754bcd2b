// PgReceivedEvents on a real PostgreSQL database made by the committed PostgreSQL migrations, with the same
// assertions as the SQLite reader's tests (server/adapters/sqlite/received-events.test.ts): one hall-local
// day's events with their receive times — the day, the context before it (12 h and each window's state),
// receivedMs as stored — equal to the SQLite reader's for the same log; and the data-quality answer built
// from them. The database is shared by the tests: each uses its own hall.
import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HallEvent } from "../../../contract/index.js";
import { dataQualityOf } from "../../../server/app/floor-quality-data.js";
import { PgEventLog } from "../../../server/adapters/postgres/event-log.js";
import { PgReceivedEvents } from "../../../server/adapters/postgres/received-events.js";
import { SqliteEventLog } from "../../../server/adapters/sqlite/event-log.js";
import { SqliteReceivedEvents } from "../../../server/adapters/sqlite/received-events.js";
import { freshDatabase, removeTestDatabases } from "../../../server/adapters/sqlite/test-database.js";
import { at, ev, hallConfig, HOUR, MINUTE } from "../../../server/domain/test-fixtures.js";
import { migratedPostgres, type MigratedPostgres } from "./migrated-postgres.js";

let pgdb: MigratedPostgres;
let sqlite: Database.Database;

beforeAll(async () => {
  pgdb = await migratedPostgres("hallpulse_received");
  sqlite = freshDatabase();
}, 180_000);

afterAll(async () => {
  sqlite?.close();
  removeTestDatabases();
  await pgdb?.close();
});

/** Stores events of `hallId` as received `delayMs` after their own time, in PostgreSQL and in SQLite. */
async function store(hallId: string, events: HallEvent[], delayMs = 0): Promise<void> {
  const items = events.map((event) => ({ kind: "event" as const, hallId, event: { ...event, hallId }, tsMs: Date.parse(event.ts), receivedMs: Date.parse(event.ts) + delayMs, rollupDays: [] }));
  const log = new PgEventLog(pgdb.pool);
  await log.append(items);
  await log.close();
  await new SqliteEventLog(sqlite).append(items);
}

const dev = <E extends HallEvent>(e: E, deviceId: string, seq: number): E => ({ ...e, deviceId, seq });
const ids = (events: { event: HallEvent }[]) => events.map((r) => r.event.id);

describe("the events of a day with their receive times, from PostgreSQL", () => {
  it("returns the day, the 12 hours before it and each window's last state before those, as the SQLite reader does", async () => {
    const HALL = "h-day";
    await store(HALL, [
      ev.opened(at(-30), "w1", "w1-open"), // two days' worth before: only as w1's state
      ev.paused(at(-29), "w1", "w1-pause"),
      ev.resumed(at(-28), "w1", "w1-resume"),
      ev.opened(at(-40), "w2", "w2-open"),
      ev.closed(at(-39), "w2", "w2-close"),
      ev.issued(at(-13), "old", "c1", "OLD", "too-early"),
      ev.issued(at(-3), "t0", "c1", "T0", "evening"),
      ev.issued(at(9), "t1", "c1", "T1", "morning"),
      ev.called(at(24), "t1", "w1", "next-day"),
    ]);
    await store(HALL, [ev.called(at(9, 5), "t0", "w1", "slow")], 3 * MINUTE);
    const reader = new PgReceivedEvents(pgdb.pool);
    const rows = await reader.forPeriod(HALL, at(0), at(24));
    expect(ids(rows)).toEqual(["w1-resume", "w2-close", "evening", "morning", "slow"]);
    expect(rows.find((r) => r.event.id === "slow")?.receivedMs).toBe(at(9, 8));
    expect(await reader.forPeriod(`${HALL}-2`, at(0), at(24))).toEqual([]);
    expect(rows).toEqual(await new SqliteReceivedEvents(sqlite).forPeriod(HALL, at(0), at(24)));
  });
});

describe("the data-quality answer of a day, from PostgreSQL", () => {
  it("counts each impossible sequence once, a skewed clock, a seq gap and a late event, worst subject first", async () => {
    const HALL = "h-quality";
    const hall = hallConfig();
    // Yesterday evening w1 opened and t0 was issued: today's service and call are normal.
    await store(HALL, [ev.opened(at(-2), "w1", "open-w1"), ev.issued(at(-1), "t0", "c1", "T0", "iss-t0")]);
    await store(HALL, [
      dev(ev.called(at(9), "t0", "w1", "call-t0"), "k1", 1),
      dev(ev.started(at(9, 1), "t0", "w1", "start-t0"), "k1", 2),
      dev(ev.completed(at(9, 9), "t0", "w1", "done-t0"), "k1", 3),
      // completed without start (and repeated: one issue)
      dev(ev.completed(at(9, 20), "t9", "w1", "done-t9"), "k1", 4),
      dev(ev.completed(at(9, 21), "t9", "w1", "done-t9b"), "k1", 5),
      // seq 6 and 7 never arrive: a gap of 2
      dev(ev.called(at(9, 30), "t2", "w1", "call-t2"), "k1", 8), // call before issue
      dev(ev.issued(at(9, 31), "t2", "c1", "T2", "iss-t2"), "k1", 9),
    ]);
    // w2 never opened: a service on a closed window; its terminal's clock runs 10 minutes fast.
    await store(HALL, [dev(ev.started(at(10, 10), "t3", "w2", "start-t3"), "k2", 1), dev(ev.completed(at(10, 20), "t3", "w2", "done-t3"), "k2", 2)], -10 * MINUTE);
    // Ordinary work on k1 (seq 11–42), so that its figures are only partly in doubt.
    const ordinary: HallEvent[] = [];
    for (let i = 0; i < 8; i++) {
      const t = `n${i}`;
      const m = 12 * 60 + i * 10;
      ordinary.push(ev.issued(at(0, m), t, "c1"), ev.called(at(0, m + 2), t, "w1"), ev.started(at(0, m + 3), t, "w1"), ev.completed(at(0, m + 8), t, "w1"));
    }
    await store(HALL, ordinary.map((e, i) => dev(e, "k1", 11 + i)));
    // A late event on k1: received 30 minutes after its time.
    await store(HALL, [dev(ev.issued(at(11), "t4", "c1", "T4", "iss-t4"), "k1", 10)], 30 * MINUTE);

    const answer = await dataQualityOf(new PgReceivedEvents(pgdb.pool), HALL, hall, "2025-03-10", at(24) + HOUR);
    const kinds = answer.issues.map((i) => [i.kind, i.eventId]);
    expect(kinds).toEqual([
      ["completed_without_start", "done-t9"],
      ["call_before_issue", "call-t2"],
      ["seq_gap", "call-t2"],
      ["service_on_closed_window", "start-t3"],
      ["clock_skew", "start-t3"], // by the device's first event
      ["late_event", "iss-t4"],
    ]);
    expect(answer.totalIssues).toBe(6);
    expect(answer.issues.find((i) => i.kind === "seq_gap")).toMatchObject({ amount: 2, deviceId: "k1", ts: new Date(at(9, 30)).toISOString() });
    expect(answer.pending).toBe(0);
    expect(answer.devices.map((d) => d.id)).toEqual(["k2", "k1"]); // k2: a skewed clock and a closed-window service
    const k1 = answer.devices.find((d) => d.id === "k1");
    expect(k1).toMatchObject({ events: 40, missing: 2, skewMs: null, grade: "distrust" });
    expect(k1?.score).toBeGreaterThan(0);
    expect(k1?.counts).toEqual({ completed_without_start: 1, call_before_issue: 1, service_on_closed_window: 0, clock_skew: 0, seq_gap: 1, late_event: 1 });
    const k2 = answer.devices.find((d) => d.id === "k2");
    expect(k2?.counts.service_on_closed_window).toBe(1);
    expect(k2?.skewMs).toBe(10 * MINUTE);
    expect(k2).toMatchObject({ grade: "distrust", score: 0 });
    expect(answer.windows.map((w) => w.id)).toEqual(["w2", "w1"]);
    expect(answer).toEqual(await dataQualityOf(new SqliteReceivedEvents(sqlite), HALL, hall, "2025-03-10", at(24) + HOUR));
  });

  it("holds back an issue whose event arrived less than 10 minutes ago", async () => {
    const HALL = "h-pending";
    await store(HALL, [ev.opened(at(8), "w1"), ev.completed(at(9), "t1", "w1", "done")]);
    const reader = new PgReceivedEvents(pgdb.pool);
    expect(await dataQualityOf(reader, HALL, hallConfig(), "2025-03-10", at(9, 5))).toMatchObject({ issues: [], pending: 1, totalIssues: 0 });
    expect(await dataQualityOf(reader, HALL, hallConfig(), "2025-03-10", at(9, 10))).toMatchObject({ pending: 0, totalIssues: 1 });
  });
});
