// A hall no display on this node shows (Broadcaster.watched) is folded but not
// computed at its coalesced flushes (issue #11): it is marked stale, the stale listeners hear of it, and
// whatever reads it next — a snapshot for a display connecting, a catch-up after lastSeq — computes it
// then, so nothing shown is older than the facts. A watched hall is published as before.
import { afterEach, describe, expect, it } from "vitest";
import type { DisplaySnapshot, LoadView } from "../../contract/index.js";
import { EventFactory, oneWindowHall } from "../../test/helpers/hall-fixture.js";
import { memoryHalls } from "../../test/helpers/memory-halls.js";
import type { UpdateForms } from "./display-forms.js";
import { HallDirectory } from "./hall-directory.js";
import { LiveHalls } from "./live-halls.js";
import { scriptedLog, sleep, until } from "./load-retry.test-support.js";

const HALL = "watched-hall";

async function setUp() {
  const directory = new HallDirectory(memoryHalls());
  await directory.put(HALL, oneWindowHall("冷热测试大厅"));
  let computed = 0;
  const live = new LiveHalls({
    clock: { now: () => Date.now() },
    log: scriptedLog({ foldEventsForFacts: async () => undefined }),
    directory,
    bootEpoch: 7,
    coalesceMs: 20,
    heartbeatMs: 60_000,
    // Read once per computed view: counts the computations.
    consistency: () => {
      computed += 1;
      return { findings: [], counts: { open: 0, critical: 0 }, listVersions: { online: null, hall: null }, overdueFollowUps: 0 } as never;
    },
  });
  await live.load();
  const sent = { snapshots: [] as DisplaySnapshot[], updates: [] as UpdateForms[] };
  let watched = false;
  live.start({ watched: () => watched, snapshot: (_h, s) => void sent.snapshots.push(s), update: (_h, u) => void sent.updates.push(u) });
  const published: string[] = [];
  const stale: string[] = [];
  live.onPublish((h) => void published.push(h));
  live.onStale((h) => void stale.push(h));
  const f = new EventFactory(HALL, Date.now() - 10 * 60_000);
  let n = 0;
  const issue = () => {
    n += 1;
    live.fold(HALL, [f.make(n, { type: "ticket.issued", ticketId: `t${n}`, ticketNo: `A00${n}`, categoryId: "c", channel: "kiosk" })]);
  };
  return { live, sent, published, stale, issue, computed: () => computed, watch: (on: boolean) => (watched = on) };
}

const waiting = (view: LoadView | undefined) => view?.categories.find((c) => c.categoryId === "c")?.waitingNow;

let current: LiveHalls | null = null;
afterEach(() => current?.stop());

describe("LiveHalls: a hall no display here shows", () => {
  it("is not computed at its flushes, but marked stale, and computed fresh for the next snapshot", async () => {
    const t = await setUp();
    current = t.live;
    const first = t.live.snapshot(HALL);
    expect(waiting(first?.view)).toBe(0);
    const before = t.computed();
    t.issue();
    t.issue();
    await until(() => t.stale.length > 0);
    await sleep(60);
    expect(t.computed()).toBe(before);
    expect(t.sent.updates).toEqual([]);
    expect(t.published).toEqual([]);
    // A display connecting now gets the state of the facts, not the last publication's.
    const snap = t.live.snapshot(HALL);
    expect(waiting(snap?.view)).toBe(2);
    expect(snap?.seq).toBeGreaterThan(first?.seq ?? Infinity);
    expect(t.computed()).toBe(before + 1);
    // Read once, it is current again: a second snapshot computes nothing.
    t.live.snapshot(HALL);
    expect(t.computed()).toBe(before + 1);
  });

  it("brings a display catching up after lastSeq to the current state", async () => {
    const t = await setUp();
    current = t.live;
    const first = t.live.snapshot(HALL);
    t.issue();
    await until(() => t.stale.length > 0);
    const missed = t.live.missedSince(HALL, first?.seq ?? 0, "full");
    expect(missed?.length).toBe(1);
    expect(missed?.[0]?.seq).toBe((first?.seq ?? 0) + 1);
    expect(t.live.snapshot(HALL)?.seq).toBe(missed?.[0]?.seq);
    expect(waiting(t.live.snapshot(HALL)?.view)).toBe(1);
  });

  it("is published at each flush again once watched", async () => {
    const t = await setUp();
    current = t.live;
    t.live.snapshot(HALL);
    t.watch(true);
    t.issue();
    await until(() => t.sent.updates.length === 1);
    expect(t.published).toEqual([HALL]);
    expect(t.stale).toEqual([]);
    expect(waiting(t.live.snapshot(HALL)?.view)).toBe(1);
  });
});
