// Bounded concurrency for reads at start: never more than `limit` tasks at once, every item once, and the
// first failure reported at once while the other lanes finish the items left.
import { describe, expect, it } from "vitest";
import { atMostAtOnce } from "./at-most-at-once.js";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("atMostAtOnce", () => {
  it("runs every item once, never more than the limit at a time, starting in order", async () => {
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    await atMostAtOnce([5, 1, 4, 2, 3, 1, 2], 3, async (ms) => {
      started.push(ms);
      running += 1;
      peak = Math.max(peak, running);
      await tick(ms);
      running -= 1;
    });
    expect(started).toEqual([5, 1, 4, 2, 3, 1, 2]);
    expect(peak).toBe(3);
    expect(running).toBe(0);
  });

  it("uses fewer lanes than the limit for fewer items, and does nothing for none", async () => {
    let peak = 0;
    let running = 0;
    await atMostAtOnce([1, 1], 4, async () => {
      peak = Math.max(peak, ++running);
      await tick(1);
      running -= 1;
    });
    expect(peak).toBe(2);
    await expect(atMostAtOnce([], 4, () => Promise.reject(new Error("never")))).resolves.toBeUndefined();
  });

  it("rejects with the first failure; the other lanes go on with the items left", async () => {
    const done: string[] = [];
    const run = atMostAtOnce(["a", "bad", "c", "d"], 2, async (x) => {
      await tick(x === "bad" ? 1 : 5);
      if (x === "bad") throw new Error("read failed: bad");
      done.push(x);
    });
    await expect(run).rejects.toThrow("read failed: bad");
    // The failing lane stops; the other lane goes on with the rest.
    await tick(20);
    expect(done.sort()).toEqual(["a", "c", "d"]);
  });
});
