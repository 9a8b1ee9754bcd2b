// BusyUnion keeps closed episodes merged and open ones apart; whatever was added and removed, the busy
// length inside a range must be exactly unionLengthWithin over the episodes currently held.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unionLengthWithin, type Interval } from "../intervals.js";
import { BusyUnion } from "./busy-union.js";

const BASE = Date.UTC(2025, 2, 10, 1, 0);
const MIN = 60_000;
const w = <T>(arbitrary: fc.Arbitrary<T>, weight: number) => ({ arbitrary, weight });

describe("BusyUnion", () => {
  it("counts overlapping and touching episodes once and an open one up to the range's end", () => {
    const u = new BusyUnion();
    const a = { start: BASE, end: BASE + 10 * MIN };
    const b = { start: BASE + 5 * MIN, end: BASE + 15 * MIN };
    const c = { start: BASE + 15 * MIN, end: BASE + 20 * MIN }; // touches b
    for (const x of [a, b, c]) u.add(x);
    expect(u.lengthWithin(BASE, BASE + 60 * MIN)).toBe(20 * MIN);
    u.add({ start: BASE + 40 * MIN, end: Infinity });
    expect(u.lengthWithin(BASE, BASE + 60 * MIN)).toBe(40 * MIN);
    // Removing the middle episode splits the merged run again.
    u.remove(b);
    expect(u.lengthWithin(BASE, BASE + 60 * MIN)).toBe(35 * MIN);
    // An open episode is removed by its start (a new object), and a completion adds the closed one.
    u.remove({ start: BASE + 40 * MIN, end: Infinity });
    u.add({ start: BASE + 40 * MIN, end: BASE + 45 * MIN });
    expect(u.lengthWithin(BASE, BASE + 60 * MIN)).toBe(20 * MIN);
    expect(u.lengthWithin(BASE + 50 * MIN, BASE + 40 * MIN)).toBe(0);
  });

  it("keeps an open episode while another with the same start remains", () => {
    const u = new BusyUnion();
    u.add({ start: BASE, end: Infinity });
    u.add({ start: BASE, end: Infinity });
    u.remove({ start: BASE, end: Infinity });
    expect(u.lengthWithin(BASE - MIN, BASE + MIN)).toBe(MIN);
    u.remove({ start: BASE, end: Infinity });
    expect(u.lengthWithin(BASE - MIN, BASE + MIN)).toBe(0);
  });

  // Starts and ends on a coarse grid so that episodes overlap, touch and share starts; some zero-length.
  const pointArb = fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 40 }).map((k) => BASE + k * MIN), weight: 3 },
    { arbitrary: fc.integer({ min: 0, max: 40 * MIN }).map((o) => BASE + o), weight: 1 },
  );
  const closedArb = fc.tuple(pointArb, fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 8 }).map((k) => k * MIN), fc.integer({ min: 0, max: 10 * MIN }))).map(
    ([start, len]) => ({ start, end: start + len }),
  );
  const windowArb = fc.oneof(
    fc.tuple(pointArb, pointArb),
    fc.tuple(pointArb, fc.integer({ min: 0, max: 90 * MIN })).map(([f, len]) => [f, f + len] as [number, number]),
    fc.tuple(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 })).map(([a, b]) => [BASE - a * MIN, BASE + b * MIN] as [number, number]),
  );

  type Op =
    | { op: "addClosed"; iv: Interval; again: number | null }
    | { op: "addOpen"; start: number; sameAs: number | null }
    | { op: "removeClosed"; pick: number }
    | { op: "removeAbsent"; iv: Interval }
    | { op: "removeOpen"; pick: number }
    | { op: "read"; window: [number, number] };
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    // `again`: an episode equal to one held (a same-start duplicate), as a distinct object.
    { arbitrary: fc.record({ op: fc.constant("addClosed" as const), iv: closedArb, again: fc.oneof(w(fc.constant(null), 4), w(fc.nat(), 1)) }), weight: 5 },
    { arbitrary: fc.record({ op: fc.constant("addOpen" as const), start: pointArb, sameAs: fc.oneof(w(fc.constant(null), 2), w(fc.nat(), 1)) }), weight: 2 },
    { arbitrary: fc.record({ op: fc.constant("removeClosed" as const), pick: fc.nat() }), weight: 3 },
    { arbitrary: fc.record({ op: fc.constant("removeOpen" as const), pick: fc.nat() }), weight: 2 },
    { arbitrary: fc.record({ op: fc.constant("removeAbsent" as const), iv: closedArb }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant("read" as const), window: windowArb }), weight: 3 },
  );

  it("equals unionLengthWithin over the episodes held, after any adds and removes (property)", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60, size: "max" }), fc.array(windowArb, { minLength: 1, maxLength: 5 }), (ops, finalWindows) => {
        const u = new BusyUnion();
        const closed: Interval[] = [];
        const open: Interval[] = [];
        const check = (from: number, to: number) =>
          expect(u.lengthWithin(from, to), `[${(from - BASE) / MIN}, ${(to - BASE) / MIN}) min`).toBe(unionLengthWithin([...closed, ...open], from, to));
        for (const o of ops) {
          if (o.op === "addClosed") {
            const like = o.again !== null && closed.length > 0 ? (closed[o.again % closed.length] as Interval) : o.iv;
            const iv = { start: like.start, end: like.end };
            u.add(iv);
            closed.push(iv);
          } else if (o.op === "addOpen") {
            const start = o.sameAs !== null && open.length > 0 ? (open[o.sameAs % open.length] as Interval).start : o.start;
            const iv = { start, end: Infinity };
            u.add(iv);
            open.push(iv);
          } else if (o.op === "removeClosed") {
            if (closed.length === 0) continue;
            const [iv] = closed.splice(o.pick % closed.length, 1) as [Interval];
            // Closed episodes are removed by value too: the live view recomputes a service's episodes.
            u.remove({ start: iv.start, end: iv.end });
          } else if (o.op === "removeAbsent") {
            // An episode equal to one held removes that one; one not held changes nothing.
            const i = closed.findIndex((c) => c.start === o.iv.start && c.end === o.iv.end);
            if (i >= 0) closed.splice(i, 1);
            u.remove({ ...o.iv });
          } else if (o.op === "removeOpen") {
            if (open.length === 0) continue;
            const [iv] = open.splice(o.pick % open.length, 1) as [Interval];
            // Open episodes are removed by an equal start, not by the same object.
            u.remove({ start: iv.start, end: Infinity });
          } else check(o.window[0], o.window[1]);
        }
        for (const [from, to] of finalWindows) check(from, to);
        check(BASE - 60 * MIN, BASE + 120 * MIN);
      }),
      { numRuns: 500 },
    );
  });
});
