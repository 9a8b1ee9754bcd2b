// RollupRunner with its real worker thread on a migrated SQLite file: the scenarios every storage runs
// (recompute, idle close, restart: test/storage-scenarios/rollup-runner.scenarios.ts), and a worker that
// dies fails its job, which a new worker retries a minute later; today's recomputes are spaced by 20× the
// last one's time when that is longer than 30 s.
import { afterEach, describe, expect, it } from "vitest";
import { localDate } from "../../../contract/index.js";
import { describeRollupRunnerScenarios, runnerOver, RUNNER_DAY, until } from "../../../test/storage-scenarios/rollup-runner.scenarios.js";
import { sqliteStorage, type SqliteStorage } from "../../../test/storage-scenarios/storages.js";
import { TODAY_COST_FACTOR, type RollupRunner } from "./rollup-runner.js";
import { RollupStore } from "./rollup-store.js";

describeRollupRunnerScenarios(async () => {
  const storage = await sqliteStorage();
  return { store: new RollupStore(storage.db), worker: { url: new URL("./rollup-worker", import.meta.url), data: { file: storage.file } }, append: storage.append, close: storage.close };
});

describe("a rollup worker that dies", () => {
  let storage: SqliteStorage | null = null;
  let runner: RollupRunner | null = null;
  afterEach(async () => {
    await runner?.stop();
    await storage?.close();
  });

  it("fails its job, says so, and the job is retried on a new worker a minute later", async () => {
    const errors: string[] = [];
    storage = await sqliteStorage();
    const store = new RollupStore(storage.db);
    const run = await runnerOver({ store, worker: { url: new URL("./rollup-worker.crash.test-support", import.meta.url), data: {} } }, "h-crash", errors);
    runner = run.runner;
    store.markDays("h-crash", [RUNNER_DAY], run.now());
    runner.start();
    await until("the failed job", async () => (await run.runner.status("h-crash")).failed === 1);
    expect(errors.some((e) => e.includes(`rollup of h-crash ${RUNNER_DAY} failed: the rollup worker exited`))).toBe(true);
    expect(runner.workerState().up).toBe(false);
    run.advance(61_000);
    await until("the retry", async () => (await run.runner.status("h-crash")).failed === 2);
    expect(runner.workerState().starts).toBe(2);
  }, 60_000);
});

describe("today's recompute cadence", () => {
  let storage: SqliteStorage | null = null;
  let runner: RollupRunner | null = null;
  afterEach(async () => {
    await runner?.stop();
    await storage?.close();
  });

  it("waits 20× the last recompute's time (5 s → 100 s) before recomputing today again, not 30 s", async () => {
    storage = await sqliteStorage();
    const store = new RollupStore(storage.db);
    const errors: string[] = [];
    const run = await runnerOver({ store, worker: { url: new URL("./rollup-worker.slow.test-support", import.meta.url), data: {} } }, "h-slow", errors);
    runner = run.runner;
    const today = localDate(run.now(), "Asia/Shanghai");
    const completed = async () => (await run.runner.status("h-slow")).completed;
    store.markDays("h-slow", [today], run.now());
    runner.start();
    await until("the first recompute", async () => (await completed()) === 1);
    // Events keep marking today; 31 s later the plain 30 s would have run it again.
    store.markDays("h-slow", [today], run.now());
    run.advance(31_000);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await completed()).toBe(1);
    run.advance(TODAY_COST_FACTOR * 5_000 - 31_000);
    await until("the second recompute", async () => (await completed()) === 2);
    expect(errors).toEqual([]);
  }, 60_000);
});

