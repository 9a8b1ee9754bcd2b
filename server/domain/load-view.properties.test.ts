import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIsoTimestamp, type HallConfig, type HallEvent, type LoadView, startOfLocalDay } from "../../contract/index.js";
import { HallFacts } from "./hall-facts.js";
import { computeLoadView } from "./load-view.js";
import { at, ev, factsOf, HALL_ID, hallConfig, HOUR, MINUTE } from "./test-fixtures.js";

// ---------------------------------------------------------------------------------------------------------
// Order independence: the same set of events gives the same view in any order, with any duplicates.

const T0 = at(8);
const RANGE = 3 * HOUR;

const tsArb = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 180 }).map((m) => T0 + m * MINUTE) }, // whole minutes: many ties
  { weight: 1, arbitrary: fc.integer({ min: 0, max: RANGE - 1 }).map((ms) => T0 + ms) },
);

const hallArb: fc.Arbitrary<HallConfig> = fc
  .record({ nWindows: fc.integer({ min: 2, max: 4 }), nCategories: fc.integer({ min: 2, max: 3 }) })
  .chain(({ nWindows, nCategories }) => {
    const categories = ["c1", "c2", "c3"].slice(0, nCategories);
    return fc
      .array(fc.subarray(categories, { minLength: 1 }), { minLength: nWindows, maxLength: nWindows })
      .map((lists) => hallConfig({ categories, windows: lists.map((c, i) => ({ id: `w${i + 1}`, categories: c })), waitMinutes: 15 }));
  });

type Draft = (id: string) => HallEvent;

function eventsArb(h: HallConfig): fc.Arbitrary<Draft[]> {
  const windowIds = h.windows.map((w) => w.id);
  const categoryIds = h.categories.map((c) => c.id);
  const tickets = ["t1", "t2", "t3", "t4", "t5", "t6"];
  const w = fc.constantFrom(...windowIds);
  const c = fc.constantFrom(...categoryIds);
  const t = fc.constantFrom(...tickets);

  // Any event at any time: out of order, half-finished, contradictory.
  const random: fc.Arbitrary<Draft> = fc.oneof(
    fc.tuple(tsArb, w).map(([ts, wid]): Draft => (id) => ev.opened(ts, wid, id)),
    fc.tuple(tsArb, w).map(([ts, wid]): Draft => (id) => ev.paused(ts, wid, id)),
    fc.tuple(tsArb, w).map(([ts, wid]): Draft => (id) => ev.resumed(ts, wid, id)),
    fc.tuple(tsArb, w).map(([ts, wid]): Draft => (id) => ev.closed(ts, wid, id)),
    fc.tuple(tsArb, t, c).map(([ts, tid, cid]): Draft => (id) => ev.issued(ts, tid, cid, `${tid.toUpperCase()}${cid}`, id)),
    fc.tuple(tsArb, t, w).map(([ts, tid, wid]): Draft => (id) => ev.called(ts, tid, wid, id)),
    fc.tuple(tsArb, t, w).map(([ts, tid, wid]): Draft => (id) => ev.noShow(ts, tid, wid, id)),
    fc.tuple(tsArb, t, w, c).map(([ts, tid, wid, cid]): Draft => (id) => ev.transferred(ts, tid, wid, cid, id)),
    fc.tuple(tsArb, t, w).map(([ts, tid, wid]): Draft => (id) => ev.started(ts, tid, wid, id)),
    fc.tuple(tsArb, t, w).map(([ts, tid, wid]): Draft => (id) => ev.completed(ts, tid, wid, id)),
    fc.tuple(tsArb, t, w, fc.integer({ min: 1, max: 5 })).map(([ts, tid, wid, r]): Draft => (id) => ev.evaluated(ts, tid, wid, r, id)),
  );

  // A plausible ticket life (issued → called → started → completed → evaluated, maybe transferred),
  // cut off at a random step so that some stay half-finished.
  const life: fc.Arbitrary<Draft[]> = fc
    .record({
      tid: t,
      cid: c,
      wid: w,
      start: tsArb,
      gaps: fc.array(fc.integer({ min: 0, max: 40 * MINUTE }), { minLength: 6, maxLength: 6 }),
      steps: fc.integer({ min: 1, max: 6 }),
      ending: fc.constantFrom("completed", "no_show", "transferred"),
      rating: fc.integer({ min: 1, max: 5 }),
      toCategory: c,
    })
    .map(({ tid, cid, wid, start, gaps, steps, ending, rating, toCategory }) => {
      const times: number[] = [];
      let cur = start;
      for (const g of gaps) {
        cur += g;
        times.push(cur);
      }
      const [t1, t2, t3, t4, t5] = times as [number, number, number, number, number];
      const all: Draft[] = [
        (id) => ev.issued(start, tid, cid, `${tid.toUpperCase()}${cid}`, id),
        (id) => ev.called(t1, tid, wid, id),
        ending === "no_show" ? (id) => ev.noShow(t2, tid, wid, id) : (id) => ev.started(t2, tid, wid, id),
        ending === "transferred" ? (id) => ev.transferred(t3, tid, wid, toCategory, id) : (id) => ev.completed(t3, tid, wid, id),
        (id) => ev.evaluated(t4, tid, wid, rating, id),
        (id) => ev.called(t5, tid, wid, id),
      ];
      return all.slice(0, steps);
    });

  // A window's day: opened, then pauses/resumes, maybe closed.
  const windowDay: fc.Arbitrary<Draft[]> = fc
    .record({
      wid: w,
      start: tsArb,
      moves: fc.array(fc.tuple(fc.constantFrom("paused", "resumed", "closed", "opened"), fc.integer({ min: 0, max: 50 * MINUTE })), { maxLength: 4 }),
    })
    .map(({ wid, start, moves }) => {
      const out: Draft[] = [(id) => ev.opened(start, wid, id)];
      let cur = start;
      for (const [kind, gap] of moves) {
        cur += gap;
        const ts = cur;
        const make = ev[kind];
        out.push((id) => make(ts, wid, id));
      }
      return out;
    });

  return fc
    .tuple(fc.array(windowDay, { maxLength: 4 }), fc.array(life, { maxLength: 6 }), fc.array(random, { maxLength: 12 }))
    .map(([days, lives, noise]) => [...days.flat(), ...lives.flat(), ...noise]);
}

interface Scenario {
  hall: HallConfig;
  /** Distinct events (unique ids). */
  events: HallEvent[];
  /** The original stream, with some events repeated (same id) in place. */
  original: HallEvent[];
  /** A permutation of the distinct events. */
  shuffled: HallEvent[];
  /** A permutation of the distinct events plus further copies. */
  withDuplicates: HallEvent[];
  probes: number[];
}

const scenarioArb: fc.Arbitrary<Scenario> = hallArb.chain((h) =>
  eventsArb(h).chain((drafts) => {
    const events = drafts.map((d, i) => d(`g${String(i).padStart(3, "0")}`));
    const n = events.length;
    return fc
      .record({
        inPlace: fc.array(fc.tuple(fc.nat({ max: Math.max(0, n - 1) }), fc.nat({ max: n })), { maxLength: n === 0 ? 0 : 5 }),
        shuffled: fc.shuffledSubarray(events, { minLength: n, maxLength: n }),
        extra: fc.subarray(events),
        probes: fc.array(fc.integer({ min: 0, max: RANGE + HOUR }), { minLength: 2, maxLength: 2 }),
      })
      .chain(({ inPlace, shuffled, extra, probes }) => {
        const original = [...events];
        for (const [src, pos] of inPlace) {
          const e = events[src];
          if (e) original.splice(Math.min(pos, original.length), 0, e);
        }
        const pool = [...events, ...extra.map((e) => ({ ...e }))];
        return fc.shuffledSubarray(pool, { minLength: pool.length, maxLength: pool.length }).map((withDuplicates) => ({
          hall: h,
          events,
          original,
          shuffled,
          withDuplicates,
          probes: probes.map((p) => T0 + p),
        }));
      });
  }),
);

function intervals(probes: number[]): [number, number][] {
  const [p, q] = probes as [number, number];
  return [
    [T0, T0 + RANGE], // everything
    [T0 + 30 * MINUTE, T0 + 90 * MINUTE],
    [p - HOUR, p], // live-like hour ending anywhere
    [q, q + 5 * MINUTE], // shorter than 10 minutes
    [T0 + 2 * HOUR, T0 + 4 * HOUR], // ends after every event
  ];
}

function views(facts: HallFacts, h: HallConfig, probes: number[]): LoadView[] {
  const out: LoadView[] = [];
  for (const [from, to] of intervals(probes))
    for (const live of [false, true])
      out.push(computeLoadView(facts, h, { hallId: HALL_ID, from, to, live, dayStart: startOfLocalDay(to, h.timezone) }));
  return out;
}

describe("computeLoadView: order independence (property)", () => {
  it("gives deep-equal views for the original order, a permutation and with duplicates", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const reference = views(factsOf(s.original), s.hall, s.probes);
        expect(views(factsOf(s.shuffled), s.hall, s.probes)).toEqual(reference);
        expect(views(factsOf(s.withDuplicates), s.hall, s.probes)).toEqual(reference);
        expect(factsOf(s.withDuplicates).eventCount).toBe(s.events.length);
      }),
      { numRuns: 200 },
    );
  });

  it("keeps the view's internal rules (property)", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const facts = factsOf(s.shuffled);
        for (const [from, to] of intervals(s.probes)) {
          for (const live of [false, true]) {
            const view = computeLoadView(facts, s.hall, { hallId: HALL_ID, from, to, live, dayStart: startOfLocalDay(to, s.hall.timezone) });
            const lengthS = (to - from) / 1000;
            for (const wl of view.windows) {
              expect(wl.openSeconds).toBeGreaterThanOrEqual(0);
              expect(wl.openSeconds).toBeLessThanOrEqual(lengthS);
              expect(wl.busySeconds).toBeLessThanOrEqual(lengthS);
              if (wl.openSeconds > 0) expect(wl.utilization).toBeCloseTo(wl.busySeconds / wl.openSeconds, 9);
              else expect(wl.utilization).toBe(0);
              expect(wl.eligible).toBe(wl.openSeconds > 0 && wl.openSeconds >= Math.min(600, lengthS));
              expect(wl.hot && wl.cold).toBe(false);
              if (!wl.eligible) expect(wl.hot || wl.cold).toBe(false);
              if (wl.state === "closed") expect(wl.currentTicket).toBeNull();
              if (wl.ratingAvg !== null) {
                expect(wl.ratingAvg).toBeGreaterThanOrEqual(1);
                expect(wl.ratingAvg).toBeLessThanOrEqual(5);
              }
              expect(wl.ratingCount === 0).toBe(wl.ratingAvg === null);
              expect(wl.avgHandleSeconds === null || wl.served > 0).toBe(true);
            }
            expect(view.imbalance.hot).toEqual(view.windows.filter((x) => x.hot).map((x) => x.windowId));
            expect(view.imbalance.cold).toEqual(view.windows.filter((x) => x.cold).map((x) => x.windowId));
            expect(view.imbalance.imbalanced).toBe(view.imbalance.hot.length > 0 && view.imbalance.cold.length > 0);

            // Independent reference for arrivals: each ticket's earliest issue (by ts, then id).
            const firstIssue = new Map<string, { ts: number; id: string; categoryId: string }>();
            for (const e of s.events) {
              if (e.type !== "ticket.issued") continue;
              const ts = parseIsoTimestamp(e.ts) as number;
              const prev = firstIssue.get(e.ticketId);
              if (!prev || ts < prev.ts || (ts === prev.ts && e.id < prev.id)) firstIssue.set(e.ticketId, { ts, id: e.id, categoryId: e.categoryId });
            }
            for (const cl of view.categories) {
              const expected = [...firstIssue.values()].filter((i) => i.categoryId === cl.categoryId && i.ts >= from && i.ts < to).length;
              expect(cl.arrivals).toBe(expected);
              expect(cl.waitingNow === 0).toBe(cl.oldestWaitSeconds === null);
              expect(cl.calledCount === 0).toBe(cl.avgWaitSeconds === null);
              if (cl.maxWaitSeconds !== null) expect(cl.maxWaitSeconds).toBeGreaterThanOrEqual(cl.avgWaitSeconds as number);
            }

            // recentCalls: the newest ≤ 12 distinct calls with ts ≤ to.
            const callTimes = s.events
              .filter((e) => e.type === "ticket.called")
              .map((e) => parseIsoTimestamp(e.ts) as number)
              .filter((ts) => ts <= to)
              .sort((a, b) => b - a)
              .slice(0, 12);
            expect(view.recentCalls.map((r) => Date.parse(r.ts))).toEqual(callTimes);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
