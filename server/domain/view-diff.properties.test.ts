// Property tests over random view pairs: applying diff(prev, next) to prev gives next (also in the field-delta and
// compact forms, and for computed live views), and a change is reported exactly when more than the times differ.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyLoadViewPatch, type CategoryLoad, type HallEvent, type LiveFloor, type LoadView, type WindowLoad } from "../../contract/index.js";
import { at, ev, hallConfig, iso, MINUTE, viewOf } from "./test-fixtures.js";
import { compactPatch, diffLoadViews, fieldDeltaPatch } from "./view-diff.js";

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
