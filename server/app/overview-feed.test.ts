// The overview's live push (overview-feed.ts): one taking per interval however many halls publish, sent
// only when a hall's figures changed or the keep-alive is due, nothing taken while nobody listens.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Overview, OverviewHall } from "../../contract/overview.js";
import { OverviewFeed } from "./overview-feed.js";
import type { OverviewQuery } from "./overview-query.js";

function row(hallId: string, waitingNow: number): OverviewHall {
  return {
    rank: 1,
    hallId,
    name: hallId,
    imbalance: { cv: 0, imbalanced: false, hot: 0, cold: 0 },
    waitingNow,
    oldestWaitSeconds: null,
    waitTargetMinutes: 20,
    calledToday: 0,
    withinTargetShare: null,
    openFindings: 0,
    windows: { open: 1, total: 1 },
    idleWindows: 0,
    lostHeartbeats: 0,
  };
}

function setUp(opts: { listening?: boolean } = {}) {
  let waiting = 0;
  let listening = opts.listening ?? true;
  const publishListeners: ((hallId: string) => void)[] = [];
  const staleListeners: ((hallId: string) => void)[] = [];
  const changeListeners: (() => void)[] = [];
  const taken: number[] = [];
  const sent: Overview[] = [];
  const query = {
    fresh: async (): Promise<Overview> => {
      taken.push(Date.now());
      return { at: new Date().toISOString(), halls: [row("h1", waiting)] };
    },
  } as unknown as OverviewQuery;
  const feed = new OverviewFeed({
    query,
    live: { onPublish: (l) => void publishListeners.push(l), onStale: (l) => void staleListeners.push(l) },
    directory: { onChange: (l) => void changeListeners.push(l as () => void) },
    clock: { now: () => Date.now() },
    listening: () => listening,
    send: (o) => void sent.push(o),
    intervalMs: 2000,
    keepAliveMs: 10_000,
  });
  return {
    feed,
    taken,
    sent,
    publish: (hallId = "h1") => publishListeners.forEach((l) => l(hallId)),
    stale: (hallId = "h1") => staleListeners.forEach((l) => l(hallId)),
    changeConfig: () => changeListeners.forEach((l) => l()),
    setWaiting: (n: number) => (waiting = n),
    setListening: (on: boolean) => (listening = on),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-03-10T02:00:00Z"));
});
afterEach(() => vi.useRealTimers());

describe("OverviewFeed", () => {
  it("takes the overview once for a burst of publications and sends it", async () => {
    const f = setUp();
    f.setWaiting(3);
    for (let i = 0; i < 50; i++) f.publish(`h${i % 7}`);
    await vi.advanceTimersByTimeAsync(0);
    expect(f.taken).toHaveLength(1);
    expect(f.sent.map((o) => o.halls[0]?.waitingNow)).toEqual([3]);
  });

  it("takes the overview for a hall that changed unwatched on this node (stale), as for a publication", async () => {
    const f = setUp();
    f.setWaiting(2);
    f.stale("h3");
    await vi.advanceTimersByTimeAsync(0);
    expect(f.taken).toHaveLength(1);
    expect(f.sent.map((o) => o.halls[0]?.waitingNow)).toEqual([2]);
  });

  it("takes at most once per interval, and the change made meanwhile is sent at the next taking", async () => {
    const f = setUp();
    f.publish();
    await vi.advanceTimersByTimeAsync(0);
    f.setWaiting(1);
    f.publish();
    await vi.advanceTimersByTimeAsync(1999);
    expect(f.taken).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(f.taken).toHaveLength(2);
    expect(f.sent.map((o) => o.halls[0]?.waitingNow)).toEqual([0, 1]);
  });

  it("sends nothing when the figures did not change, until the keep-alive is due", async () => {
    const f = setUp();
    f.publish();
    await vi.advanceTimersByTimeAsync(0);
    for (let t = 0; t < 4; t++) {
      await vi.advanceTimersByTimeAsync(2000);
      f.publish();
    }
    await vi.advanceTimersByTimeAsync(2000);
    expect(f.taken.length).toBeGreaterThanOrEqual(4);
    expect(f.sent).toHaveLength(1);
    // 10 s after the first sending: sent again though unchanged, with a later `at`.
    await vi.advanceTimersByTimeAsync(2000);
    f.publish();
    await vi.advanceTimersByTimeAsync(2000);
    expect(f.sent).toHaveLength(2);
    expect(f.sent[1]!.at > f.sent[0]!.at).toBe(true);
  });

  it("compares with what a connecting client was sent", async () => {
    const f = setUp();
    f.setWaiting(2);
    f.feed.noteSent({ at: new Date().toISOString(), halls: [row("h1", 2)] });
    f.publish();
    await vi.advanceTimersByTimeAsync(0);
    expect(f.taken).toHaveLength(1);
    expect(f.sent).toHaveLength(0);
  });

  it("takes nothing while nobody listens", async () => {
    const f = setUp({ listening: false });
    f.publish();
    f.changeConfig();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(f.taken).toHaveLength(0);
    f.setListening(true);
    f.changeConfig();
    await vi.advanceTimersByTimeAsync(0);
    expect(f.sent).toHaveLength(1);
  });

  it("a change of a hall's configuration is pushed like a publication; stop ends the pushes", async () => {
    const f = setUp();
    f.changeConfig();
    await vi.advanceTimersByTimeAsync(0);
    expect(f.sent).toHaveLength(1);
    f.setWaiting(9);
    f.publish();
    f.feed.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(f.sent).toHaveLength(1);
  });
});
