// PgEstimateRepository on a real PostgreSQL database made by the committed PostgreSQL migrations, with the
// same assertions as the SQLite repository's tests (server/adapters/sqlite/estimate-repository.test.ts):
// queued and written in small batches, the first estimate of a ticket kept (also from another pool, as
// after a restart or on another node), read back by issue time with each ticket's first call from the
// event log, a write failure reported and never thrown; and the per-day calibration built from them.
// The database is shared by the tests: each uses its own hall.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HallEvent } from "../../../contract/index.js";
import { calibrationOf } from "../../../server/app/floor-quality-calibration.js";
import { PgEstimateRepository } from "../../../server/adapters/postgres/estimate-repository.js";
import { PgEventLog } from "../../../server/adapters/postgres/event-log.js";
import { openPool } from "../../../server/adapters/postgres/pool.js";
import { at, ev, hallConfig, MINUTE } from "../../../server/domain/test-fixtures.js";
import type { IssueEstimate } from "../../../server/domain/wait-estimate/calibration.js";
import { migratedPostgres, type MigratedPostgres } from "./migrated-postgres.js";

let pgdb: MigratedPostgres;

beforeAll(async () => {
  pgdb = await migratedPostgres("hallpulse_estimates");
}, 180_000);

afterAll(async () => {
  await pgdb?.close();
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

async function appendEvents(hallId: string, events: HallEvent[]): Promise<void> {
  const log = new PgEventLog(pgdb.pool);
  await log.append(events.map((event) => ({ kind: "event", hallId, event: { ...event, hallId }, tsMs: Date.parse(event.ts), receivedMs: Date.parse(event.ts), rollupDays: [] })));
  await log.close();
}

const count = async (hallId?: string) =>
  (await pgdb.pool.query<{ n: number }>(`select count(*)::int as n from "TicketEstimate" where $1::text is null or "hallId" = $1`, [hallId ?? null])).rows[0]?.n ?? 0;

describe("the PostgreSQL estimate repository", () => {
  it("queues without writing, then writes every queued row in batches on its timer", async () => {
    const repo = new PgEstimateRepository(pgdb.pool, { flushDelayMs: 20, batchRows: 4 });
    repo.record("h-batches", Array.from({ length: 10 }, (_, i) => estimate(`t${i}`, at(9, i), 5, 9)));
    expect(repo.queued).toBe(10);
    expect(await count("h-batches")).toBe(0); // nothing written inside the caller's turn
    await expect.poll(() => count("h-batches"), { timeout: 5000 }).toBe(10);
    expect(repo.queued).toBe(0);
  });

  it("keeps the first estimate of a ticket, also from another pool (a restart, another node)", async () => {
    const HALL = "h-first";
    const first = new PgEstimateRepository(pgdb.pool);
    first.record(HALL, [estimate("t1", at(9), 5, 9, { modelP50Minutes: 4, modelP80Minutes: 7 })]);
    first.record(HALL, [estimate("t1", at(9), 50, 90)]);
    await first.flushNow();
    const otherPool = openPool(pgdb.url, 2);
    try {
      const again = new PgEstimateRepository(otherPool);
      again.record(HALL, [estimate("t1", at(9), 1, 2), estimate("t2", at(9, 1), null, null)]);
      await again.flushNow();
      const inputs = await again.calibrationInputs(HALL, at(0), at(24));
      expect(inputs.map((i) => i.estimate)).toEqual([
        { ticketId: "t1", categoryId: "c1", issuedAt: at(9), estimatedAt: at(9) + 2000, p50Minutes: 5, p80Minutes: 9, basis: "measured", modelP50Minutes: 4, modelP80Minutes: 7 },
        { ticketId: "t2", categoryId: "c1", issuedAt: at(9, 1), estimatedAt: at(9, 1) + 2000, p50Minutes: null, p80Minutes: null, basis: "unknown", modelP50Minutes: null, modelP80Minutes: null },
      ]);
      // Another hall's ticket with the same id is another record.
      again.record(`${HALL}-2`, [estimate("t1", at(9), 3, 4)]);
      await again.flushNow();
      expect((await count(HALL)) + (await count(`${HALL}-2`))).toBe(3);
    } finally {
      await otherPool.end();
    }
  });

  it("reads a period by issue time, with each ticket's first ticket.called from the event log", async () => {
    const HALL = "h-period";
    const repo = new PgEstimateRepository(pgdb.pool);
    repo.record(HALL, [estimate("t1", at(9), 5, 9), estimate("t2", at(9, 5), 5, 9), estimate("t3", at(23, 59), 5, 9), estimate("late", at(24), 5, 9)]);
    await repo.flushNow();
    await appendEvents(HALL, [
      ev.issued(at(9), "t1", "c1"),
      ev.called(at(9, 12), "t1", "w1"), // recalled later: the first call counts
      ev.called(at(9, 7), "t1", "w1"),
      ev.noShow(at(9, 20), "t1", "w1"),
      ev.issued(at(9, 5), "t2", "c1"),
    ]);
    const inputs = await repo.calibrationInputs(HALL, at(0), at(24));
    expect(inputs.map((i) => [i.estimate.ticketId, i.firstCalledAt])).toEqual([
      ["t1", at(9, 7)],
      ["t2", null],
      ["t3", null],
    ]);
    expect(await repo.calibrationInputs(`${HALL}-2`, at(0), at(24))).toEqual([]);
  });

  it("reports a failed write and never throws to the caller", async () => {
    const gone = openPool(pgdb.url, 1);
    await gone.end();
    const errors: number[] = [];
    const repo = new PgEstimateRepository(gone, { flushDelayMs: 5, onError: (_err, rows) => errors.push(rows) });
    expect(() => repo.record("h-gone", [estimate("t1", at(9), 5, 9), estimate("t2", at(9), 5, 9)])).not.toThrow();
    await expect.poll(() => errors, { timeout: 5000 }).toEqual([2]);
    expect(await count("h-gone")).toBe(0);
  });
});

describe("the per-day calibration from estimates stored in PostgreSQL", () => {
  it("counts, per hall-local day and category, the tickets called by their P50 and P80, and judges the period", async () => {
    const HALL = "h-calibration";
    const repo = new PgEstimateRepository(pgdb.pool);
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
    repo.record(HALL, ests);
    await repo.flushNow();
    await appendEvents(HALL, events);

    const answer = await calibrationOf(repo, HALL, hall, "2025-03-10", "2025-03-11");
    expect(answer.rows.map((r) => [r.day, r.categoryId, r.tickets, r.byP50Share, r.byP80Share, r.noEstimate, r.notCalled])).toEqual([
      ["2025-03-10", null, 10, 0.5, 1, 1, 1],
      ["2025-03-10", "c1", 10, 0.5, 1, 0, 0],
      ["2025-03-10", "c2", 0, null, null, 1, 1],
      ["2025-03-11", null, 1, 0, 0, 0, 0],
      ["2025-03-11", "c1", 1, 0, 0, 0, 0],
    ]);
    expect(answer.summary).toEqual({ tickets: 11, byP50Share: 5 / 11, byP80Share: 10 / 11, noEstimate: 1, notCalled: 1, verdict: "too_few" });
    expect((await calibrationOf(repo, HALL, hall, "2025-03-11", "2025-03-11")).rows.map((r) => r.day)).toEqual(["2025-03-11", "2025-03-11"]);
  });
});
