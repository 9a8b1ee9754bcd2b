import { describe, expect, it } from "vitest";
import { hallEventSchema, type HallEvent } from "../../contract/index.js";
import { HallFacts } from "./hall-facts.js";
import { at, ev, event, factsOf, HOUR, RANK } from "./test-fixtures.js";

describe("test fixtures", () => {
  it("build events that satisfy the contract schema", () => {
    const events: HallEvent[] = [
      ev.opened(at(9), "w1"),
      ev.paused(at(9), "w1"),
      ev.resumed(at(9), "w1"),
      ev.closed(at(9), "w1"),
      ev.issued(at(9), "t1", "c1"),
      ev.called(at(9), "t1", "w1"),
      ev.noShow(at(9), "t1", "w1"),
      ev.transferred(at(9), "t1", "w1", "c2"),
      ev.started(at(9), "t1", "w1"),
      ev.completed(at(9), "t1", "w1"),
      ev.evaluated(at(9), "t1", "w1", 4),
    ];
    for (const e of events) expect(hallEventSchema.parse(e)).toEqual(e);
  });

  it("uses the contract's order of event types as rank", () => {
    const facts = factsOf([ev.closed(at(9), "w1", "z"), ev.opened(at(9), "w1", "a"), ev.resumed(at(9), "w1", "b"), ev.paused(at(9), "w1", "c")]);
    expect(facts.windows.get("w1")?.transitions.map((t) => [t.kind, t.rank])).toEqual([
      ["opened", RANK["window.opened"]],
      ["paused", RANK["window.paused"]],
      ["resumed", RANK["window.resumed"]],
      ["closed", RANK["window.closed"]],
    ]);
  });
});

/** One event of every type, some at the same millisecond (their order then set by rank). */
const ONE_OF_EACH: HallEvent[] = [
  ev.opened(at(9), "w1", "a1"),
  ev.issued(at(9, 1), "t1", "c1", "A001", "a2"),
  ev.called(at(9, 5), "t1", "w1", "a3"),
  ev.started(at(9, 5), "t1", "w1", "a4"),
  ev.completed(at(9, 15), "t1", "w1", "a5"),
  ev.evaluated(at(9, 16), "t1", "w1", 4, "a6"),
  ev.transferred(at(9, 15), "t1", "w1", "c2", "a7"),
  ev.noShow(at(9, 20), "t2", "w1", "a9"),
  ev.paused(at(9, 30), "w1", "a8"),
];

describe("HallFacts.add", () => {
  it("folds a new event once and reports a repeated id", () => {
    const facts = new HallFacts();
    const e = ev.opened(at(9), "w1", "e1");
    expect(facts.add(e)).toBe(true);
    expect(facts.add(e)).toBe(false);
    expect(facts.add({ ...e })).toBe(false);
    expect(facts.eventCount).toBe(1);
    expect(facts.holds({ ...e })).toBe(true);
    expect(facts.holds(ev.opened(at(9), "w1", "e2"))).toBe(false);
    expect(facts.windows.get("w1")?.transitions).toHaveLength(1);
  });

  it("recognises a repeat by its fact, for every type, whatever came between", () => {
    const events = ONE_OF_EACH;
    const facts = factsOf(events);
    // Each repeated (as a copy) after the others, and once more in reverse: none is folded again.
    for (const e of [...events, ...[...events].reverse()]) expect(facts.add(JSON.parse(JSON.stringify(e)) as HallEvent), e.id).toBe(false);
    expect(facts.eventCount).toBe(events.length);
    expect(factsOf([...events, ...events]).windows).toStrictEqual(facts.windows);
  });

  it("keeps a different event that reuses an id as a fact of its own: ids are unique in the log the facts are built from", () => {
    const facts = factsOf([ev.opened(at(9), "w1", "e1"), ev.closed(at(9, 30), "w1", "e1")]);
    expect(facts.windows.get("w1")?.transitions.map((t) => t.kind)).toEqual(["opened", "closed"]);
    expect(facts.eventCount).toBe(2);
  });

  it("throws on an unvalidated timestamp and does not remember the event", () => {
    const facts = new HallFacts();
    const bad = { ...ev.opened(at(9), "w1", "bad"), ts: "yesterday" };
    expect(() => facts.add(bad)).toThrow(/unvalidated timestamp in event bad/);
    expect(facts.holds(bad)).toBe(false);
    expect(facts.eventCount).toBe(0);
  });

  it("keeps window transitions sorted by time whatever the arrival order", () => {
    const facts = factsOf([ev.closed(at(10), "w1"), ev.opened(at(9), "w1"), ev.resumed(at(9, 40), "w1"), ev.paused(at(9, 30), "w1")]);
    expect(facts.windows.get("w1")?.transitions.map((t) => [t.kind, t.ts])).toEqual([
      ["opened", at(9)],
      ["paused", at(9, 30)],
      ["resumed", at(9, 40)],
      ["closed", at(10)],
    ]);
  });

  it("keeps opened's staff and paused's reason", () => {
    const facts = factsOf([ev.opened(at(9), "w1"), event("window.paused", at(9, 5), { windowId: "w1", reason: "午休" })]);
    const [o, p] = facts.windows.get("w1")?.transitions ?? [];
    expect(o).toMatchObject({ kind: "opened", staffId: "staff-1" });
    expect(p).toMatchObject({ kind: "paused", reason: "午休" });
  });

  it("stores issues per ticket, earliest first, with priority defaulting to normal", () => {
    const facts = factsOf([
      event("ticket.issued", at(9, 5), { ticketId: "t1", ticketNo: "B002", categoryId: "c2", channel: "online", priority: "green", caseRef: "case-1" }, "i2"),
      event("ticket.issued", at(9), { ticketId: "t1", ticketNo: "A001", categoryId: "c1", channel: "kiosk", itemCode: "X-1" }, "i1"),
    ]);
    const t = facts.tickets.get("t1");
    expect(t?.issues).toEqual([
      { ts: at(9), rank: RANK["ticket.issued"], eventId: "i1", ticketId: "t1", ticketNo: "A001", categoryId: "c1", channel: "kiosk", priority: "normal", itemCode: "X-1" },
      { ts: at(9, 5), rank: RANK["ticket.issued"], eventId: "i2", ticketId: "t1", ticketNo: "B002", categoryId: "c2", channel: "online", priority: "green", caseRef: "case-1" },
    ]);
  });

  it("stores a call with the ticket and with the window", () => {
    const facts = factsOf([ev.called(at(9, 20), "t1", "w2", "k2"), ev.called(at(9, 10), "t1", "w1", "k1")]);
    expect(facts.tickets.get("t1")?.calls.map((c) => [c.eventId, c.windowId])).toEqual([
      ["k1", "w1"],
      ["k2", "w2"],
    ]);
    expect(facts.windows.get("w1")?.calls.map((c) => c.eventId)).toEqual(["k1"]);
    expect(facts.windows.get("w2")?.calls.map((c) => c.eventId)).toEqual(["k2"]);
  });

  it("stores a no-show as a leave at the window and creates the ticket", () => {
    const facts = factsOf([ev.noShow(at(9), "t1", "w1", "n1")]);
    expect(facts.windows.get("w1")?.leaves).toEqual([{ ts: at(9), rank: RANK["ticket.no_show"], eventId: "n1", ticketId: "t1", windowId: "w1", kind: "no_show" }]);
    expect(facts.tickets.get("t1")?.lastTs).toBe(at(9));
  });

  it("stores a transfer as a queue entry of the ticket and a leave at the window it left", () => {
    const facts = factsOf([ev.transferred(at(9), "t1", "w1", "c2", "x1")]);
    expect(facts.tickets.get("t1")?.transfers).toEqual([
      { ts: at(9), rank: RANK["ticket.transferred"], eventId: "x1", ticketId: "t1", fromWindowId: "w1", categoryId: "c2" },
    ]);
    expect(facts.windows.get("w1")?.leaves).toEqual([
      { ts: at(9), rank: RANK["ticket.transferred"], eventId: "x1", ticketId: "t1", windowId: "w1", kind: "transferred" },
    ]);
  });

  it("stores services per window and ticket, sorted, with outcome and materials", () => {
    const facts = factsOf([
      event("service.completed", at(9, 20), { ticketId: "t1", windowId: "w1", outcome: "needs_materials", requestedMaterials: ["户口本"] }, "c1"),
      ev.started(at(9, 10), "t1", "w1", "s1"),
      ev.started(at(9, 12), "t2", "w1", "s2"),
    ]);
    const services = facts.windows.get("w1")?.services;
    expect([...(services?.keys() ?? [])].sort()).toEqual(["t1", "t2"]);
    expect(services?.get("t1")).toEqual([
      { ts: at(9, 10), rank: RANK["service.started"], eventId: "s1", ticketId: "t1", windowId: "w1", kind: "started" },
      {
        ts: at(9, 20),
        rank: RANK["service.completed"],
        eventId: "c1",
        ticketId: "t1",
        windowId: "w1",
        kind: "completed",
        outcome: "needs_materials",
        requestedMaterials: ["户口本"],
      },
    ]);
  });

  it("stores evaluations at the window", () => {
    const facts = factsOf([ev.evaluated(at(9, 30), "t1", "w1", 5, "v1")]);
    expect(facts.windows.get("w1")?.evaluations).toEqual([
      { ts: at(9, 30), rank: RANK["evaluation.submitted"], eventId: "v1", ticketId: "t1", windowId: "w1", rating: 5 },
    ]);
  });

  it("gives each ticket's first issue, call and transfer a list of its own: the others' stay empty", () => {
    // Tickets start with one shared, frozen empty list (issue #8's memory); a fact must never land in it.
    const facts = factsOf([ev.noShow(at(9), "t0", "w1"), ev.issued(at(9), "t1", "c1"), ev.called(at(9, 1), "t2", "w1"), ev.transferred(at(9, 2), "t3", "w1", "c2"), ev.started(at(9, 3), "t4", "w1")]);
    const lists = (id: string) => {
      const t = facts.tickets.get(id);
      return [t?.issues.length, t?.calls.length, t?.transfers.length];
    };
    expect(["t0", "t1", "t2", "t3", "t4"].map(lists)).toEqual([
      [0, 0, 0],
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [0, 0, 0],
    ]);
    // Each list that gained a fact is the ticket's own array, not the shared empty one.
    expect(facts.tickets.get("t1")?.issues).not.toBe(facts.tickets.get("t0")?.issues);
    expect(Object.isFrozen(facts.tickets.get("t1")?.issues)).toBe(false);
  });

  it("tracks the latest fact time of each ticket", () => {
    const facts = factsOf([ev.completed(at(9, 30), "t1", "w1"), ev.issued(at(9), "t1", "c1"), ev.evaluated(at(9, 20), "t1", "w1", 4)]);
    expect(facts.tickets.get("t1")?.lastTs).toBe(at(9, 30));
  });

  it("yields identical stores for any arrival order", () => {
    const events = ONE_OF_EACH;
    const forward = factsOf(events);
    const backward = factsOf([...events].reverse());
    const withDuplicates = factsOf([...events, ...events.slice(2, 5)]);
    const snapshot = (f: HallFacts) => ({
      windows: [...f.windows.entries()].sort().map(([id, w]) => [id, { ...w, services: [...w.services.entries()].sort() }]),
      tickets: [...f.tickets.entries()].sort(),
    });
    expect(snapshot(backward)).toEqual(snapshot(forward));
    expect(snapshot(withDuplicates)).toEqual(snapshot(forward));
    expect(withDuplicates.eventCount).toBe(ONE_OF_EACH.length);
  });
});

describe("HallFacts.pruneBefore", () => {
  it("forgets old tickets, calls, leaves and evaluations but keeps the state-setting transition", () => {
    const events = [
      ev.opened(at(8), "w1", "o1"),
      ev.paused(at(8, 30), "w1", "p1"),
      ev.resumed(at(9), "w1", "r1"),
      ev.paused(at(11), "w1", "p2"),
      ev.issued(at(8), "old", "c1", "A001", "i1"),
      ev.called(at(8, 10), "old", "w1", "k1"),
      ev.started(at(8, 10), "old", "w1", "s1"),
      ev.completed(at(8, 20), "old", "w1", "d1"),
      ev.evaluated(at(8, 21), "old", "w1", 5, "v1"),
      ev.noShow(at(8, 40), "gone", "w1", "n1"),
      ev.issued(at(9, 50), "new", "c1", "A002", "i2"),
      ev.called(at(10, 10), "new", "w1", "k2"),
      ev.started(at(10, 15), "new", "w1", "s2"),
    ];
    const facts = factsOf(events);
    const byId = (id: string) => events.find((e) => e.id === id) as HallEvent;
    facts.pruneBefore(at(10));
    const w = facts.windows.get("w1");
    // resumed at 9:00 sets the state at the cut; earlier transitions go.
    expect(w?.transitions.map((t) => t.eventId)).toEqual(["r1", "p2"]);
    expect(w?.calls.map((c) => c.eventId)).toEqual(["k2"]);
    expect(w?.leaves).toEqual([]);
    expect(w?.evaluations).toEqual([]);
    expect([...(w?.services.keys() ?? [])]).toEqual(["new"]);
    expect([...facts.tickets.keys()]).toEqual(["new"]);
    // A ticket with a fact after the cut keeps its older facts (its issue at 9:50).
    expect(facts.tickets.get("new")?.issues.map((i) => i.eventId)).toEqual(["i2"]);
    // The ids of the facts forgotten are forgotten; those of the facts kept — the state-setting transition
    // and the kept ticket's older issue among them — are remembered, so a repeat of one still changes nothing.
    for (const id of ["o1", "p1", "i1", "k1", "s1", "d1", "v1", "n1"]) expect(facts.holds(byId(id)), id).toBe(false);
    for (const id of ["r1", "p2", "i2", "k2", "s2"]) expect(facts.holds(byId(id)), id).toBe(true);
    expect(facts.eventCount).toBe(5);
    expect(facts.add(ev.issued(at(9, 50), "new", "c1", "A002", "i2"))).toBe(false);
    expect(facts.tickets.get("new")?.issues).toHaveLength(1);
  });

  it("keeps the only transition of a window even when it is old", () => {
    const facts = factsOf([ev.opened(at(0), "w1")]);
    facts.pruneBefore(at(0) + 48 * HOUR);
    expect(facts.windows.get("w1")?.transitions).toHaveLength(1);
  });

  it("keeps all transitions when none is before the cut", () => {
    const facts = factsOf([ev.opened(at(11), "w1"), ev.closed(at(12), "w1")]);
    facts.pruneBefore(at(10));
    expect(facts.windows.get("w1")?.transitions).toHaveLength(2);
  });
});

describe("HallFacts names", () => {
  it("keeps folding correctly past the names it keeps one copy of (a stream of made-up window ids)", () => {
    const facts = new HallFacts();
    const n = 10_050; // past MAX_NAMES (10,000): the later names keep their own strings
    for (let i = 0; i < n; i++) facts.add(ev.called(at(9) + i, `t${i}`, `w${i}`, `k${i}`));
    expect(facts.windows.size).toBe(n);
    expect(facts.windows.get(`w${n - 1}`)?.calls.map((c) => [c.ticketId, c.windowId])).toEqual([[`t${n - 1}`, `w${n - 1}`]]);
    expect(facts.tickets.get("t10049")?.calls[0]?.windowId).toBe("w10049");
  });
});
