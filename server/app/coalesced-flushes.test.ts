// Each hall's flush runs at most once per coalescing period after its last, however often it is asked,
// and then in a turn of its own (FlushTurns); the heartbeat's `soon` never adds a second flush to one waiting.
import { afterEach, describe, expect, it } from "vitest";
import { CoalescedFlushes } from "./coalesced-flushes.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function setUp(coalesceMs = 40) {
  const last = new Map<string, number>();
  const flushed: { hallId: string; at: number }[] = [];
  const flushes = new CoalescedFlushes({
    coalesceMs,
    now: () => Date.now(),
    lastFlushAt: (h) => last.get(h) ?? 0,
    flush: (h) => {
      const at = Date.now();
      last.set(h, at);
      flushed.push({ hallId: h, at });
    },
  });
  return { flushes, flushed, last };
}

let current: CoalescedFlushes | null = null;
afterEach(() => current?.stop());

describe("CoalescedFlushes", () => {
  it("flushes a hall never flushed at once, and a burst of asks right after as one flush a period later", async () => {
    const t = setUp();
    current = t.flushes;
    t.flushes.schedule("a");
    await sleep(10);
    expect(t.flushed.map((f) => f.hallId)).toEqual(["a"]);
    for (let i = 0; i < 20; i++) t.flushes.schedule("a");
    expect(t.flushes.pending("a")).toBe(true);
    await sleep(80);
    expect(t.flushed).toHaveLength(2);
    const [first, second] = t.flushed.map((f) => f.at);
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(40);
    expect(t.flushes.pending("a")).toBe(false);
  });

  it("adds no flush for the heartbeat while one is waiting, and flushes at the next turn when none is", async () => {
    const t = setUp();
    current = t.flushes;
    t.last.set("a", Date.now());
    t.flushes.schedule("a");
    t.flushes.soon("a");
    await sleep(10);
    expect(t.flushed).toHaveLength(0);
    await sleep(60);
    expect(t.flushed).toHaveLength(1);
    t.flushes.soon("b");
    await new Promise((r) => setImmediate(r));
    expect(t.flushed.map((f) => f.hallId)).toEqual(["a", "b"]);
  });

  it("runs nothing after stop", async () => {
    const t = setUp();
    t.last.set("a", Date.now());
    t.flushes.schedule("a");
    t.flushes.soon("b");
    t.flushes.stop();
    await sleep(70);
    expect(t.flushed).toEqual([]);
  });
});
