// RollupRunner's scenarios with its real worker thread, one set for every storage (SQLite:
// server/adapters/rollup/rollup-runner.test.ts; PostgreSQL: test/integration/postgres/rollup-store.pg.int.test.ts):
// a marked day is recomputed from the log; the worker is closed once idle — its database or pool closed,
// the thread exiting on its own, not terminated — so that a busy day's heap goes back to the system
// (issue #8), and started again for the next marked day; a day not begun in the hall's zone waits, marked
// and not counted pending, until it has; sixty halls re-marking their today do not starve a sixty-first.
import { afterEach, describe, expect, it } from "vitest";
import { localDate, localDayRange, type HallEvent } from "../../contract/index.js";
import type { RollupQueue } from "../../server/adapters/rollup/rollup-runner.js";
import { RollupRunner } from "../../server/adapters/rollup/rollup-runner.js";
import { HallDirectory } from "../../server/app/hall-directory.js";
import type { RollupReader } from "../../server/app/history-query.js";
import type { AppendItem } from "../../server/app/ports.js";
import { EventFactory, testHall } from "../helpers/hall-fixture.js";
import { memoryHalls } from "../helpers/memory-halls.js";
import { logItems } from "./storages.js";

export interface RollupRunnerStorage {
  store: RollupQueue & RollupReader;
  /** The storage's rollup worker module and what it opens. */
  worker: { url: URL; data: unknown };
  append(items: AppendItem[]): Promise<void>;
  close(): Promise<void>;
}

export const RUNNER_DAY = "2026-11-20";
const { start: DAY_START, end: DAY_END } = localDayRange(RUNNER_DAY, testHall.timezone);

/** One ticket served at w1 from `minutes` after the factory's base. */
export function servedTicket(f: EventFactory, minutes: number, ticketId: string): HallEvent[] {
  return [
    f.make(minutes, { type: "ticket.issued", ticketId, ticketNo: ticketId.toUpperCase(), categoryId: "social", channel: "kiosk" }),
    f.make(minutes + 5, { type: "ticket.called", ticketId, windowId: "w1" }),
    f.make(minutes + 6, { type: "service.started", ticketId, windowId: "w1" }),
    f.make(minutes + 16, { type: "service.completed", ticketId, windowId: "w1", outcome: "done" }),
  ];
}

export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A runner over `storage` for halls like testHall, on a clock the test moves (from 01:00 the day after
 * RUNNER_DAY), closing idle workers after 300 ms.
 */
export async function runnerOver(storage: Pick<RollupRunnerStorage, "store" | "worker">, hallIds: string | readonly string[], errors: string[]) {
  const directory = new HallDirectory(memoryHalls());
  for (const hallId of typeof hallIds === "string" ? [hallIds] : hallIds) await directory.put(hallId, testHall);
  let now = DAY_END + 3_600_000;
  const runner = new RollupRunner({ worker: storage.worker, store: storage.store, directory, clock: { now: () => now }, onError: (m) => errors.push(m), idleReleaseMs: 300 });
  return { runner, advance: (ms: number) => (now += ms), now: () => now };
}

export function describeRollupRunnerScenarios(open: () => Promise<RollupRunnerStorage>): void {
  describe("RollupRunner and its worker", () => {
    const HALL = "h-runner";
    let storage: RollupRunnerStorage | null = null;
    let current: RollupRunner | null = null;
    afterEach(async () => {
      await current?.stop();
      await storage?.close();
      current = null;
      storage = null;
    });

    /** A fresh storage and a runner over it (not started), kept for afterEach. */
    async function setUp(halls: string | readonly string[] = HALL) {
      const errors: string[] = [];
      const s = (storage = await open());
      const run = await runnerOver(s, halls, errors);
      current = run.runner;
      return { errors, s, run, runner: run.runner };
    }

    const arrivals = async (s: RollupRunnerStorage) => (await s.store.read(HALL, DAY_START, DAY_END)).categories.reduce((n, c) => n + c.arrivals, 0);

    it("recomputes a marked day, closes the idle worker, and starts a new one for the next day marked", async () => {
      const { errors, s, run, runner } = await setUp();
      const f = new EventFactory(HALL, DAY_START + 9 * 3_600_000, "rr");
      await s.append(logItems(HALL, [f.make(0, { type: "window.opened", windowId: "w1", staffId: "s1" }), ...servedTicket(f, 10, "t1")]));
      await s.store.markDays(HALL, [RUNNER_DAY], run.now());
      runner.start();
      expect(runner.workerState()).toEqual({ up: false, starts: 0, forced: 0 });

      await until("the first recompute", async () => (await runner.status(HALL)).completed === 1);
      expect(await arrivals(s)).toBe(1);
      expect(await runner.status(HALL)).toMatchObject({ pendingDays: 0, failed: 0 });
      // Idle for idleReleaseMs on the runner's clock: the worker is closed and exits.
      run.advance(1_000);
      await until("the idle worker closed", () => !runner.workerState().up);

      // A late ticket of that day marks it again: a new worker recomputes it (past days wait 5 s between runs).
      await s.append(logItems(HALL, servedTicket(f, 60, "t2")));
      run.advance(10_000);
      await s.store.markDays(HALL, [RUNNER_DAY], run.now());
      await until("the second recompute", async () => (await runner.status(HALL)).completed === 2);
      expect(runner.workerState().starts).toBe(2);
      expect(await arrivals(s)).toBe(2);
      run.advance(1_000);
      await until("the worker closed again", () => !runner.workerState().up);
      // Each closed its database (pool) and exited on its own: none terminated after the grace period.
      expect(runner.workerState()).toEqual({ up: false, starts: 2, forced: 0 });
      expect(errors).toEqual([]);
    }, 60_000);

    it("leaves a day that has not begun in the hall's zone marked, uncounted and uncomputed until it has", async () => {
      const { errors, s, run, runner } = await setUp();
      // The clock is at 01:00 of the day after RUNNER_DAY (today); the day after that has not begun.
      const today = localDate(run.now(), testHall.timezone);
      const tomorrow = localDate(run.now() + 24 * 3_600_000, testHall.timezone);
      await s.append(logItems(HALL, servedTicket(new EventFactory(HALL, run.now() - 30 * 60_000, "rf"), 0, "t1")));
      await s.store.markDays(HALL, [today, tomorrow], run.now());
      runner.start();
      await until("today's recompute", async () => (await runner.status(HALL)).completed === 1);
      await new Promise((r) => setTimeout(r, 600));
      expect(await runner.status(HALL)).toMatchObject({ pendingDays: 0, completed: 1 });
      expect(await s.store.pending(HALL)).toBe(1);
      // Past midnight: the day has begun and is computed (its running day so far).
      run.advance(24 * 3_600_000);
      expect(await runner.status(HALL)).toMatchObject({ pendingDays: 1 });
      await until("the next day's recompute", async () => (await runner.status(HALL)).completed === 2);
      expect(await s.store.pending(HALL)).toBe(0);
      expect(errors).toEqual([]);
    }, 60_000);

    it("still reaches a hall marked after sixty others that keep marking their today", async () => {
      const busy = Array.from({ length: 60 }, (_, i) => `h-${String(i).padStart(2, "0")}`);
      const { errors, s, run, runner } = await setUp([...busy, "h-zz"]);
      const today = localDate(run.now(), testHall.timezone);
      const completed = async (hallId: string) => (await runner.status(hallId)).completed;
      for (const hallId of busy) await s.store.markDays(hallId, [today], run.now());
      runner.start();
      await until("the sixty halls' recomputes", async () => (await Promise.all(busy.map(completed))).every((n) => n === 1));
      // Their events mark today again at once (it waits out its 30 s); then a sixty-first hall's first
      // event. Read fifty marked days at a time, oldest day then hall id first, it would never be seen.
      for (const hallId of busy) await s.store.markDays(hallId, [today], run.now());
      await s.store.markDays("h-zz", [today], run.now());
      await until("the sixty-first hall's recompute", async () => (await completed("h-zz")) === 1);
      expect((await Promise.all(busy.map(completed))).every((n) => n === 1)).toBe(true);
      expect(errors).toEqual([]);
    }, 60_000);

    it("keeps the worker until it has been idle for idleReleaseMs", async () => {
      const { errors, s, run, runner } = await setUp();
      await s.append(logItems(HALL, servedTicket(new EventFactory(HALL, DAY_START + 9 * 3_600_000, "rk"), 10, "t1")));
      await s.store.markDays(HALL, [RUNNER_DAY], run.now());
      runner.start();
      await until("the recompute", async () => (await runner.status(HALL)).completed === 1);
      // The runner's clock has not moved: idle, but not for idleReleaseMs yet.
      await new Promise((r) => setTimeout(r, 1_000));
      expect(runner.workerState()).toEqual({ up: true, starts: 1, forced: 0 });
      expect(errors).toEqual([]);
    }, 60_000);
  });
}
