import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { HallEvent, Priority } from "../../../contract/index.js";
import { waitingAt } from "../ticket-queue.js";
import { waitingTickets } from "../next-ticket.js";
import { at, ev, event, factsOf, MINUTE } from "../test-fixtures.js";
import { explainNext } from "./explain-next.js";
import { queueEvents } from "./test-arbitraries.js";

const issued = (ms: number, ticketId: string, categoryId: string, priority: Priority): HallEvent =>
  event("ticket.issued", ms, { ticketId, ticketNo: ticketId.toUpperCase(), categoryId, channel: "kiosk", priority });

describe("explainNext", () => {
  it("is null when nobody waits, and only_waiting for a lone ticket", () => {
    expect(explainNext(factsOf([]), ["c1"], at(9))).toBeNull();
    expect(explainNext(factsOf([issued(at(9), "a", "c1", "normal")]), ["c1"], at(9, 4))).toEqual({
      ticketId: "a",
      ticketNo: "A",
      categoryId: "c1",
      priority: "normal",
      rule: "only_waiting",
      waitedMinutes: 4,
      queuedFrom: "issue",
      aheadOf: 0,
      overtook: 0,
      runnerUp: null,
    });
  });

  it("names the green channel, with how many earlier tickets it jumps", () => {
    const facts = factsOf([issued(at(9), "a", "c1", "normal"), issued(at(9, 2), "b", "c1", "appointment"), issued(at(9, 5), "g", "c1", "green")]);
    expect(explainNext(facts, ["c1"], at(9, 10))).toMatchObject({ ticketId: "g", rule: "green_channel", aheadOf: 2, overtook: 2, runnerUp: { ticketId: "a", waitedMinutes: 10 } });
  });

  it("gives appointments no precedence: the longest wait goes first", () => {
    const facts = factsOf([issued(at(9), "a", "c1", "normal"), issued(at(9, 2), "b", "c1", "appointment")]);
    expect(explainNext(facts, ["c1"], at(9, 10))).toMatchObject({ ticketId: "a", rule: "longest_wait", overtook: 0, runnerUp: { ticketId: "b", priority: "appointment" } });
  });

  it("between two green tickets, the longest wait; at the same millisecond, the ticket id", () => {
    const two = factsOf([issued(at(9, 1), "g2", "c1", "green"), issued(at(9), "g1", "c2", "green")]);
    expect(explainNext(two, ["c1", "c2"], at(9, 5))).toMatchObject({ ticketId: "g1", rule: "longest_wait" });
    const tie = factsOf([issued(at(9), "b", "c1", "normal"), issued(at(9), "a", "c1", "normal")]);
    expect(explainNext(tie, ["c1"], at(9, 5))).toMatchObject({ ticketId: "a", rule: "tie_by_ticket_id" });
  });

  it("says a transferred ticket waits from its transfer, and skips excluded (reserved) tickets", () => {
    const facts = factsOf([
      issued(at(8), "moved", "c2", "normal"),
      ev.called(at(8, 10), "moved", "w2"),
      ev.transferred(at(9, 15), "moved", "w2", "c1"),
      issued(at(9, 20), "late", "c1", "normal"),
    ]);
    expect(explainNext(facts, ["c1"], at(9, 30))).toMatchObject({ ticketId: "moved", queuedFrom: "transfer", waitedMinutes: 15, rule: "longest_wait" });
    expect(explainNext(facts, ["c1"], at(9, 30), new Set(["moved"]))).toMatchObject({ ticketId: "late", rule: "only_waiting" });
  });

  it("agrees with call.next's choice on random queues, and its rule is the documented order", () => {
    const rules = new Set<string>();
    fc.assert(
      fc.property(queueEvents, fc.integer({ min: 0, max: 60 }), fc.subarray(["c1", "c2"], { minLength: 1 }), (events, m, categories) => {
        const facts = factsOf(events);
        const now = at(9) + m * MINUTE;
        const x = explainNext(facts, categories, now);
        // An independent reference of the documented rule: green first, then earliest queue entry, then id.
        const waiting = [...facts.tickets].flatMap(([id, t]) => {
          const w = waitingAt(t, now);
          return w && categories.includes(w.categoryId) ? [{ id, since: w.since, green: t.issues[0]?.priority === "green" }] : [];
        });
        const pool = waiting.some((w) => w.green) ? waiting.filter((w) => w.green) : waiting;
        const earliest = Math.min(...pool.map((w) => w.since));
        const expected = pool.filter((w) => w.since === earliest).map((w) => w.id).sort()[0] ?? null;
        expect(x?.ticketId ?? null).toBe(expected);
        expect(x?.ticketId ?? null).toBe(waitingTickets(facts, categories, now)[0]?.ticketId ?? null);
        if (!x) return;
        rules.add(x.rule);
        const me = waiting.find((w) => w.id === x.ticketId);
        const others = waiting.filter((w) => w.id !== x.ticketId);
        expect(x.aheadOf).toBe(others.length);
        expect(x.overtook).toBe(others.filter((w) => me && w.since < me.since).length);
        const r = others.find((w) => w.id === x.runnerUp?.ticketId);
        if (x.rule === "only_waiting") expect(others).toEqual([]);
        if (x.rule === "green_channel") expect([me?.green, r?.green]).toEqual([true, false]);
        if (x.rule === "longest_wait") expect(me?.green === r?.green && (me?.since ?? 0) < (r?.since ?? 0)).toBe(true);
        if (x.rule === "tie_by_ticket_id") expect(me?.green === r?.green && me?.since === r?.since && x.ticketId < (r?.id ?? "")).toBe(true);
        if (x.overtook > 0) expect(x.priority).toBe("green");
      }),
      { numRuns: 500 },
    );
    expect([...rules].sort()).toEqual(["green_channel", "longest_wait", "only_waiting", "tie_by_ticket_id"]); // every rule exercised
  });
});
