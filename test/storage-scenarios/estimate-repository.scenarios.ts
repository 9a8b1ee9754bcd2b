// The estimate repository's scenarios, one set for every storage (SQLite: server/adapters/sqlite/
// estimate-repository.test.ts; PostgreSQL: test/integration/postgres/estimate-repository.pg.int.test.ts):
// queued and written in small batches, the first estimate of a ticket kept (also from a new connection,
// as after a restart or on another node), read back by issue time with each ticket's first call from the
// event log, a write failure reported and never thrown; and the per-day calibration built from them
// (floor-quality use case). One storage per run; each test writes and reads its own hall.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { HallEvent } from "../../contract/index.js";
import type { EstimateRepositoryOptions } from "../../server/adapters/sqlite/estimate-repository.js";
import { calibrationOf } from "../../server/app/floor-quality-calibration.js";
import type { AppendItem, EstimateStore } from "../../server/app/ports.js";
import { at, ev, hallConfig, MINUTE } from "../../server/domain/test-fixtures.js";
import type { IssueEstimate } from "../../server/domain/wait-estimate/calibration.js";
import { logItems } from "./storages.js";

/** What SqliteEstimateRepository and PgEstimateRepository share (SQLite flushes at once, PostgreSQL with a promise). */
export interface EstimateRepository extends EstimateStore {
  record(hallId: string, estimates: readonly IssueEstimate[]): void;
  flushNow(): void | Promise<void>;
  readonly queued: number;
}

export interface EstimateStorage {
  /** A repository on a connection of its own (a pool on PostgreSQL); `end` closes that connection. */
  connect(opts?: EstimateRepositoryOptions): { repo: EstimateRepository; end(): Promise<void> };
  /** A repository whose connection is already closed: every write fails. */
  broken(opts: EstimateRepositoryOptions): Promise<EstimateRepository>;
  /** Rows in TicketEstimate for the hall. */
  count(hallId: string): Promise<number>;
  /** Commits to the event log the repository reads first calls from. */
  append(items: AppendItem[]): Promise<void>;
  close(): Promise<void>;
}

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

export function describeEstimateRepositoryScenarios(open: () => Promise<EstimateStorage>): void {
  let storage: EstimateStorage;
  const ends: (() => Promise<void>)[] = [];
  /** A repository on its own connection, closed after the test unless the test closes it. */
  const connect = (opts?: EstimateRepositoryOptions) => {
    const c = storage.connect(opts);
    let ended = false;
    const end = async () => {
      if (ended) return;
      ended = true;
      await c.end();
    };
    ends.push(end);
    return { repo: c.repo, end };
  };
  const appendEvents = (hallId: string, events: HallEvent[]) => storage.append(logItems(hallId, events));

  beforeAll(async () => {
    storage = await open();
  }, 180_000);

  afterEach(async () => {
    for (const end of ends.splice(0)) await end();
  });

  afterAll(async () => {
    await storage?.close();
  });

  describe("the estimate repository", () => {
    it("queues without writing, then writes every queued row in batches on its timer", async () => {
      const HALL = "h-batches";
      // The delay is long enough for the count below to answer before the first batch: at 20 ms a
      // PostgreSQL pool's first query (a new connection) lost that race in a CI run and saw 4 rows.
      const { repo } = connect({ flushDelayMs: 500, batchRows: 4 });
      repo.record(HALL, Array.from({ length: 10 }, (_, i) => estimate(`t${i}`, at(9, i), 5, 9)));
      expect(repo.queued).toBe(10);
      expect(await storage.count(HALL)).toBe(0); // nothing written inside the caller's turn
      await expect.poll(() => storage.count(HALL), { timeout: 10_000 }).toBe(10);
      expect(repo.queued).toBe(0);
    });

    it("keeps the first estimate of a ticket, also from a new connection after a restart", async () => {
      const HALL = "h-first";
      const first = connect();
      first.repo.record(HALL, [estimate("t1", at(9), 5, 9, { modelP50Minutes: 4, modelP80Minutes: 7 })]);
      first.repo.record(HALL, [estimate("t1", at(9), 50, 90)]);
      await first.repo.flushNow();
      await first.end();
      const again = connect().repo;
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
      expect((await storage.count(HALL)) + (await storage.count(`${HALL}-2`))).toBe(3);
    });

    it("reads a period by issue time, with each ticket's first ticket.called from the event log", async () => {
      const HALL = "h-period";
      const { repo } = connect();
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
      const HALL = "h-gone";
      const errors: number[] = [];
      const repo = await storage.broken({ flushDelayMs: 5, onError: (_err, rows) => errors.push(rows) });
      expect(() => repo.record(HALL, [estimate("t1", at(9), 5, 9), estimate("t2", at(9), 5, 9)])).not.toThrow();
      await expect.poll(() => errors, { timeout: 5000 }).toEqual([2]);
      expect(await storage.count(HALL)).toBe(0);
    });
  });

  describe("the per-day calibration from stored estimates", () => {
    it("counts, per hall-local day and category, the tickets called by their P50 and P80, and judges the period", async () => {
      const HALL = "h-calibration";
      const { repo } = connect();
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
}
