import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyLoadViewPatch, type CategoryLoad, type HallEvent, type LiveFloor, type LoadView, type RecentCall, type WindowLoad } from "../../contract/index.js";
import { at, ev, hallConfig, iso, MINUTE, viewOf } from "./test-fixtures.js";
import { compactPatch, diffLoadViews, fieldDeltaPatch } from "./view-diff.js";

const windowLoad = (windowId: string, over: Partial<WindowLoad> = {}): WindowLoad => ({
  windowId,
  openSeconds: 3600,
  busySeconds: 1800,
  utilization: 0.5,
  served: 2,
  avgHandleSeconds: 900,
  ratingAvg: null,
  ratingCount: 0,
  eligible: true,
  hot: false,
  cold: false,
  state: "open",
  stateSince: iso(at(9)),
  currentTicket: null,
  servedToday: 2,
  ...over,
});

const categoryLoad = (categoryId: string, over: Partial<CategoryLoad> = {}): CategoryLoad => ({
  categoryId,
  arrivals: 1,
  calledCount: 1,
  avgWaitSeconds: 60,
  maxWaitSeconds: 60,
  waitingNow: 0,
  oldestWaitSeconds: null,
  ...over,
});

const call = (ticketNo: string, minute: number, recall = false): RecentCall => ({
  ticketNo,
  windowId: "w1",
  categoryId: "c1",
  ts: iso(at(9, minute)),
  recall,
});

const baseView = (over: Partial<LoadView> = {}): LoadView => ({
  hallId: "hall-1",
  from: iso(at(9)),
  to: iso(at(10)),
  live: true,
  windows: [windowLoad("w1"), windowLoad("w2", { served: 0 })],
  categories: [categoryLoad("c1"), categoryLoad("c2")],
  imbalance: { cv: 0, hot: [], cold: [], imbalanced: false },
  recentCalls: [call("A1", 5)],
  ...over,
});

describe("diffLoadViews", () => {
  it("reports no change for identical views and carries only the times", () => {
    const { patch, changed } = diffLoadViews(baseView(), baseView());
    expect(changed).toBe(false);
    expect(patch).toEqual({ from: iso(at(9)), to: iso(at(10)) });
  });

  it("reports no change when only the time moved, with the new times", () => {
    const next = baseView({ from: iso(at(9, 1)), to: iso(at(10, 1)) });
    const { patch, changed } = diffLoadViews(baseView(), next);
    expect(changed).toBe(false);
    expect(patch).toEqual({ from: iso(at(9, 1)), to: iso(at(10, 1)) });
  });

  it("carries only the changed window", () => {
    const next = baseView({ windows: [windowLoad("w1"), windowLoad("w2", { served: 1 })] });
    const { patch, changed } = diffLoadViews(baseView(), next);
    expect(changed).toBe(true);
    expect(patch).toEqual({ from: iso(at(9)), to: iso(at(10)), windows: [windowLoad("w2", { served: 1 })] });
  });

  it("notices a change deep inside a window (currentTicket)", () => {
    const ticket = { ticketNo: "A1", categoryId: "c1", phase: "called" as const, since: iso(at(9, 59)) };
    const next = baseView({ windows: [windowLoad("w1", { currentTicket: ticket }), windowLoad("w2", { served: 0 })] });
    const serving = baseView({ windows: [windowLoad("w1", { currentTicket: { ...ticket, phase: "serving" } }), windowLoad("w2", { served: 0 })] });
    expect(diffLoadViews(baseView(), next).patch.windows?.map((w) => w.windowId)).toEqual(["w1"]);
    expect(diffLoadViews(next, serving).patch.windows).toEqual([serving.windows[0]]);
  });

  it("carries only the changed category", () => {
    const next = baseView({ categories: [categoryLoad("c1", { waitingNow: 1, oldestWaitSeconds: 30 }), categoryLoad("c2")] });
    const { patch, changed } = diffLoadViews(baseView(), next);
    expect(changed).toBe(true);
    expect(patch.categories).toEqual([categoryLoad("c1", { waitingNow: 1, oldestWaitSeconds: 30 })]);
    expect(patch.windows).toBeUndefined();
  });

  it("carries the whole imbalance and the whole recentCalls list when they change", () => {
    const imbalance = { cv: 0.4, hot: ["w1"], cold: ["w2"], imbalanced: true };
    const recentCalls = [call("A2", 7), call("A1", 5)];
    const { patch, changed } = diffLoadViews(baseView(), baseView({ imbalance, recentCalls }));
    expect(changed).toBe(true);
    expect(patch).toEqual({ from: iso(at(9)), to: iso(at(10)), imbalance, recentCalls });
  });

  it("carries a window that is new in the next view", () => {
    const next = baseView({ windows: [windowLoad("w1"), windowLoad("w2", { served: 0 }), windowLoad("w3")] });
    const { patch, changed } = diffLoadViews(baseView(), next);
    expect(changed).toBe(true);
    expect(patch.windows).toEqual([windowLoad("w3")]);
    expect(applyLoadViewPatch(baseView(), patch)).toEqual(next);
  });

  it("marks a shrinking window list as a change even with no changed entry", () => {
    const next = baseView({ windows: [windowLoad("w1")] });
    const { patch, changed } = diffLoadViews(baseView(), next);
    expect(changed).toBe(true);
    expect(patch.windows).toEqual([]);
  });
});

describe("the floor section", () => {
  const floor = (idleMinutes: number | null): LiveFloor => ({
    idle: idleMinutes === null ? [] : [{ windowId: "w1", since: iso(at(9, 50)), idleMinutes, lastActivityAt: iso(at(9, 45)) }],
    waits: [{ categoryId: "c1", waiting: 2, p50Minutes: 6.2, p80Minutes: 9.8, basis: "measured", band: { lowMinutes: 6, highMinutes: 10, text: "6–10 分钟" } }],
    warnings: [],
  });

  it("is carried whole when any of it changes, and not at all when it does not", () => {
    const prev = baseView({ floor: floor(null) });
    expect(diffLoadViews(prev, baseView({ floor: floor(null) }))).toEqual({ patch: { from: prev.from, to: prev.to }, changed: false });
    const next = baseView({ floor: floor(3.5) });
    const { patch, changed } = diffLoadViews(prev, next);
    expect(changed).toBe(true);
    expect(patch.floor).toEqual(floor(3.5));
    expect(applyLoadViewPatch(prev, patch)).toEqual(next);
    // Cleared: the whole section again, now with an empty idle list.
    const cleared = diffLoadViews(next, prev);
    expect(cleared.patch.floor).toEqual(floor(null));
    expect(applyLoadViewPatch(next, cleared.patch)).toEqual(prev);
  });

  it("is not serialized again when both views hold the same section object (served from its cache between refreshes)", () => {
    let serialized = 0;
    const cached = { ...floor(2), toJSON: () => (serialized++, floor(2)) } as unknown as LiveFloor;
    const { patch, changed } = diffLoadViews(baseView({ floor: cached }), baseView({ floor: cached }));
    expect(changed).toBe(false);
    expect(patch.floor).toBeUndefined();
    expect(serialized).toBe(0);
    // An equal section in a new object is still compared by content.
    expect(diffLoadViews(baseView({ floor: cached }), baseView({ floor: floor(2) })).changed).toBe(false);
    expect(serialized).toBe(1);
  });

  it("arrives on a view held without one, and stays when a patch does not carry it", () => {
    const held = applyLoadViewPatch(baseView(), diffLoadViews(baseView(), baseView({ floor: floor(1) })).patch);
    expect(held.floor).toEqual(floor(1));
    expect(applyLoadViewPatch(held, { from: iso(at(9, 1)), to: iso(at(10, 1)) }).floor).toEqual(floor(1));
  });
});

describe("lost heartbeats (issue #9)", () => {
  const lost = [{ windowId: "w1", deviceId: null, lastSeenAt: iso(at(9, 50)), lostMinutes: 6 }];

  it("are carried whole when the list changes, cleared by an empty list, and kept when a patch does not carry them", () => {
    const prev = baseView({ heartbeats: [] });
    expect(diffLoadViews(prev, baseView({ heartbeats: [] })).changed).toBe(false);
    const next = baseView({ heartbeats: lost });
    const { patch, changed } = diffLoadViews(prev, next);
    expect(changed).toBe(true);
    expect(patch.heartbeats).toEqual(lost);
    expect(applyLoadViewPatch(prev, patch)).toEqual(next);
    expect(applyLoadViewPatch(next, { from: next.from, to: next.to }).heartbeats).toEqual(lost);
    const cleared = diffLoadViews(next, prev);
    expect(cleared.patch.heartbeats).toEqual([]);
    expect(applyLoadViewPatch(next, cleared.patch)).toEqual(prev);
  });
});

describe("applyLoadViewPatch", () => {
  it("replaces changed entries in place and keeps the others", () => {
    const patch = { from: iso(at(9, 1)), to: iso(at(10, 1)), windows: [windowLoad("w2", { served: 5 })] };
    const out = applyLoadViewPatch(baseView(), patch);
    expect(out.windows).toEqual([windowLoad("w1"), windowLoad("w2", { served: 5 })]);
    expect(out.categories).toEqual(baseView().categories);
    expect(out.from).toBe(iso(at(9, 1)));
    expect(out.to).toBe(iso(at(10, 1)));
    expect(out.hallId).toBe("hall-1");
    expect(out.live).toBe(true);
  });

  it("does not change the view it is given", () => {
    const view = baseView();
    applyLoadViewPatch(view, { from: iso(at(9, 1)), to: iso(at(10, 1)), windows: [windowLoad("w1", { served: 9 })], recentCalls: [] });
    expect(view).toEqual(baseView());
  });

  it("appends entries with unknown ids", () => {
    const out = applyLoadViewPatch(baseView(), { from: iso(at(9)), to: iso(at(10)), categories: [categoryLoad("c3")] });
    expect(out.categories.map((c) => c.categoryId)).toEqual(["c1", "c2", "c3"]);
  });
});

// Views over fixed ids with values from small sets, so that equal and different entries both occur often.
const windowArb = (windowId: string): fc.Arbitrary<WindowLoad> =>
  fc.record({
    windowId: fc.constant(windowId),
    openSeconds: fc.constantFrom(0, 600, 3600),
    busySeconds: fc.constantFrom(0, 900),
    utilization: fc.constantFrom(0, 0.25, 1.5),
    served: fc.nat({ max: 2 }),
    avgHandleSeconds: fc.constantFrom(null, 300),
    ratingAvg: fc.constantFrom(null, 4.5),
    ratingCount: fc.nat({ max: 1 }),
    eligible: fc.boolean(),
    hot: fc.boolean(),
    cold: fc.boolean(),
    state: fc.constantFrom("open" as const, "paused" as const, "closed" as const),
    stateSince: fc.constantFrom(null, iso(at(9))),
    currentTicket: fc.constantFrom(null, { ticketNo: "A1", categoryId: "c1", phase: "called" as const, since: iso(at(9, 30)) }, {
      ticketNo: "A1",
      categoryId: null,
      phase: "serving" as const,
      since: iso(at(9, 31)),
    }),
    servedToday: fc.nat({ max: 3 }),
  });

const categoryArb = (categoryId: string): fc.Arbitrary<CategoryLoad> =>
  fc.record({
    categoryId: fc.constant(categoryId),
    arrivals: fc.nat({ max: 2 }),
    calledCount: fc.nat({ max: 1 }),
    avgWaitSeconds: fc.constantFrom(null, 60),
    maxWaitSeconds: fc.constantFrom(null, 90),
    waitingNow: fc.nat({ max: 1 }),
    oldestWaitSeconds: fc.constantFrom(null, 30),
  });

const viewArb = (windowIds: string[], categoryIds: string[]): fc.Arbitrary<LoadView> =>
  fc.record({
    hallId: fc.constant("hall-1"),
    from: fc.constantFrom(iso(at(9)), iso(at(9, 1))),
    to: fc.constantFrom(iso(at(10)), iso(at(10, 1))),
    live: fc.constant(true),
    windows: fc.tuple(...windowIds.map(windowArb)),
    categories: fc.tuple(...categoryIds.map(categoryArb)),
    imbalance: fc.record({ cv: fc.constantFrom(0, 0.5), hot: fc.subarray(windowIds), cold: fc.subarray(windowIds), imbalanced: fc.boolean() }),
    recentCalls: fc.array(fc.record({ ticketNo: fc.constantFrom("A1", "A2"), windowId: fc.constantFrom(...windowIds), categoryId: fc.constantFrom(null, "c1"), ts: fc.constantFrom(iso(at(9, 5)), iso(at(9, 6))), recall: fc.boolean() }), { maxLength: 3 }),
    floor: floorArb(windowIds, categoryIds),
    heartbeats: fc.subarray(windowIds).map((ids) => ids.map((windowId) => ({ windowId, deviceId: null, lastSeenAt: iso(at(9, 20)), lostMinutes: 3 }))),
  });

const floorArb = (windowIds: string[], categoryIds: string[]): fc.Arbitrary<LiveFloor> =>
  fc.record({
    idle: fc.subarray(windowIds).map((ids) => ids.map((windowId) => ({ windowId, since: iso(at(9, 10)), idleMinutes: 2.5, lastActivityAt: iso(at(9, 5)) }))),
    waits: fc.tuple(
      ...categoryIds.map((categoryId) =>
        fc.record({
          categoryId: fc.constant(categoryId),
          waiting: fc.nat({ max: 2 }),
          p50Minutes: fc.constant(null),
          p80Minutes: fc.constant(null),
          basis: fc.constant("unknown" as const),
          band: fc.constant(null),
        }),
      ),
    ),
    warnings: fc.subarray(categoryIds).map((ids) =>
      ids.map((categoryId) => ({ categoryId, expectedBreachAt: iso(at(9, 40)), predictedWaitMinutes: 22.5, targetMinutes: 15, helperWindowId: null, openWindows: [], forecastArrivals: null })),
    ),
  });

const pairArb = fc
  .record({ nW: fc.integer({ min: 1, max: 4 }), nC: fc.integer({ min: 1, max: 3 }) })
  .chain(({ nW, nC }) => {
    const windowIds = ["w1", "w2", "w3", "w4"].slice(0, nW);
    const categoryIds = ["c1", "c2", "c3"].slice(0, nC);
    return fc.tuple(viewArb(windowIds, categoryIds), viewArb(windowIds, categoryIds));
  });

const withoutTimes = (v: LoadView) => ({ ...v, from: "", to: "" });

describe("diff then apply (property)", () => {
  it("applying diff(prev, next) to prev gives next", () => {
    fc.assert(
      fc.property(pairArb, ([prev, next]) => {
        const { patch } = diffLoadViews(prev, next);
        expect(applyLoadViewPatch(prev, patch)).toEqual(next);
      }),
      { numRuns: 300 },
    );
  });

  it("the field-delta form applies to the same view, and carries each changed entry's id with only changed fields", () => {
    fc.assert(
      fc.property(pairArb, ([prev, next]) => {
        const fields = fieldDeltaPatch(prev, diffLoadViews(prev, next).patch);
        expect(applyLoadViewPatch(prev, fields)).toEqual(next);
        for (const w of fields.windowFields ?? []) {
          const before = prev.windows.find((x) => x.windowId === w.windowId) as unknown as Record<string, unknown>;
          for (const [k, v] of Object.entries(w)) if (k !== "windowId") expect(JSON.stringify(before[k])).not.toBe(JSON.stringify(v));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("reports a change exactly when more than the times differ, and lists only changed entries", () => {
    fc.assert(
      fc.property(pairArb, ([prev, next]) => {
        const { patch, changed } = diffLoadViews(prev, next);
        expect(changed).toBe(JSON.stringify(withoutTimes(prev)) !== JSON.stringify(withoutTimes(next)));
        for (const w of patch.windows ?? []) {
          const before = prev.windows.find((x) => x.windowId === w.windowId);
          expect(JSON.stringify(before)).not.toBe(JSON.stringify(w));
        }
        for (const c of patch.categories ?? []) {
          const before = prev.categories.find((x) => x.categoryId === c.categoryId);
          expect(JSON.stringify(before)).not.toBe(JSON.stringify(c));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("applying diff(prev, next) to prev gives next for computed live views as events arrive", () => {
    const hall = hallConfig();
    const events: HallEvent[] = [
      ev.opened(at(9), "w1"),
      ev.opened(at(9), "w2"),
      ev.issued(at(9, 1), "t1", "c1"),
      ev.issued(at(9, 2), "t2", "c2"),
      ev.called(at(9, 3), "t1", "w1"),
      ev.started(at(9, 4), "t1", "w1"),
      ev.called(at(9, 5), "t2", "w2"),
      ev.noShow(at(9, 8), "t2", "w2"),
      ev.completed(at(9, 20), "t1", "w1"),
      ev.evaluated(at(9, 21), "t1", "w1", 5),
      ev.transferred(at(9, 22), "t1", "w1", "c2"),
      ev.called(at(9, 25), "t1", "w3"),
      ev.paused(at(9, 30), "w2"),
    ];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: events.length }), fc.integer({ min: 0, max: events.length }), fc.integer({ min: 0, max: 60 }), (a, b, shift) => {
        const to1 = at(9, 30);
        const to2 = to1 + shift * MINUTE;
        const prev = viewOf(events.slice(0, a), hall, to1 - 60 * MINUTE, to1, true);
        const next = viewOf(events.slice(0, b), hall, to2 - 60 * MINUTE, to2, true);
        expect(applyLoadViewPatch(prev, diffLoadViews(prev, next).patch)).toEqual(next);
      }),
      { numRuns: 200 },
    );
  });
});

const bucketArb = (i: number) =>
  fc.record({ start: fc.constant(iso(at(0) + i * 15 * MINUTE)), arrivals: fc.nat({ max: 3 }), served: fc.nat({ max: 3 }), avgWaitSeconds: fc.constantFrom(null, 60, 90) });
const seriesArb = (dayStart: string, n: number) => fc.tuple(...Array.from({ length: n }, (_, i) => bucketArb(i))).map((buckets) => ({ dayStart, bucketMinutes: 15, buckets }));
const todayPairArb = fc
  .record({ n1: fc.integer({ min: 1, max: 8 }), grow: fc.integer({ min: -2, max: 3 }), newDay: fc.boolean() })
  .chain(({ n1, grow, newDay }) =>
    fc.tuple(pairArb, seriesArb(iso(at(0)), n1), seriesArb(newDay ? iso(at(24)) : iso(at(0)), Math.max(1, n1 + grow)), fc.integer({ min: 0, max: 8 })).map(([[prev, next], a, b, keep]) => {
      // The next series mostly repeats the previous one's buckets (the past rarely changes).
      const nextBuckets = b.buckets.map((x, i) => (i < keep && a.buckets[i] && b.dayStart === a.dayStart ? a.buckets[i] : x));
      return [{ ...prev, today: a }, { ...next, today: { ...b, buckets: nextBuckets } }] as const;
    }),
  );

describe("compact patches (displays with auth.compact)", () => {
  it("applying the compact patch to prev gives next, like the full patch", () => {
    fc.assert(
      fc.property(todayPairArb, ([prev, next]) => {
        const { patch } = diffLoadViews(prev, next);
        const compact = compactPatch(prev, next, patch);
        expect(applyLoadViewPatch(prev, compact)).toEqual(next);
        // Same day, not shrunk: the tail from the first changed bucket replaces the whole series.
        if (patch.today && prev.today?.dayStart === next.today?.dayStart && (next.today?.buckets.length ?? 0) >= (prev.today?.buckets.length ?? 0)) {
          expect(compact.today).toBeUndefined();
          const from = compact.todayTail?.from ?? -1;
          expect(JSON.stringify(prev.today?.buckets.slice(0, from))).toBe(JSON.stringify(next.today?.buckets.slice(0, from)));
          if (from < (prev.today?.buckets.length ?? 0)) expect(prev.today?.buckets[from]).not.toEqual(next.today?.buckets[from]);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("is the full patch when today did not change", () => {
    const prev = { ...viewOf([], hallConfig(), at(9), at(10), true), today: { dayStart: iso(at(0)), bucketMinutes: 15, buckets: [] } };
    const { patch } = diffLoadViews(prev, prev);
    expect(compactPatch(prev, prev, patch)).toBe(patch);
  });
});
