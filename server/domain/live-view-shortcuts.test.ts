// The live view's two shortcuts (docs/performance.md) give exactly what the plain definitions give:
// keeping only the latest calls instead of sorting them all, and skipping services that ended before both
// the interval and the day.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { HallEvent } from "../../contract/index.js";
import type { CallFact } from "./facts.js";
import { LatestCalls } from "./load-view.js";
import { serviceEpisodes } from "./service-episodes.js";
import { compareStamps } from "./stamp.js";
import { at, ev, factsOf, MINUTE } from "./test-fixtures.js";
import { unionLengthWithin, type Interval } from "./intervals.js";
import { windowFigures } from "./window-figures.js";
import { computeTodaySeries } from "./today-series.js";
import { ticketWait } from "./ticket-queue.js";

describe("LatestCalls", () => {
  it("keeps the same calls, in the same order, as sorting all of them newest first", () => {
    const callArb = fc.record({ ts: fc.integer({ min: 0, max: 50 }), rank: fc.integer({ min: 0, max: 3 }), n: fc.nat(1000) });
    fc.assert(
      fc.property(fc.uniqueArray(callArb, { selector: (c) => c.n, maxLength: 60 }), fc.integer({ min: 1, max: 15 }), (specs, size) => {
        const calls: CallFact[] = specs.map((s) => ({ ts: s.ts, rank: s.rank, eventId: `e${s.n}`, ticketId: `t${s.n}`, windowId: "w1" }));
        const latest = new LatestCalls(size);
        for (const c of calls) latest.offer(c);
        const sorted = [...calls].sort((a, b) => compareStamps(b, a)).slice(0, size);
        expect(latest.newestFirst()).toEqual(sorted);
      }),
      { numRuns: 300 },
    );
  });
});

/** The plain definition of busy time and served counts: every service list, none skipped. */
function plainServiceFigures(events: HallEvent[], from: number, to: number, dayStart: number) {
  const w = factsOf(events).windows.get("w1");
  const busy: Interval[] = [];
  let served = 0;
  let handle = 0;
  let servedToday = 0;
  for (const list of w?.services.values() ?? [])
    for (const ep of serviceEpisodes(list)) {
      if (ep.start !== null) busy.push({ start: ep.start, end: ep.end ?? Infinity });
      if (ep.end === null) continue;
      if (ep.end >= from && ep.end < to) {
        served += 1;
        if (ep.start !== null) handle += Math.max(0, ep.end - ep.start);
      }
      if (ep.end >= dayStart && ep.end < to) servedToday += 1;
    }
  return { busyMs: unionLengthWithin(busy, from, to), served, handleMsTotal: handle, servedToday };
}

describe("windowFigures skips services that ended before the interval and the day", () => {
  it("matches the plain definition on random services, intervals and day starts", () => {
    const step = fc.record({ ticket: fc.integer({ min: 1, max: 6 }), kind: fc.constantFrom("started", "completed"), minute: fc.integer({ min: 0, max: 600 }) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.integer({ min: 0, max: 600 }), fc.integer({ min: 1, max: 240 }), fc.integer({ min: 0, max: 600 }), (steps, fromMin, length, dayMin) => {
        const events: HallEvent[] = [ev.opened(at(8), "w1")];
        for (const s of steps) {
          const ts = at(8) + s.minute * MINUTE;
          events.push(s.kind === "started" ? ev.started(ts, `t${s.ticket}`, "w1") : ev.completed(ts, `t${s.ticket}`, "w1"));
        }
        const from = at(8) + fromMin * MINUTE;
        const to = from + length * MINUTE;
        const dayStart = at(8) + dayMin * MINUTE;
        const got = windowFigures(factsOf(events).windows.get("w1"), from, to, dayStart);
        expect({ busyMs: got.busyMs, served: got.served, handleMsTotal: got.handleMsTotal, servedToday: got.servedToday }).toEqual(plainServiceFigures(events, from, to, dayStart));
      }),
      { numRuns: 300 },
    );
  });
});

/** The plain definition of the current ticket: every call and start considered. */
function plainCurrent(events: HallEvent[], to: number) {
  const w = factsOf(events).windows.get("w1");
  if (!w) return null;
  let latest: { ts: number; rank: number; eventId: string; ticketId: string; phase: "called" | "serving" } | null = null;
  const consider = (s: { ts: number; rank: number; eventId: string }, ticketId: string, phase: "called" | "serving") => {
    if (s.ts <= to && (latest === null || compareStamps(s, latest) > 0)) latest = { ...s, ticketId, phase };
  };
  for (const c of w.calls) consider(c, c.ticketId, "called");
  for (const [ticketId, list] of w.services) for (const f of list) if (f.kind === "started") consider(f, ticketId, "serving");
  const cur = latest as { ts: number; rank: number; eventId: string; ticketId: string; phase: "called" | "serving" } | null;
  if (cur === null) return null;
  const after = (s: { ts: number; rank: number; eventId: string }) => s.ts <= to && compareStamps(s, cur) > 0;
  if ((w.services.get(cur.ticketId) ?? []).some((f) => f.kind === "completed" && after(f))) return null;
  if (w.leaves.some((l) => l.ticketId === cur.ticketId && after(l))) return null;
  return { ticketId: cur.ticketId, phase: cur.phase, since: cur.ts };
}

describe("windowFigures finds the current ticket from the latest call and the recent services", () => {
  it("matches the plain definition on random calls, starts, completions and no-shows", () => {
    const step = fc.record({ ticket: fc.integer({ min: 1, max: 6 }), kind: fc.constantFrom("called", "started", "completed", "no_show"), minute: fc.integer({ min: 0, max: 300 }) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.integer({ min: 0, max: 320 }), (steps, toMin) => {
        const events: HallEvent[] = [ev.opened(at(8), "w1")];
        for (const s of steps) {
          const ts = at(8) + s.minute * MINUTE;
          const t = `t${s.ticket}`;
          events.push(s.kind === "called" ? ev.called(ts, t, "w1") : s.kind === "started" ? ev.started(ts, t, "w1") : s.kind === "completed" ? ev.completed(ts, t, "w1") : ev.noShow(ts, t, "w1"));
        }
        const to = at(8) + toMin * MINUTE;
        expect(windowFigures(factsOf(events).windows.get("w1"), at(8), to, at(0)).currentTicket).toEqual(plainCurrent(events, to));
      }),
      { numRuns: 400 },
    );
  });
});

/** The plain definition of today's served counts and waits: every ticket and service of the facts. */
function plainToday(events: HallEvent[], dayStart: number, to: number) {
  const facts = factsOf(events);
  const slot = (ts: number) => (ts >= dayStart && ts < to ? Math.floor((ts - dayStart) / (15 * MINUTE)) : -1);
  const arrivals = new Map<number, number>();
  const served = new Map<number, number>();
  const waits = new Map<number, number[]>();
  for (const t of facts.tickets.values()) {
    const i = t.issues[0] ? slot(t.issues[0].ts) : -1;
    if (i >= 0) arrivals.set(i, (arrivals.get(i) ?? 0) + 1);
    const w = ticketWait(t);
    const j = w ? slot(w.firstCallAt) : -1;
    if (w && j >= 0) waits.set(j, [...(waits.get(j) ?? []), w.waitMs]);
  }
  for (const w of facts.windows.values())
    for (const list of w.services.values())
      for (const ep of serviceEpisodes(list)) {
        const i = ep.end === null ? -1 : slot(ep.end);
        if (i >= 0) served.set(i, (served.get(i) ?? 0) + 1);
      }
  return { arrivals, served, waits };
}

describe("computeTodaySeries skips tickets and services that ended before the day", () => {
  it("matches the plain definition on random days", () => {
    const step = fc.record({ ticket: fc.integer({ min: 1, max: 8 }), kind: fc.constantFrom("issued", "called", "started", "completed"), minute: fc.integer({ min: 0, max: 900 }) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 50 }), fc.integer({ min: 0, max: 900 }), fc.integer({ min: 15, max: 600 }), (steps, dayMin, length) => {
        const events: HallEvent[] = [ev.opened(at(0), "w1")];
        for (const s of steps) {
          const ts = at(0) + s.minute * MINUTE;
          const t = `t${s.ticket}`;
          events.push(
            s.kind === "issued" ? ev.issued(ts, t, "c1") : s.kind === "called" ? ev.called(ts, t, "w1") : s.kind === "started" ? ev.started(ts, t, "w1") : ev.completed(ts, t, "w1"),
          );
        }
        const dayStart = at(0) + dayMin * MINUTE;
        const to = dayStart + length * MINUTE;
        const got = computeTodaySeries(factsOf(events), dayStart, to);
        const want = plainToday(events, dayStart, to);
        got.buckets.forEach((b, i) => {
          expect(b.arrivals).toBe(want.arrivals.get(i) ?? 0);
          expect(b.served).toBe(want.served.get(i) ?? 0);
          const w = want.waits.get(i);
          expect(b.avgWaitSeconds).toBe(w ? w.reduce((a, x) => a + x, 0) / w.length / 1000 : null);
        });
      }),
      { numRuns: 300 },
    );
  });
});
