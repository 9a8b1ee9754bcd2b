import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { projectQueues, type ProjectedTicket, type ProjectionInput } from "./queue-projection.js";

const MIN = 60_000;
const NOW = 1_000 * MIN;
const ticket = (categoryId: string, sinceMin: number, green = false, forecast = false): ProjectedTicket => ({ categoryId, since: NOW + sinceMin * MIN, green, forecast });
const input = (over: Partial<ProjectionInput>): ProjectionInput => ({
  now: NOW,
  horizonEnd: NOW + 60 * MIN,
  targetMs: 20 * MIN,
  windows: [{ windowId: "w1", categories: ["a"], freeAt: NOW }],
  tickets: [],
  cycleMs: new Map([["a", 10 * MIN], ["b", 5 * MIN]]),
  ...over,
});

describe("queue projection", () => {
  it("projects no breach for a queue the windows clear in time", () => {
    const p = projectQueues(input({ tickets: [ticket("a", -5), ticket("a", -2)] })).get("a");
    expect(p).toEqual({ categoryId: "a", breachedNow: false, breachAt: null, maxWaitMs: 12 * MIN, called: 2 });
  });

  it("finds the first ticket that will wait past the target, at its entry plus the target", () => {
    // One window, 10-minute cycles: tickets entering at −5, −4, −3 are called at 0, 10, 20 → the third waits 23 min.
    const p = projectQueues(input({ tickets: [ticket("a", -5), ticket("a", -4), ticket("a", -3)] })).get("a");
    expect(p?.breachAt).toBe(NOW + 17 * MIN);
    expect(p?.maxWaitMs).toBe(23 * MIN);
    expect(p?.breachedNow).toBe(false);
  });

  it("reports a ticket already past the target as breached now, and still projects the next breach", () => {
    const p = projectQueues(input({ tickets: [ticket("a", -25), ticket("a", -15), ticket("a", -14)] })).get("a");
    expect(p?.breachedNow).toBe(true);
    expect(p?.breachAt).toBe(NOW + 5 * MIN); // the −15 ticket is called at +10
  });

  it("adds forecast arrivals and counts tickets still uncalled at the horizon's end", () => {
    const tickets = Array.from({ length: 12 }, (_, i) => ticket("a", i * 5, false, true));
    const p = projectQueues(input({ tickets })).get("a");
    expect(p?.called).toBe(6);
    expect(p?.breachAt).not.toBeNull();
    expect(p?.breachedNow).toBe(false);
  });

  it("waits for a busy or paused window until it is free", () => {
    const p = projectQueues(input({ windows: [{ windowId: "w1", categories: ["a"], freeAt: NOW + 25 * MIN }], tickets: [ticket("a", 0)] })).get("a");
    expect(p?.breachAt).toBe(NOW + 20 * MIN);
  });

  it("calls green-channel tickets first", () => {
    const p = projectQueues(input({ tickets: [ticket("a", -10), ticket("a", -1, true), ticket("a", -1, true)] })).get("a");
    // The −10 ticket is called third, at +20: a wait of 30 → breach at +10.
    expect(p?.breachAt).toBe(NOW + 10 * MIN);
  });

  it("shares a comprehensive window between its categories by the longest wait", () => {
    const windows = [{ windowId: "w9", categories: ["a", "b"], freeAt: NOW }];
    const out = projectQueues(input({ windows, tickets: [ticket("b", -3), ticket("a", -2), ticket("b", -1)] }));
    expect(out.get("a")?.maxWaitMs).toBe(7 * MIN); // after the b ticket's 5 minutes
    expect(out.get("b")?.maxWaitMs).toBe(16 * MIN);
  });

  it("does not project a category without a cycle time, nor a window serving only such categories", () => {
    const out = projectQueues(input({ windows: [{ windowId: "w1", categories: ["x"], freeAt: NOW }], tickets: [ticket("x", -30)] }));
    expect(out.has("x")).toBe(false);
    expect(out.get("a")?.called).toBe(0);
  });

  it("never delays a breach when a ticket is added (property, windows of one pool)", () => {
    const arbTickets = fc.array(fc.record({ since: fc.integer({ min: -40, max: 60 }), green: fc.boolean() }), { maxLength: 25 });
    fc.assert(
      fc.property(arbTickets, fc.record({ since: fc.integer({ min: -40, max: 60 }), green: fc.boolean() }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2, max: 15 }), (ts, extra, windows, cycle) => {
        const base = input({
          windows: Array.from({ length: windows }, (_, i) => ({ windowId: `w${i}`, categories: ["a"], freeAt: NOW + i * MIN })),
          cycleMs: new Map([["a", cycle * MIN]]),
          tickets: ts.map((t) => ticket("a", t.since, t.green)),
        });
        const before = projectQueues(base).get("a");
        const after = projectQueues({ ...base, tickets: [...base.tickets, ticket("a", extra.since, extra.green)] }).get("a");
        if (!before || !after) return false;
        const b = before.breachAt ?? Infinity;
        const a = after.breachAt ?? Infinity;
        return (a <= b || after.breachedNow) && after.maxWaitMs >= before.maxWaitMs;
      }),
    );
  });

  it("never hastens a breach when a window is added or cycles get shorter (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -40, max: 60 }), { maxLength: 25 }), fc.integer({ min: 2, max: 15 }), (sinces, cycle) => {
        const base = input({ cycleMs: new Map([["a", cycle * MIN]]), tickets: sinces.map((s) => ticket("a", s)) });
        const one = projectQueues(base).get("a");
        const two = projectQueues({ ...base, windows: [...base.windows, { windowId: "w2", categories: ["a"], freeAt: NOW }] }).get("a");
        const faster = projectQueues({ ...base, cycleMs: new Map([["a", (cycle - 1) * MIN]]) }).get("a");
        const t = (p: typeof one) => p?.breachAt ?? Infinity;
        return t(two) >= t(one) && t(faster) >= t(one);
      }),
    );
  });
});
