// RollupRunner with its real worker thread on a migrated SQLite file: the scenarios every storage runs
// (recompute, idle close, restart: test/storage-scenarios/rollup-runner.scenarios.ts), and a worker that
// dies fails its job, which a new worker retries a minute later; today's recomputes are spaced by 20× what
// the last ones took, every hall's together, when that is longer than 30 s.
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

describe("RollupRunner with stand-in workers", () => {
  let storage: SqliteStorage | null = null;
  let current: RollupRunner | null = null;
  afterEach(async () => {
    await current?.stop();
    await storage?.close();
    current = null;
  });

  /** A runner over a fresh SQLite file whose worker is the stand-in module `name` (a sibling .test-support file). */
  async function withWorker(name: string, hallId: string | readonly string[]) {
    const errors: string[] = [];
    storage = await sqliteStorage();
    const store = new RollupStore(storage.db);
    const run = await runnerOver({ store, worker: { url: new URL(`./${name}`, import.meta.url), data: {} } }, hallId, errors);
    current = run.runner;
    return { errors, store, run, runner: run.runner };
  }

  it("fails the job of a worker that dies, says so, and retries it on a new worker a minute later", async () => {
    const { errors, store, run, runner } = await withWorker("rollup-worker.crash.test-support", "h-crash");
    store.markDays("h-crash", [RUNNER_DAY], run.now());
    runner.start();
    await until("the failed job", async () => (await runner.status("h-crash")).failed === 1);
    expect(errors.some((e) => e.includes(`rollup of h-crash ${RUNNER_DAY} failed: the rollup worker exited`))).toBe(true);
    expect(runner.workerState().up).toBe(false);
    run.advance(61_000);
    await until("the retry", async () => (await runner.status("h-crash")).failed === 2);
    expect(runner.workerState().starts).toBe(2);
  }, 60_000);

  it("waits 20× today's last recompute time (5 s → 100 s) before recomputing it again, not 30 s", async () => {
    const { errors, store, run, runner } = await withWorker("rollup-worker.slow.test-support", "h-slow");
    const today = localDate(run.now(), "Asia/Shanghai");
    const completed = async () => (await runner.status("h-slow")).completed;
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

  it("spaces each hall's today by 20× what every hall's today took together (two halls of 5 s: 200 s, not 100 s)", async () => {
    const halls = ["h-slow-a", "h-slow-b"];
    const { errors, store, run, runner } = await withWorker("rollup-worker.slow.test-support", halls);
    const today = localDate(run.now(), "Asia/Shanghai");
    const completed = async () => Promise.all(halls.map(async (h) => (await runner.status(h)).completed));
    for (const h of halls) store.markDays(h, [today], run.now());
    runner.start();
    await until("both halls' first recompute", async () => (await completed()).every((n) => n === 1));
    for (const h of halls) store.markDays(h, [today], run.now());
    // One hall alone would run again after 20 × 5 s; with two halls of 5 s each, after 20 × 10 s.
    run.advance(TODAY_COST_FACTOR * 5_000 + 1_000);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await completed()).toEqual([1, 1]);
    run.advance(TODAY_COST_FACTOR * 5_000);
    await until("both halls' second recompute", async () => (await completed()).every((n) => n === 2));
    expect(errors).toEqual([]);
  }, 60_000);
});
