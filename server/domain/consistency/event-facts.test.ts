// ConsistencyFacts by example: visits, material requests and outcomes folded from events, repeated events
// counted once, hall-local days, and pruning (properties over random deliveries: event-facts.properties.test.ts).
import { describe, expect, it } from "vitest";
import { ConsistencyFacts } from "./event-facts.js";
import { factsOf, snapshot } from "./event-facts.test-support.js";
import { completed, issued } from "./test-fixtures.js";

describe("ConsistencyFacts: visits", () => {
  it("dates a visit by the hall's own midnight, also in a zone 5:45 ahead of UTC (dates are kept per quarter hour)", () => {
    const facts = new ConsistencyFacts("Asia/Kathmandu");
    // Local midnight of 10-12 in Kathmandu is 18:15Z on 10-11.
    for (const [id, ts] of [
      ["k1", "2026-10-11T18:14:59Z"],
      ["k2", "2026-10-11T18:15:00Z"],
      ["k3", "2026-10-11T18:00:00Z"],
    ] as const)
      facts.add(issued({ id, ts, ticketId: `t-${id}`, ticketNo: "A001", itemCode: "MZ-001", caseRef: `case-${id}` }));
    expect(snapshot(facts).visits.map((v) => [v.ticketId, v.date])).toEqual([
      ["t-k1", "2026-10-11"],
      ["t-k2", "2026-10-12"],
      ["t-k3", "2026-10-11"],
    ]);
  });

  it("records a visit per ticket issued for a case and item, on the hall-local day", () => {
    const facts = factsOf([
      // 17:30Z on 10-11 is 01:30 on 10-12 in Shanghai.
      issued({ id: "e1", ts: "2026-10-11T17:30:00Z", ticketId: "t1", ticketNo: "A001", itemCode: "MZ-001", caseRef: "case-1" }),
      issued({ id: "e2", ts: "2026-10-13T09:00:00+08:00", ticketId: "t2", ticketNo: "A002", itemCode: "MZ-001", caseRef: "case-1" }),
      issued({ id: "e3", ts: "2026-10-13T09:05:00+08:00", ticketId: "t3", itemCode: "MZ-001" }), // no case
      issued({ id: "e4", ts: "2026-10-13T09:06:00+08:00", ticketId: "t4", caseRef: "case-2" }), // no item
    ]);
    expect(snapshot(facts).visits).toEqual([
      { caseRef: "case-1", itemCode: "MZ-001", date: "2026-10-12", ticketId: "t1", ticketNo: "A001" },
      { caseRef: "case-1", itemCode: "MZ-001", date: "2026-10-13", ticketId: "t2", ticketNo: "A002" },
    ]);
    expect(facts.visitsSince("2026-10-13").map((v) => v.ticketId)).toEqual(["t2"]);
  });

  it("counts a repeated issue once", () => {
    const e = issued({ id: "e1", ts: "2026-10-12T09:00:00+08:00", ticketId: "t1", itemCode: "MZ-001", caseRef: "case-1" });
    expect(snapshot(factsOf([e, e, { ...e }]))).toEqual(snapshot(factsOf([e])));
    expect(factsOf([e, e]).visitsSince("2026-10-01")).toHaveLength(1);
  });

  it("takes a re-issued ticket's earliest issue for its visit, whatever the arrival order", () => {
    const first = issued({ id: "e1", ts: "2026-10-12T09:00:00+08:00", ticketId: "t1", ticketNo: "A001", itemCode: "MZ-001", caseRef: "case-1" });
    const again = issued({ id: "e2", ts: "2026-10-13T09:00:00+08:00", ticketId: "t1", ticketNo: "A101", itemCode: "MZ-001", caseRef: "case-1" });
    const expected = [{ caseRef: "case-1", itemCode: "MZ-001", date: "2026-10-12", ticketId: "t1", ticketNo: "A001" }];
    expect(snapshot(factsOf([first, again])).visits).toEqual(expected);
    expect(snapshot(factsOf([again, first])).visits).toEqual(expected);
  });
});

describe("ConsistencyFacts: material requests and outcomes", () => {
  const t1 = issued({ id: "i1", ts: "2026-10-12T09:00:00+08:00", ticketId: "t1", ticketNo: "A001", itemCode: "MZ-001" });
  const t2 = issued({ id: "i2", ts: "2026-10-12T09:10:00+08:00", ticketId: "t2", ticketNo: "A002", itemCode: "MZ-002" });
  const t3 = issued({ id: "i3", ts: "2026-10-12T09:20:00+08:00", ticketId: "t3", ticketNo: "A003" }); // no item
  const c1 = completed({ id: "c1", ts: "2026-10-12T09:30:00+08:00", ticketId: "t1", windowId: "w1", outcome: "needs_materials", requestedMaterials: ["结婚证"] });
  const c2 = completed({ id: "c2", ts: "2026-10-12T09:40:00+08:00", ticketId: "t2", windowId: "w2", outcome: "done" });
  const c3 = completed({ id: "c3", ts: "2026-10-12T09:50:00+08:00", ticketId: "t3", windowId: "w2", outcome: "needs_materials", requestedMaterials: ["户口簿"] });
  const c4 = completed({ id: "c4", ts: "2026-10-13T10:00:00+08:00", ticketId: "t2", windowId: "w3", outcome: "accepted", requestedMaterials: [] });

  it("reports completions that requested materials, with the ticket's number and item", () => {
    expect(snapshot(factsOf([t1, t2, t3, c1, c2, c3, c4])).materialRequests).toEqual([
      { ticketId: "t1", ticketNo: "A001", itemCode: "MZ-001", windowId: "w1", ts: "2026-10-12T09:30:00+08:00", materials: ["结婚证"] },
    ]);
  });

  it("counts completions and needs_materials per item, from a hall-local day on", () => {
    const facts = factsOf([t1, t2, t3, c1, c2, c3, c4]);
    expect(facts.outcomesSince("2026-10-01")).toEqual([
      { itemCode: "MZ-001", completions: 1, needsMaterials: 1 },
      { itemCode: "MZ-002", completions: 2, needsMaterials: 0 },
    ]);
    expect(facts.outcomesSince("2026-10-13")).toEqual([{ itemCode: "MZ-002", completions: 1, needsMaterials: 0 }]);
    expect(facts.materialRequestsSince("2026-10-13")).toEqual([]);
  });

  it("resolves the item of a completion that arrives before its ticket's issue", () => {
    const facts = factsOf([c1]);
    expect(facts.materialRequestsSince("2026-10-01")).toEqual([]);
    facts.add(t1);
    expect(facts.materialRequestsSince("2026-10-01")).toEqual([
      { ticketId: "t1", ticketNo: "A001", itemCode: "MZ-001", windowId: "w1", ts: "2026-10-12T09:30:00+08:00", materials: ["结婚证"] },
    ]);
    expect(facts.outcomesSince("2026-10-01")).toEqual([{ itemCode: "MZ-001", completions: 1, needsMaterials: 1 }]);
  });

  it("counts repeated completions once", () => {
    expect(factsOf([t1, c1, c1, { ...c1 }, c1]).outcomesSince("2026-10-01")).toEqual([{ itemCode: "MZ-001", completions: 1, needsMaterials: 1 }]);
  });

  it("keeps the first completion per ticket and window by instant, whatever the offsets and the order", () => {
    // 09:00+08:00 is 01:00Z, before 02:00Z — although its text sorts after it.
    const early = completed({ id: "c-early", ts: "2026-10-12T09:00:00+08:00", ticketId: "t1", windowId: "w1", outcome: "needs_materials", requestedMaterials: ["结婚证"] });
    const late = completed({ id: "c-late", ts: "2026-10-12T02:00:00Z", ticketId: "t1", windowId: "w1", outcome: "done" });
    for (const order of [[t1, early, late], [t1, late, early], [late, early, t1]]) {
      const facts = factsOf(order);
      expect(facts.outcomesSince("2026-10-01")).toEqual([{ itemCode: "MZ-001", completions: 1, needsMaterials: 1 }]);
      expect(facts.materialRequestsSince("2026-10-01").map((r) => r.ts)).toEqual(["2026-10-12T09:00:00+08:00"]);
    }
  });

  it("drops a request when an earlier completion without materials replaces it, and when pruned", () => {
    const asked = completed({ id: "c-asked", ts: "2026-10-12T10:00:00+08:00", ticketId: "t1", windowId: "w1", outcome: "needs_materials", requestedMaterials: ["结婚证"] });
    const earlier = completed({ id: "c-earlier", ts: "2026-10-12T09:10:00+08:00", ticketId: "t1", windowId: "w1", outcome: "done" });
    for (const order of [[t1, asked, earlier], [t1, earlier, asked], [earlier, asked, t1]]) expect(factsOf(order).materialRequestsSince("2026-10-01")).toEqual([]);
    const facts = factsOf([t1, c1]);
    expect(facts.materialRequestsSince("2026-10-01").map((r) => r.ticketId)).toEqual(["t1"]);
    facts.pruneBefore("2026-10-13", "2026-10-13");
    expect(facts.materialRequestsSince("2026-10-01")).toEqual([]);
  });
});

describe("ConsistencyFacts.pruneBefore", () => {
  const events = [
    // Old ticket completed long ago: forgotten entirely.
    issued({ id: "i-old", ts: "2026-10-01T09:00:00+08:00", ticketId: "t-old", ticketNo: "A001", itemCode: "MZ-001", caseRef: "case-1" }),
    completed({ id: "c-old", ts: "2026-10-01T09:30:00+08:00", ticketId: "t-old", outcome: "needs_materials", requestedMaterials: ["结婚证"] }),
    // Issued before the cut, completed after it: the ticket stays so that its item is known.
    issued({ id: "i-span", ts: "2026-10-04T16:00:00+08:00", ticketId: "t-span", ticketNo: "A002", itemCode: "MZ-002", caseRef: "case-2" }),
    completed({ id: "c-span", ts: "2026-10-06T09:00:00+08:00", ticketId: "t-span", outcome: "needs_materials", requestedMaterials: ["户口簿"] }),
    // Issued after the cut and not completed yet.
    issued({ id: "i-recent", ts: "2026-10-06T10:00:00+08:00", ticketId: "t-recent", ticketNo: "A003", itemCode: "MZ-003", caseRef: "case-3" }),
  ];

  it("forgets visits and completions before the cut and keeps what later facts need", () => {
    const facts = factsOf(events);
    facts.pruneBefore("2026-10-05");
    const s = snapshot(facts);
    expect(s.visits.map((v) => [v.ticketId, v.date])).toEqual([["t-recent", "2026-10-06"]]);
    expect(s.materialRequests.map((r) => [r.ticketId, r.itemCode, r.ticketNo])).toEqual([["t-span", "MZ-002", "A002"]]);
    expect(s.outcomes).toEqual([{ itemCode: "MZ-002", completions: 1, needsMaterials: 1 }]);
  });

  it("keeps a recent ticket without completions, so that a later completion still finds its item", () => {
    const facts = factsOf(events);
    facts.pruneBefore("2026-10-05");
    facts.add(completed({ id: "c-recent", ts: "2026-10-07T09:00:00+08:00", ticketId: "t-recent", windowId: "w2", outcome: "needs_materials", requestedMaterials: ["结婚证"] }));
    expect(facts.materialRequestsSince("2026-10-05").map((r) => [r.ticketId, r.itemCode, r.ticketNo])).toEqual([
      ["t-span", "MZ-002", "A002"],
      ["t-recent", "MZ-003", "A003"],
    ]);
    expect(facts.outcomesSince("2026-10-05")).toEqual([
      { itemCode: "MZ-002", completions: 1, needsMaterials: 1 },
      { itemCode: "MZ-003", completions: 1, needsMaterials: 1 },
    ]);
  });

  it("prunes once per date: an older day's event that arrives after the prune waits for the next date, and changes no answer since the cut", () => {
    const facts = factsOf(events);
    facts.pruneBefore("2026-10-05");
    facts.add(issued({ id: "i-late", ts: "2026-10-03T10:00:00+08:00", ticketId: "t-late", ticketNo: "A009", itemCode: "MZ-009", caseRef: "case-9" }));
    facts.pruneBefore("2026-10-05");
    expect(facts.visitsSince("2026-01-01").map((v) => v.ticketId).sort()).toEqual(["t-late", "t-recent"]);
    expect(snapshot(facts, "2026-10-05")).toEqual(snapshot(factsOf(events), "2026-10-05"));
    facts.pruneBefore("2026-10-06");
    expect(facts.visitsSince("2026-01-01").map((v) => v.ticketId)).toEqual(["t-recent"]);
  });

  it("gives the same facts as folding only the events from the cut on, for items of kept tickets", () => {
    const facts = factsOf(events);
    facts.pruneBefore("2026-10-05");
    expect(snapshot(facts, "2026-10-05")).toEqual(snapshot(factsOf(events), "2026-10-05"));
  });

  it("keeps visits from the visits' cut but completions only from the later outcomes' cut", () => {
    const facts = factsOf(events);
    facts.pruneBefore("2026-09-30", "2026-10-05");
    const s = snapshot(facts);
    // Every visit is kept (all dated from 10-01 on), the old ticket's completion is not.
    expect(s.visits.map((v) => v.ticketId)).toEqual(["t-old", "t-recent", "t-span"]);
    expect(s.materialRequests.map((r) => r.ticketId)).toEqual(["t-span"]);
    expect(s.outcomes).toEqual([{ itemCode: "MZ-002", completions: 1, needsMaterials: 1 }]);
    // A second prune to the same dates changes nothing; a later visits' cut then drops the old visit.
    facts.pruneBefore("2026-09-30", "2026-10-05");
    expect(snapshot(facts)).toEqual(s);
    facts.pruneBefore("2026-10-05", "2026-10-05");
    expect(snapshot(facts).visits.map((v) => v.ticketId)).toEqual(["t-recent"]); // t-span's visit is of 10-04
  });
});
