// Calls during a run share one run after it; each call's promise settles only after a run that began
// after the call; failures reach the callers of that run; keys run independently.
import { describe, expect, it } from "vitest";
import { TrailingRuns } from "./trailing-runs.js";

/** A task whose runs are counted and finished by hand. */
function gatedTask() {
  const releases: (() => void)[] = [];
  const failures: ((e: Error) => void)[] = [];
  let started = 0;
  const task = () =>
    new Promise<void>((resolve, reject) => {
      started += 1;
      releases.push(resolve);
      failures.push(reject);
    });
  return { task, started: () => started, finish: (n: number) => releases[n]?.(), fail: (n: number, e: Error) => failures[n]?.(e) };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("TrailingRuns", () => {
  it("runs once for a burst of calls during a run, after it, and each call settles only after a run begun after it", async () => {
    const runs = new TrailingRuns();
    const g = gatedTask();
    const settled: string[] = [];
    const first = runs.run("h", g.task).then(() => settled.push("first"));
    const during = [1, 2, 3, 4].map((n) => runs.run("h", g.task).then(() => settled.push(`during-${n}`)));
    await tick();
    expect(g.started()).toBe(1);
    g.finish(0);
    await tick();
    // The first call is done; the four calls made during it wait for the one run that started after them.
    expect(settled).toEqual(["first"]);
    expect(g.started()).toBe(2);
    const later = runs.run("h", g.task).then(() => settled.push("later"));
    g.finish(1);
    await Promise.all([first, ...during]);
    expect(settled).toEqual(["first", "during-1", "during-2", "during-3", "during-4"]);
    // A call made during the second run gets a third.
    await tick();
    expect(g.started()).toBe(3);
    g.finish(2);
    await later;
    expect(g.started()).toBe(3);
    // Idle again: a new call runs at once.
    const again = runs.run("h", g.task);
    expect(g.started()).toBe(4);
    g.finish(3);
    await again;
  });

  it("passes a run's failure to the calls it served and runs on after it", async () => {
    const runs = new TrailingRuns();
    const g = gatedTask();
    const first = runs.run("h", g.task);
    const second = runs.run("h", g.task);
    g.fail(0, new Error("database away"));
    await expect(first).rejects.toThrow("database away");
    await tick();
    g.finish(1);
    await expect(second).resolves.toBeUndefined();
    expect(g.started()).toBe(2);
  });

  it("keeps keys apart", async () => {
    const runs = new TrailingRuns();
    const g = gatedTask();
    const a = runs.run("a", g.task);
    const b = runs.run("b", g.task);
    expect(g.started()).toBe(2);
    g.finish(0);
    g.finish(1);
    await Promise.all([a, b]);
  });

  it("tells whether a run is running or waiting, and when none is", async () => {
    const runs = new TrailingRuns();
    const g = gatedTask();
    expect(runs.busy("h")).toBe(false);
    await runs.idle("h");
    const first = runs.run("h", g.task).catch((e: Error) => e.message);
    const second = runs.run("h", g.task);
    expect(runs.busy("h")).toBe(true);
    let idle = false;
    const waiting = runs.idle("h").then(() => (idle = true));
    g.fail(0, new Error("away"));
    await tick();
    // The first failed; the second is running: still busy.
    expect(await first).toBe("away");
    expect(idle).toBe(false);
    expect(runs.busy("h")).toBe(true);
    g.finish(1);
    await second;
    await waiting;
    expect(idle).toBe(true);
    expect(runs.busy("h")).toBe(false);
  });
});
