// HallFacts' watcher (issue #8, the live view kept per fold): told before a ticket's or a service list's
// facts first change since the last take, with the facts as they were.
import { describe, expect, it } from "vitest";
import { HallFacts } from "./hall-facts.js";
import { at, ev } from "./test-fixtures.js";

describe("HallFacts.recordChanges with a watcher", () => {
  /** Each call the watcher gets, with what it sees of the old facts at that moment. */
  function watched() {
    const facts = new HallFacts();
    const told: string[] = [];
    facts.recordChanges({
      ticketChanging: (id, old) => told.push(`ticket ${id}: ${old ? `${old.issues.length} issues, ${old.calls.length} calls` : "new"}`),
      servicesChanging: (windowId, ticketId, list) => told.push(`services ${ticketId} at ${windowId}: ${list.map((f) => f.kind).join(",") || "none"}`),
    });
    return { facts, told };
  }

  it("is not told while the next take asks for everything, then once per ticket and list before their first change", () => {
    const { facts, told } = watched();
    facts.add(ev.issued(at(9), "t1", "c1", "A001", "i1"));
    expect(told).toEqual([]); // the first take reads everything
    expect(facts.takeChanges().all).toBe(true);

    facts.add(ev.called(at(9, 5), "t1", "w1", "k1"));
    facts.add(ev.called(at(9, 6), "t1", "w1", "k2"));
    facts.add(ev.started(at(9, 6), "t1", "w1", "s1"));
    facts.add(ev.completed(at(9, 9), "t1", "w1", "d1"));
    facts.add(ev.called(at(9, 5), "t1", "w1", "k1")); // a repeated id: nothing
    // Told with the facts before the first change only: one issue and no call, an empty service list.
    expect(told).toEqual(["ticket t1: 1 issues, 0 calls", "services t1 at w1: none"]);
    const changes = facts.takeChanges();
    expect([...changes.tickets]).toEqual(["t1"]);
    expect([...changes.services].map(([windowId, tickets]) => [windowId, [...tickets]])).toEqual([["w1", ["t1"]]]);

    facts.add(ev.evaluated(at(9, 10), "t1", "w1", 4, "v1"));
    facts.add(ev.started(at(9, 20), "t1", "w1", "s2"));
    expect(told.slice(2)).toEqual(["ticket t1: 1 issues, 2 calls", "services t1 at w1: started,completed"]);
  });

  it("is not told after a prune until the take that reads everything", () => {
    const { facts, told } = watched();
    facts.takeChanges();
    facts.add(ev.issued(at(9), "t1", "c1", "A001", "i1"));
    facts.pruneBefore(at(8));
    facts.add(ev.issued(at(9, 1), "t2", "c1", "A002", "i2"));
    expect(told).toEqual(["ticket t1: new"]);
    expect(facts.takeChanges().all).toBe(true);
    facts.add(ev.called(at(9, 5), "t2", "w1", "k1"));
    expect(told).toEqual(["ticket t1: new", "ticket t2: 1 issues, 0 calls"]);
  });
});
