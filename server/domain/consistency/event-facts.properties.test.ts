// ConsistencyFacts over random deliveries: the same facts in any order and with repeats, after pruning at
// one cut or at two, outcome counts equal to a plain recount of the events, and the visit rule's input
// (the repeat cases' visits) giving the findings all visits give.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OUTCOMES, type HallEvent } from "../../../contract/index.js";
import { officialCalendarYears } from "../../adapters/calendar/official-calendar.js";
import { WorkingCalendar } from "../calendar/working-calendar.js";
import type { ConsistencyFacts } from "./event-facts.js";
import { byKey, factsOf, snapshot } from "./event-facts.test-support.js";
import { visitLimit } from "./rules/event-rules.js";
import { completed, inputsOf, issued, item, list, run, visit } from "./test-fixtures.js";

// ---- order independence ---------------------------------------------------------------------

/** A Shanghai wall-clock instant on 2026-10-11…14, written either with +08:00 or in UTC. */
const instant = fc
  .record({ day: fc.integer({ min: 11, max: 14 }), hour: fc.integer({ min: 0, max: 23 }), minute: fc.constantFrom(0, 30), utc: fc.boolean() })
  .map(({ day, hour, minute, utc }) => {
    const ms = Date.UTC(2026, 9, day, hour - 8, minute);
    const pad = (n: number) => String(n).padStart(2, "0");
    return utc ? new Date(ms).toISOString() : `2026-10-${pad(day)}T${pad(hour)}:${pad(minute)}:00+08:00`;
  });

const ticketId = fc.constantFrom("t1", "t2", "t3", "t4");

const issueSpec = fc.record({
  kind: fc.constant("issue" as const),
  ticketId,
  ts: instant,
  ticketNo: fc.constantFrom("A001", "A002", "B001"),
  itemCode: fc.option(fc.constantFrom("MZ-001", "MZ-002"), { nil: undefined }),
  caseRef: fc.option(fc.constantFrom("case-1", "case-2"), { nil: undefined }),
});

const completionSpec = fc.record({
  kind: fc.constant("completion" as const),
  ticketId,
  ts: instant,
  windowId: fc.constantFrom("w1", "w2"),
  outcome: fc.constantFrom(...OUTCOMES),
  requestedMaterials: fc.option(fc.subarray(["身份证", "结婚证", "户口簿"]), { nil: undefined }),
});

const eventList = fc.array(fc.oneof(issueSpec, completionSpec), { maxLength: 30 }).map((specs) =>
  specs.map((s, i): HallEvent => {
    const id = `e-${String(i).padStart(3, "0")}`;
    if (s.kind === "issue") {
      return issued({
        id,
        ts: s.ts,
        ticketId: s.ticketId,
        ticketNo: s.ticketNo,
        ...(s.itemCode !== undefined ? { itemCode: s.itemCode } : {}),
        ...(s.caseRef !== undefined ? { caseRef: s.caseRef } : {}),
      });
    }
    return completed({
      id,
      ts: s.ts,
      ticketId: s.ticketId,
      windowId: s.windowId,
      outcome: s.outcome,
      ...(s.requestedMaterials !== undefined ? { requestedMaterials: s.requestedMaterials } : {}),
    });
  }),
);

/** The events, and the same events shuffled with some of them repeated. */
const deliveries = eventList.chain((events) =>
  fc.subarray(events).chain((repeats) => {
    const all = [...events, ...repeats];
    return fc.tuple(fc.constant(events), fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }));
  }),
);

describe("ConsistencyFacts: two cuts", () => {
  it("answer every rule's reads from its own cut on as the unpruned facts do, in any order", () => {
    fc.assert(
      fc.property(deliveries, fc.constantFrom("2026-10-11", "2026-10-12"), fc.constantFrom("2026-10-12", "2026-10-13", "2026-10-14"), ([events, shuffled], visitsFrom, outcomesFrom) => {
        const all = factsOf(events);
        const pruned = factsOf(shuffled);
        pruned.pruneBefore(visitsFrom, outcomesFrom);
        const byTicket = byKey((v: { ticketId: string }) => v.ticketId);
        expect(pruned.visitsSince(visitsFrom).sort(byTicket)).toEqual(all.visitsSince(visitsFrom).sort(byTicket));
        expect(pruned.outcomesSince(outcomesFrom)).toEqual(all.outcomesSince(outcomesFrom));
        expect(snapshot(pruned, outcomesFrom).materialRequests).toEqual(snapshot(all, outcomesFrom).materialRequests);
      }),
      { numRuns: 300 },
    );
  });
});

describe("ConsistencyFacts: order independence", () => {
  it("gives the same visits, material requests and outcomes for shuffled and repeated events", () => {
    fc.assert(
      fc.property(deliveries, ([events, shuffled]) => {
        expect(snapshot(factsOf(shuffled))).toEqual(snapshot(factsOf(events)));
        expect(snapshot(factsOf(shuffled), "2026-10-13")).toEqual(snapshot(factsOf(events), "2026-10-13"));
      }),
      { numRuns: 300 },
    );
  });

  it("gives the same facts after pruning at the same cut", () => {
    fc.assert(
      fc.property(deliveries, ([events, shuffled]) => {
        const a = factsOf(events);
        const b = factsOf(shuffled);
        a.pruneBefore("2026-10-12");
        b.pruneBefore("2026-10-12");
        expect(snapshot(b)).toEqual(snapshot(a));
      }),
      { numRuns: 200 },
    );
  });
});

// ---- outcome counts against a plain recount ---------------------------------------------------

/** Completions and needs_materials per item from date `since` on, counted from the events directly. */
function recountOutcomes(events: readonly HallEvent[], since: string) {
  const ms = (e: HallEvent) => Date.parse(e.ts);
  const first = <T extends HallEvent>(a: T | undefined, b: T) => (a === undefined || ms(b) < ms(a) || (ms(b) === ms(a) && b.id < a.id) ? b : a);
  const issues = new Map<string, HallEvent & { type: "ticket.issued" }>();
  const completions = new Map<string, HallEvent & { type: "service.completed" }>();
  for (const e of events) {
    if (e.type === "ticket.issued") issues.set(e.ticketId, first(issues.get(e.ticketId), e));
    if (e.type === "service.completed") completions.set(`${e.ticketId}/${e.windowId}`, first(completions.get(`${e.ticketId}/${e.windowId}`), e));
  }
  const byItem = new Map<string, { itemCode: string; completions: number; needsMaterials: number }>();
  for (const c of completions.values()) {
    const code = issues.get(c.ticketId)?.itemCode;
    const date = new Date(ms(c) + 8 * 3_600_000).toISOString().slice(0, 10);
    if (!code || date < since) continue;
    const o = byItem.get(code) ?? { itemCode: code, completions: 0, needsMaterials: 0 };
    o.completions += 1;
    if (c.outcome === "needs_materials") o.needsMaterials += 1;
    byItem.set(code, o);
  }
  return [...byItem.values()].sort(byKey((o) => o.itemCode));
}

describe("ConsistencyFacts: outcome counts kept per fold", () => {
  it("equal a plain recount of the events, in any order, before and after a prune", () => {
    fc.assert(
      fc.property(deliveries, fc.constantFrom("2026-10-11", "2026-10-12", "2026-10-13", "2026-10-14"), ([events, shuffled], since) => {
        const facts = factsOf(shuffled);
        expect(facts.outcomesSince(since)).toEqual(recountOutcomes(events, since));
        facts.pruneBefore("2026-10-12");
        const after = since < "2026-10-12" ? "2026-10-12" : since;
        expect(facts.outcomesSince(after)).toEqual(recountOutcomes(events, after));
      }),
      { numRuns: 400 },
    );
  });
});

// ---- the visit rule's input: repeat cases only ---------------------------------------------------

/** The visits of the cases seen on two dates or more among `visits` (the visit rule's input, by its definition). */
function visitsOfRepeatCases<V extends { caseRef: string; date: string }>(visits: readonly V[]): V[] {
  const datesPerCase = new Map<string, Set<string>>();
  for (const v of visits) datesPerCase.set(v.caseRef, (datesPerCase.get(v.caseRef) ?? new Set()).add(v.date));
  return visits.filter((v) => (datesPerCase.get(v.caseRef)?.size ?? 0) >= 2);
}

function expectRepeatVisits(facts: ConsistencyFacts, since: string): void {
  const expected = visitsOfRepeatCases(facts.visitsSince("2000-01-01"))
    .filter((v) => v.date >= since)
    .sort(byKey((v) => v.ticketId));
  expect(facts.repeatVisitsSince(since).sort(byKey((v) => v.ticketId))).toEqual(expected);
}

describe("ConsistencyFacts.repeatVisitsSince", () => {
  it("gives exactly the visits of cases held on two dates or more, after re-issues in any order, repeats and prunes", () => {
    fc.assert(
      fc.property(deliveries, fc.constantFrom("2026-10-11", "2026-10-12", "2026-10-13"), ([events, shuffled], since) => {
        for (const facts of [factsOf(events), factsOf(shuffled)]) {
          expectRepeatVisits(facts, since);
          facts.pruneBefore("2026-10-12", "2026-10-13");
          expectRepeatVisits(facts, since);
          facts.pruneBefore("2026-10-14");
          expectRepeatVisits(facts, since);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("visit-limit given only the repeat cases' visits", () => {
  const cal = new WorkingCalendar(officialCalendarYears());
  const online = list(1, [item("MZ-001"), item("MZ-000", { maxVisits: 0 }), item("MZ-002", { maxVisits: 2 }), item("MZ-005", { maxVisits: 1, promisedDays: 1 })]);
  const visitSpec = fc.record({
    caseRef: fc.constantFrom("c1", "c2", "c3", "c4", "c5"),
    itemCode: fc.constantFrom("MZ-001", "MZ-000", "MZ-002", "MZ-005", "XX-999"),
    day: fc.integer({ min: 1, max: 28 }),
  });

  it("finds the same as with every visit", () => {
    fc.assert(
      fc.property(fc.array(visitSpec, { maxLength: 25 }), (specs) => {
        const all = specs.map((s, i) => visit(s.caseRef, s.itemCode, `2026-10-${String(s.day).padStart(2, "0")}`, `A${String(i).padStart(3, "0")}`));
        const repeat = visitsOfRepeatCases(all);
        const today = "2026-10-30";
        expect(run(visitLimit, inputsOf(cal, { online, visits: repeat, today }))).toEqual(run(visitLimit, inputsOf(cal, { online, visits: all, today })));
      }),
      { numRuns: 400 },
    );
  });
});
