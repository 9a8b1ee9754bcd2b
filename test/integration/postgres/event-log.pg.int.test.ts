// The PostgreSQL event log (issue #11) on a real PostgreSQL server with the committed PostgreSQL
// migrations: the same outcomes and reads as the SQLite log, duplicates decided by the unique constraint
// even between two nodes appending at once, and seqs that become visible in commit order (what the log
// follower's catch-up by global seq relies on).
import fc from "fast-check";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HallEvent } from "../../../contract/index.js";
import type { AppendItem, EventLog } from "../../../server/app/ports.js";
import { FACTS_BATCH } from "../../../server/adapters/facts-batches.js";
import { FACTS_RANGE_SQL, FACTS_READ_BEGIN, LOG_CHANNEL, PgEventLog } from "../../../server/adapters/postgres/event-log.js";
import { applyPostgresMigrations, postgresMigrationNames } from "../../../server/adapters/postgres/migrations.js";
import { openPool } from "../../../server/adapters/postgres/pool.js";
import { RATED_EVALUATION_CASES, ratedEvaluationItems } from "../../../server/adapters/rated-evaluations.test-support.js";
import { SqliteEventLog } from "../../../server/adapters/sqlite/event-log.js";
import { freshDatabase, removeTestDatabases } from "../../../server/adapters/sqlite/test-database.js";
import { projectRoot } from "../../../server/project-root.js";
import { freshPostgresDatabase, type FreshDatabase } from "../../helpers/postgres.js";

const BASE = Date.UTC(2026, 10, 20, 1, 0, 0);
let database: FreshDatabase;
let pool: pg.Pool;
let poolB: pg.Pool;

function item(hallId: string, id: string, type: HallEvent["type"], minute: number, windowId = "w1"): AppendItem {
  const ts = new Date(BASE + minute * 60_000).toISOString();
  const event = (
    type === "ticket.issued"
      ? { id, type, hallId, ts, ticketId: `t-${id}`, ticketNo: "A001", categoryId: "c1" }
      : type === "ticket.called"
        ? { id, type, hallId, ts, ticketId: `t-${id}`, windowId }
        : type === "window.opened"
          ? { id, type, hallId, ts, windowId, staffId: "s1" }
          : { id, type, hallId, ts, windowId }
  ) as HallEvent;
  return { kind: "event", hallId, event, tsMs: BASE + minute * 60_000, receivedMs: BASE + minute * 60_000, rollupDays: ["2026-11-20"] };
}

/** What a log hands to foldEventsForFacts: the events' ids in order, and each batch's size. */
async function factsRead(log: EventLog, hallId: string, sinceMs: number, toMs: number): Promise<{ ids: string[]; batches: number[] }> {
  const ids: string[] = [];
  const batches: number[] = [];
  await log.foldEventsForFacts(hallId, sinceMs, toMs, (batch) => {
    batches.push(batch.length);
    for (const e of batch) ids.push(e.id);
  });
  return { ids, batches };
}

beforeAll(async () => {
  database = await freshPostgresDatabase("hallpulse_eventlog");
  const applied = await applyPostgresMigrations(database.url, projectRoot());
  expect(applied).toEqual(postgresMigrationNames(projectRoot()));
  pool = openPool(database.url);
  poolB = openPool(database.url);
}, 180_000);

afterAll(async () => {
  await pool?.end();
  await poolB?.end();
  await database?.drop();
  removeTestDatabases();
});

describe("PostgreSQL migrations", () => {
  it("are recorded as applied: a second start applies nothing", async () => {
    expect(await applyPostgresMigrations(database.url, projectRoot())).toEqual([]);
    const r = await pool.query(`select migration_name from _prisma_migrations where finished_at is not null order by 1`);
    expect(r.rows.map((row: { migration_name: string }) => row.migration_name)).toEqual(postgresMigrationNames(projectRoot()));
  });
});

describe("PgEventLog", () => {
  it("accepts, refuses duplicates (also within one batch), stores quarantine rows and marks rollup days", async () => {
    const log = new PgEventLog(pool);
    const first = await log.append([item("h1", "e1", "ticket.issued", 1), item("h1", "e2", "ticket.called", 2), item("h1", "e1", "ticket.issued", 1)]);
    expect(first).toEqual(["accepted", "accepted", "duplicate"]);
    const q: AppendItem = { kind: "quarantine", hallId: "h1", source: "http", eventId: null, field: "ts", error: "ts: bad", payload: "{}", receivedMs: BASE };
    expect(await log.append([item("h1", "e1", "ticket.issued", 1), q, item("h2", "e1", "ticket.issued", 1)])).toEqual(["duplicate", "stored", "accepted"]);
    expect(await log.hasEvent("h1", "e2")).toBe(true);
    expect(await log.hasEvent("h2", "e2")).toBe(false);
    expect(await log.existingEventIds("h1", ["e1", "e9", "e2", 'x"]', "窗口"])).toEqual(new Set(["e1", "e2"]));
    expect((await log.getEvent("h1", "e2"))?.type).toBe("ticket.called");
    expect((await log.eventsOfTicket("h1", "t-e1")).map((e) => e.id)).toEqual(["e1"]);
    expect((await log.eventsOfTypesSince("h1", ["ticket.called"], BASE)).map((e) => e.id)).toEqual(["e2"]);
    // With an upper bound (exclusive), as the consistency facts are read a day at a time.
    const both = ["ticket.issued", "ticket.called"];
    expect((await log.eventsOfTypesSince("h1", both, BASE, BASE + 2 * 60_000)).map((e) => e.id)).toEqual(["e1"]);
    expect((await log.eventsOfTypesSince("h1", both, BASE + 2 * 60_000, BASE + 3 * 60_000)).map((e) => e.id)).toEqual(["e2"]);
    const days = await pool.query(`select "hallId", day, "dirtyGen" from "RollupDay" order by 1`);
    expect(days.rows).toEqual([
      { hallId: "h1", day: "2026-11-20", dirtyGen: 1 },
      { hallId: "h2", day: "2026-11-20", dirtyGen: 1 },
    ]);
    expect((await pool.query(`select count(*)::int as n from "Quarantine"`)).rows[0].n).toBe(1);
    await log.close();
  });

  it("hands over the events for the facts exactly as the SQLite log does, in batches of at most FACTS_BATCH", async () => {
    const TYPES = ["window.opened", "window.paused", "window.resumed", "window.closed", "ticket.called"] as const;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ window: fc.constantFrom("w1", "w2", "综合窗口-1"), type: fc.constantFrom(...TYPES), minute: fc.integer({ min: 0, max: 300 }) }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 320 }),
        async (specs, sinceMinute) => {
          run += 1;
          const hallId = `facts-${run}`;
          const items = specs.map((s, i) => item(hallId, `f${i}`, s.type, s.minute, s.window));
          const sqlite = new SqliteEventLog(freshDatabase());
          const postgres = new PgEventLog(pool);
          await sqlite.append(items);
          await postgres.append(items);
          const since = BASE + sinceMinute * 60_000;
          const a = (await factsRead(sqlite, hallId, since, since + 3_600_000)).ids;
          const b = (await factsRead(postgres, hallId, since, since + 3_600_000)).ids;
          expect(b).toEqual(a);
          await sqlite.close();
          await postgres.close();
        },
      ),
      { numRuns: 10 },
    );
  });

  it("reads a range longer than a batch through its cursor: every event once, in commit order, batch by batch", async () => {
    const hallId = "facts-long";
    const n = FACTS_BATCH * 2 + 345;
    // Commit order differs from time order (each commit's minute counts down), and one window opened before the range.
    const items = [item(hallId, "open", "window.opened", 0, "w9"), ...Array.from({ length: n }, (_, i) => item(hallId, `c${i}`, "ticket.called", 100 + ((n - i) % 50)))];
    const sqlite = new SqliteEventLog(freshDatabase());
    const postgres = new PgEventLog(pool);
    await sqlite.append(items);
    await postgres.append(items);
    const since = BASE + 10 * 60_000;
    const pgRead = await factsRead(postgres, hallId, since, BASE + 1000 * 60_000);
    expect(pgRead.ids).toEqual((await factsRead(sqlite, hallId, since, BASE + 1000 * 60_000)).ids);
    expect(pgRead.ids).toEqual(["open", ...items.slice(1).map((i) => (i.kind === "event" ? i.event.id : ""))]);
    expect(pgRead.batches).toEqual([1, FACTS_BATCH, FACTS_BATCH, 345]);
    // A fold that throws ends the read and gives its connection back (the pool still answers).
    await expect(postgres.foldEventsForFacts(hallId, since, BASE + 1000 * 60_000, () => { throw new Error("fold failed"); })).rejects.toThrow("fold failed");
    expect((await pool.query(`select 1 as one`)).rows[0].one).toBe(1);
    await sqlite.close();
    await postgres.close();
  });

  it("plans the range's cursor as one hall's rows, not a walk of the whole log in seq order", async () => {
    // Many halls, statistics gathered: without cursor_tuple_fraction 1 the planner walks the primary key.
    const halls = Array.from({ length: 40 }, (_, h) => `plan-${h}`);
    for (const hallId of halls) await new PgEventLog(pool, { batchDelayMs: 0 }).append(Array.from({ length: 500 }, (_, i) => item(hallId, `p${i}`, "ticket.called", i % 300)));
    await pool.query(`analyze "Event"`);
    const plan = async (begin: string) => {
      const client = await pool.connect();
      try {
        await client.query(begin);
        const r = await client.query<{ "QUERY PLAN": string }>(`explain declare t no scroll cursor for ${FACTS_RANGE_SQL}`, ["plan-7", BASE, BASE + 400 * 60_000]);
        await client.query("rollback");
        return r.rows.map((row) => row["QUERY PLAN"]).join("\n");
      } finally {
        client.release();
      }
    };
    // The default fraction (the first tenth of the rows) is what picked the walk: the test's data shows it.
    expect(await plan("begin isolation level repeatable read read only")).toMatch(/Index Scan using "Event_pkey"/);
    expect(await plan(FACTS_READ_BEGIN)).not.toMatch(/Event_pkey/);
  });

  it("returns evaluations rated at most the given rating, in the range, in commit order (as the SQLite log)", async () => {
    const log = new PgEventLog(pool, { batchDelayMs: 0 });
    await log.append(ratedEvaluationItems(BASE).map((i) => (i.kind === "event" ? { ...i, hallId: `rated-${i.hallId}`, event: { ...i.event, hallId: `rated-${i.hallId}` } } : i)));
    for (const c of RATED_EVALUATION_CASES) {
      const got = await log.evaluationsRatedAtMost("rated-h1", c.maxRating, c.since(BASE), c.before?.(BASE));
      expect(got.map((e) => e.id), `rating ≤ ${c.maxRating}`).toEqual(c.ids);
    }
    await log.close();
  });

  it("notifies the other nodes of the highest seq it committed, once a batch, and not for a batch of duplicates", async () => {
    const listener = await poolB.connect();
    const heard: string[] = [];
    listener.on("notification", (n) => {
      if (n.channel === LOG_CHANNEL) heard.push(n.payload ?? "");
    });
    await listener.query(`listen ${LOG_CHANNEL}`);
    const log = new PgEventLog(pool, { batchDelayMs: 0 });
    await log.append([item("notify", "n1", "ticket.issued", 1), item("notify", "n2", "ticket.issued", 2)]);
    const seqs = (await pool.query<{ seq: string }>(`select seq from "Event" where "hallId" = 'notify' order by seq`)).rows.map((r) => Number(r.seq));
    for (let i = 0; i < 50 && heard.length < 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(heard).toEqual([String(Math.max(...seqs))]);
    expect(await log.append([item("notify", "n1", "ticket.issued", 1)])).toEqual(["duplicate"]);
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).toHaveLength(1);
    await listener.query(`unlisten ${LOG_CHANNEL}`);
    listener.release();
    await log.close();
  });

  it("counts an event sent to two nodes at once exactly once", async () => {
    const nodeA = new PgEventLog(pool, { batchDelayMs: 1 });
    const nodeB = new PgEventLog(poolB, { batchDelayMs: 1 });
    const ids = Array.from({ length: 200 }, (_, i) => `dup-${i}`);
    const outcomes = await Promise.all(ids.flatMap((id, i) => [nodeA.append([item("h3", id, "ticket.issued", i % 300)]), nodeB.append([item("h3", id, "ticket.issued", i % 300)])]));
    for (let i = 0; i < ids.length; i++) expect([outcomes[2 * i]?.[0], outcomes[2 * i + 1]?.[0]].sort()).toEqual(["accepted", "duplicate"]);
    expect((await pool.query(`select count(*)::int as n from "Event" where "hallId" = 'h3'`)).rows[0].n).toBe(200);
    await nodeA.close();
    await nodeB.close();
  });

  it("makes seqs visible in commit order: a reader tailing by seq misses nothing two nodes commit", async () => {
    const nodeA = new PgEventLog(pool, { batchDelayMs: 0 });
    const nodeB = new PgEventLog(poolB, { batchDelayMs: 0 });
    const start = Number((await pool.query(`select coalesce(max(seq), 0) as m from "Event"`)).rows[0].m);
    const seen: number[] = [];
    let last = start;
    let writing = true;
    const tail = (async () => {
      while (writing) {
        const r = await pool.query<{ seq: number }>(`select seq from "Event" where seq > $1 order by seq`, [last]);
        for (const row of r.rows) seen.push(Number(row.seq));
        if (r.rows.length > 0) last = Number(r.rows.at(-1)?.seq);
      }
    })();
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 300; i++) writes.push((i % 2 === 0 ? nodeA : nodeB).append([item("h4", `o-${i}`, "ticket.issued", i % 300)]));
    await Promise.all(writes);
    writing = false;
    await tail;
    const rest = await pool.query<{ seq: number }>(`select seq from "Event" where seq > $1 order by seq`, [last]);
    seen.push(...rest.rows.map((row) => Number(row.seq)));
    const all = (await pool.query<{ seq: number }>(`select seq from "Event" where seq > $1 order by seq`, [start])).rows.map((row) => Number(row.seq));
    expect(all).toHaveLength(300);
    // Read in increasing order and nothing skipped: no smaller seq appeared after a larger one was read.
    expect(seen).toEqual(all);
    await nodeA.close();
    await nodeB.close();
  });
});
