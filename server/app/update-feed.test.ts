// One hall's /display feed: seqs that keep increasing (also across a reset and a new boot epoch), the
// missed updates of a reconnecting display in its own form, and a snapshot asked for once they are gone —
// older than two minutes, past 600, or together larger than the snapshot itself.
import { describe, expect, it } from "vitest";
import { applyLoadViewPatch, SEQ_PER_BOOT, type LiveFloor, type LoadView } from "../../contract/index.js";
import { leanView, WALL_FORM } from "./display-forms.js";
import { UPDATE_KEEP_MS, UpdateFeed } from "./update-feed.js";

/** When the tests' publications start. */
const T0 = Date.UTC(2026, 10, 26, 2);

const floor = (tickets: string[]): LiveFloor => ({
  idle: [],
  waits: [],
  warnings: [],
  tickets: tickets.map((ticketNo, ahead) => ({ ticketNo, categoryId: "c1", ahead, p50Minutes: null, p80Minutes: null, basis: "unknown" as const, band: null })),
});

/** Categories that never change: they make a snapshot large next to the updates, which leave them out. */
const steadyCategories = (count: number) => Array.from({ length: count }, (_, i) => ({ categoryId: `category-${i}`, waiting: i, label: "一个不变的业务类别，让快照比更新大得多" })) as unknown as LoadView["categories"];

/**
 * The n-th view: its time and its per-ticket list change with n, so every publication is an update. With
 * `steady` categories its snapshot outweighs hundreds of updates (the bounds by count and time apply first).
 */
const view = (n: number, steady = 1_000): LoadView => ({
  hallId: "h",
  from: "2026-11-26T01:00:00.000Z",
  to: new Date(Date.UTC(2026, 10, 26, 2) + n * 250).toISOString(),
  live: true,
  windows: [],
  categories: steadyCategories(steady),
  imbalance: { imbalanced: false, hotWindows: [], coldWindows: [], reason: null } as unknown as LoadView["imbalance"],
  recentCalls: [],
  floor: floor([`A${n}`]),
});

describe("UpdateFeed", () => {
  it("numbers publications from its boot epoch, each update naming the seq it applies on", () => {
    const feed = new UpdateFeed(7);
    expect(feed.publishNext(view(0), T0)).toBeNull(); // nothing to diff against yet
    const first = feed.publishFirst(view(0));
    expect(first).toBe(7 * SEQ_PER_BOOT + 1);
    const forms = feed.publishNext(view(1), T0);
    expect(forms?.full).toMatchObject({ seq: first + 1, baseSeq: first });
    expect(feed.published).toEqual({ seq: first + 1, view: view(1) });
    // After a reset (a configuration change) the next first publication still has a larger seq.
    feed.reset();
    expect(feed.published).toBeNull();
    expect(feed.publishFirst(view(2))).toBe(first + 2);
    // A restarted process has a larger boot epoch: all its seqs are above the old ones.
    expect(new UpdateFeed(8).publishFirst(view(0))).toBeGreaterThan(first + 2);
  });

  it("gives a reconnecting display what it missed, in its form, applying to what it holds", () => {
    const feed = new UpdateFeed(1);
    const start = feed.publishFirst(view(0));
    for (let n = 1; n <= 5; n++) feed.publishNext(view(n), T0 + n * 250);
    expect(feed.missedSince(start + 5, "full")).toEqual([]);
    const missed = feed.missedSince(start + 2, "lean");
    expect(missed?.map((u) => u.seq)).toEqual([start + 3, start + 4, start + 5]);
    // The lean form carries no per-ticket list; the full one, applied in order, rebuilds the latest view.
    expect(missed?.every((u) => u.view.floor === undefined || u.view.floor.tickets === undefined)).toBe(true);
    let held = view(2);
    for (const u of feed.missedSince(start + 2, "full") ?? []) held = applyLoadViewPatch(held, u.view);
    expect(held).toEqual(view(5));
    // A seq it never sent, or none published since a reset: a snapshot is needed.
    expect(feed.missedSince(12345, "full")).toBeNull();
    feed.reset();
    expect(feed.missedSince(start + 5, "full")).toBeNull();
  });

  it("keeps the last 600 updates: an older seq gets a snapshot instead", () => {
    const feed = new UpdateFeed(1);
    const start = feed.publishFirst(view(0));
    for (let n = 1; n <= 650; n++) feed.publishNext(view(n), T0 + n * 100);
    expect(feed.missedSince(start + 49, "full")).toBeNull();
    expect(feed.missedSince(start + 50, "full")).toHaveLength(600);
  });

  it("keeps no update published more than two minutes ago: a display away longer gets a snapshot", () => {
    const feed = new UpdateFeed(1);
    const start = feed.publishFirst(view(0));
    // A quiet hall's heartbeats, one every 5 s for five minutes: 60 updates, far under the 600.
    for (let n = 1; n <= 60; n++) feed.publishNext(view(n), T0 + n * 5_000);
    const now = T0 + 60 * 5_000;
    // Updates at now − 120 s (n = 36) and later are held; the one at now − 125 s (n = 35) is not.
    expect(now - (T0 + 36 * 5_000)).toBe(UPDATE_KEEP_MS);
    expect(feed.missedSince(start + 35, "full")?.map((u) => u.seq)).toEqual(Array.from({ length: 25 }, (_, k) => start + 36 + k));
    expect(feed.missedSince(start + 34, "full")).toBeNull();
    expect(feed.missedSince(start + 60, "full")).toEqual([]);
  });

  it("holds no more updates than a snapshot is worth: a display that missed more gets the snapshot", () => {
    const json = (value: unknown) => JSON.stringify(value).length;
    // A small view (no steady categories): a handful of updates outweigh it.
    const feed = new UpdateFeed(1);
    const start = feed.publishFirst(view(0, 0));
    for (let n = 1; n <= 50; n++) feed.publishNext(view(n, 0), T0 + n * 250);
    const held = feed.heldCount;
    const missedAll = feed.missedSince(start + 50 - held, WALL_FORM) ?? [];
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(50);
    expect(missedAll).toHaveLength(held);
    // What is held costs no more than the snapshot; one more update would have.
    const snapshot = json(leanView(view(50, 0)));
    expect(missedAll.reduce((sum, u) => sum + json(u), 0)).toBeLessThanOrEqual(snapshot);
    expect(missedAll.reduce((sum, u) => sum + json(u), 0) + json(missedAll[0])).toBeGreaterThan(snapshot);
    // The newest are the ones held; the display that missed one more gets a snapshot.
    expect(missedAll.at(-1)?.seq).toBe(start + 50);
    expect(feed.missedSince(start + 49 - held, WALL_FORM)).toBeNull();
    // The same fifty updates of a large view are all held: each reconnect still gets only what it missed.
    const large = new UpdateFeed(1);
    const first = large.publishFirst(view(0));
    for (let n = 1; n <= 50; n++) large.publishNext(view(n), T0 + n * 250);
    expect(large.heldCount).toBe(50);
    expect(large.missedSince(first, WALL_FORM)).toHaveLength(50);
  });
});
