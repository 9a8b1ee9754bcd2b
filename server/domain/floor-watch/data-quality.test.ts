import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIsoTimestamp, type HallEvent } from "../../../contract/index.js";
import { at, ev, HOUR, MINUTE, SECOND } from "../test-fixtures.js";
import { dataQuality, type DataQualityOptions } from "./data-quality.js";
import type { ReceivedEvent } from "./quality-types.js";
import { ticketEvents } from "./test-arbitraries.js";

/** Received `delayMs` after its own time (default: at once). */
const rx = (event: HallEvent, delayMs = 0): ReceivedEvent => ({ event, receivedMs: (parseIsoTimestamp(event.ts) as number) + delayMs });
const dev = <E extends HallEvent>(e: E, deviceId: string, seq?: number): E => ({ ...e, deviceId, ...(seq !== undefined ? { seq } : {}) });
const day: DataQualityOptions = { from: at(0), to: at(24), asOf: at(24) + HOUR };
const report = (events: (HallEvent | ReceivedEvent)[], opts: Partial<DataQualityOptions> = {}) =>
  dataQuality(events.map((e) => ("event" in e ? e : rx(e))), { ...day, ...opts });
const kinds = (events: (HallEvent | ReceivedEvent)[], opts: Partial<DataQualityOptions> = {}) => report(events, opts).issues.map((i) => [i.kind, i.eventId]);
const open = ev.opened(at(8), "w1", "open");

describe("impossible sequences, each counted once", () => {
  it("a completion without start: once, by the completion; a repeated completion is a repeat, not a second issue", () => {
    const events = [open, ev.issued(at(9), "t1", "c1"), ev.called(at(9, 1), "t1", "w1"), ev.completed(at(9, 9), "t1", "w1", "done1"), ev.completed(at(9, 10), "t1", "w1", "done2")];
    expect(kinds(events)).toEqual([["completed_without_start", "done1"]]);
    expect(kinds([...events, events[4] as HallEvent])).toEqual([["completed_without_start", "done1"]]); // the same event twice
  });

  it("a start that arrives after its completion but is stamped before it is no impossible sequence (only a late event)", () => {
    const events = [rx(open), rx(ev.completed(at(9, 9), "t1", "w1", "done")), rx(ev.started(at(9, 2), "t1", "w1", "start"), 30 * MINUTE)];
    expect(kinds(events)).toEqual([["late_event", "start"]]);
  });

  it("a call before the issue: once per ticket, however often it was recalled; the earliest issue counts", () => {
    const events = [open, ev.called(at(9), "t1", "w1", "call1"), ev.called(at(9, 2), "t1", "w1", "call2"), ev.issued(at(9, 1), "t1", "c1", "T1", "iss")];
    const r = report(events);
    expect(r.issues).toEqual([{ kind: "call_before_issue", eventId: "call1", relatedEventId: "iss", windowId: "w1", deviceId: null, ts: at(9) }]);
    expect(kinds([...events, ev.issued(at(8, 59), "t1", "c1", "T1", "earlier-copy")])).toEqual([]);
    expect(kinds([open, ev.issued(at(9), "t1", "c1"), ev.called(at(9), "t1", "w1")])).toEqual([]); // same ms: issue first
  });

  it("a service on a closed window: once per episode, judged at its start", () => {
    const start = ev.started(at(9), "t1", "w2", "s1");
    expect(kinds([start, ev.completed(at(9, 5), "t1", "w2", "d1")])).toEqual([["service_on_closed_window", "s1"]]);
    expect(kinds([ev.completed(at(9, 5), "t1", "w2", "d1")])).toEqual([
      ["completed_without_start", "d1"],
      ["service_on_closed_window", "d1"],
    ]);
    // Closing while serving and finishing afterwards is normal; so is serving while paused; opening at the same ms counts first.
    expect(kinds([open, ev.started(at(9), "t1", "w1"), ev.closed(at(9, 1), "w1"), ev.completed(at(9, 5), "t1", "w1")])).toEqual([]);
    expect(kinds([open, ev.paused(at(8, 30), "w1"), ev.started(at(9), "t1", "w1"), ev.completed(at(9, 5), "t1", "w1")])).toEqual([]);
    expect(kinds([ev.opened(at(9), "w2"), ev.started(at(9), "t1", "w2"), ev.completed(at(9, 5), "t1", "w2")])).toEqual([]);
  });

  it("judges only events of [from, to), using earlier ones as context", () => {
    const events = [open, ev.started(at(9), "t1", "w1"), ev.completed(at(9, 5), "t1", "w1", "d1")];
    expect(kinds(events, { from: at(9, 1) })).toEqual([]);
    expect(kinds([open, events[2] as HallEvent], { from: at(9, 1) })).toEqual([["completed_without_start", "d1"]]);
  });

  it("holds an issue back for the grace period after the event that shows it arrived", () => {
    const events = [open, ev.completed(at(9, 9), "t1", "w1", "done")];
    expect(report(events, { asOf: at(9, 18) })).toMatchObject({ issues: [], pending: 1 });
    expect(report(events, { asOf: at(9, 19) })).toMatchObject({ issues: [{ kind: "completed_without_start" }], pending: 0 });
    expect(report(events, { asOf: at(9, 12), graceMs: 2 * MINUTE }).pending).toBe(0);
  });

  it("the same events in any arrival order give the same report", () => {
    fc.assert(
      fc.property(
        ticketEvents.chain((events) => {
          const all = [ev.opened(at(9, 20), "w1", "o1"), ev.closed(at(10), "w1", "c1"), ...events];
          return fc.tuple(fc.constant(all), fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }));
        }),
        ([all, shuffled]) => {
          const r = report(all);
          expect(report(shuffled)).toEqual(r);
          expect(report([...shuffled, ...all])).toEqual(r); // every event delivered twice
          const keys = r.issues.map((i) => `${i.kind} ${i.eventId}`);
          expect(new Set(keys).size).toBe(keys.length);
        },
      ),
    );
  });
});

describe("clock skew, late events and seq gaps", () => {
  const terminal = (minute: number, seq: number, id: string) => dev(ev.opened(at(9, minute), "w1", id), "term-1", seq);

  it("a clock 3 minutes behind is one skew issue (the 90th percentile of ts − received), not a list of late events", () => {
    // Delays of 3 min + 0…900 ms: the 9th smallest of ten offsets is the second-least delayed (e1).
    const events = Array.from({ length: 10 }, (_, i) => rx(terminal(i, i, `e${i}`), 3 * MINUTE + i * 100));
    const r = report(events);
    expect(r.issues).toEqual([{ kind: "clock_skew", eventId: "e1", windowId: "w1", deviceId: "term-1", ts: at(9, 1), amount: -3 * MINUTE - 100 }]);
    expect(r.devices[0]).toMatchObject({ id: "term-1", skewMs: -3 * MINUTE - 100, counts: { clock_skew: 1, late_event: 0 } });
  });

  it("events buffered offline are late (on the device's corrected clock); prompt ones are not", () => {
    const events = [...Array.from({ length: 9 }, (_, i) => rx(terminal(i, i, `e${i}`), SECOND)), rx(terminal(20, 9, "buffered"), 40 * MINUTE)];
    expect(report(events).issues).toEqual([{ kind: "late_event", eventId: "buffered", windowId: "w1", deviceId: "term-1", ts: at(9, 20), amount: 40 * MINUTE - SECOND }]);
  });

  it("a gap in seq is one issue with the number of missing events; a counter restart is not a gap", () => {
    const gap = [terminal(1, 1, "a"), terminal(2, 2, "b"), terminal(3, 6, "c"), terminal(4, 7, "d")];
    expect(report(gap).issues).toEqual([{ kind: "seq_gap", eventId: "c", relatedEventId: "b", windowId: null, deviceId: "term-1", ts: at(9, 3), amount: 3 }]);
    expect(report(gap).devices[0]).toMatchObject({ counts: { seq_gap: 1 }, missing: 3 });
    const restart = [terminal(1, 500, "a"), terminal(2, 501, "b"), terminal(3, 0, "c"), terminal(4, 1, "d")];
    expect(report(restart).issues).toEqual([]);
  });
});

describe("the score", () => {
  it("is 100 for clean data, and takes the documented points per 1% of events", () => {
    const clean = [open, ev.issued(at(9), "t1", "c1"), ev.called(at(9, 1), "t1", "w1"), ev.started(at(9, 2), "t1", "w1"), ev.completed(at(9, 5), "t1", "w1")];
    expect(report(clean).windows).toEqual([{ id: "w1", events: 4, score: 100, grade: "trusted", counts: expect.any(Object), missing: 0, skewMs: null, examples: {} }]);
    // 20 events at w1, one completion without start: 5 points per 1% × 5% = 25 points off.
    const busy: HallEvent[] = [open];
    for (let i = 0; i < 9; i += 1) busy.push(ev.started(at(9, i * 3), `t${i}`, "w1"), ev.completed(at(9, i * 3 + 2), `t${i}`, "w1"));
    busy.push(ev.completed(at(10), "lone", "w1", "lone-done"));
    expect(report(busy).windows[0]).toMatchObject({ events: 20, score: 75, grade: "check", examples: { completed_without_start: ["lone-done"] } });
  });

  it("takes 15 points for a skewed clock, 30 past five minutes, and grades below 70 as distrust", () => {
    const at5 = (d: number) => Array.from({ length: 5 }, (_, i) => rx(dev(ev.opened(at(9, i), "w1", `s${d}-${i}`), `d${d}`), d * MINUTE));
    const r = report([...at5(2), ...at5(6)]);
    expect(r.devices.map((d) => [d.id, d.score, d.grade])).toEqual([
      ["d2", 85, "check"],
      ["d6", 70, "check"],
    ]);
    expect(r.windows[0]?.counts.clock_skew).toBe(2);
  });

  it("lists at most five examples per kind, earliest first, and attributes issues to both device and window", () => {
    const events: HallEvent[] = [open];
    for (let i = 0; i < 8; i += 1) events.push(dev(ev.completed(at(9, i), `t${i}`, "w1", `done${i}`), "term-9"));
    const r = report(events);
    expect(r.devices[0]).toMatchObject({ id: "term-9", counts: { completed_without_start: 8 }, score: 0, grade: "distrust" });
    expect(r.devices[0]?.examples.completed_without_start).toEqual(["done0", "done1", "done2", "done3", "done4"]);
    expect(r.windows[0]?.counts.completed_without_start).toBe(8);
  });
});
