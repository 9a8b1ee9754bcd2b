// useThrottled: the first change passes at once, a burst within the interval lands once at its end with
// the latest value, nothing is lost, and no timer outlives the scope.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { effectScope, nextTick, ref } from "vue";
import { useThrottled } from "./useThrottled.js";

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-03-10T02:00:00Z"));
});
afterEach(() => vi.useRealTimers());

function setUp(intervalMs = 2000) {
  const source = ref(0);
  const scope = effectScope();
  const throttled = scope.run(() => useThrottled(() => source.value, intervalMs))!;
  return { source, throttled, scope };
}

describe("useThrottled", () => {
  it("starts with the source's value and passes a change at once after a quiet interval", async () => {
    const { source, throttled } = setUp();
    expect(throttled.value).toBe(0);
    vi.advanceTimersByTime(2000);
    source.value = 1;
    await nextTick();
    expect(throttled.value).toBe(1);
  });

  it("holds a burst of changes to one, the latest, at the end of the interval", async () => {
    const { source, throttled } = setUp();
    vi.advanceTimersByTime(2000);
    source.value = 1;
    await nextTick();
    for (let i = 2; i <= 8; i += 1) {
      vi.advanceTimersByTime(250);
      source.value = i;
      await nextTick();
    }
    // 1,750 ms after the first change: still showing it.
    expect(throttled.value).toBe(1);
    vi.advanceTimersByTime(249);
    expect(throttled.value).toBe(1);
    vi.advanceTimersByTime(1);
    expect(throttled.value).toBe(8);
    // Nothing more pending: quiet stays quiet.
    vi.advanceTimersByTime(10_000);
    expect(throttled.value).toBe(8);
  });

  it("changes at most once per interval under a steady stream", async () => {
    const { source, throttled } = setUp();
    const seen: number[] = [];
    let last = throttled.value;
    for (let i = 1; i <= 40; i += 1) {
      vi.advanceTimersByTime(250);
      source.value = i;
      await nextTick();
      if (throttled.value !== last) seen.push(i);
      last = throttled.value;
    }
    // 10 s of updates every 250 ms: one change per 2 s, not 40.
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen.length).toBeLessThanOrEqual(6);
  });

  it("drops its pending timer when the scope ends", async () => {
    const { source, throttled, scope } = setUp();
    source.value = 1;
    await nextTick();
    expect(vi.getTimerCount()).toBe(1);
    scope.stop();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5000);
    expect(throttled.value).toBe(0);
  });
});
