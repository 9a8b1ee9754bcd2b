import { describe, expect, it } from "vitest";
import { emptyTicketFacts, emptyWindowFacts } from "./facts.js";

describe("emptyWindowFacts", () => {
  it("has no transitions, services, calls, leaves or evaluations", () => {
    const w = emptyWindowFacts();
    expect(w.transitions).toEqual([]);
    expect(w.services.size).toBe(0);
    expect(w.calls).toEqual([]);
    expect(w.leaves).toEqual([]);
    expect(w.evaluations).toEqual([]);
  });

  it("returns a fresh object each time (no shared lists)", () => {
    const a = emptyWindowFacts();
    const b = emptyWindowFacts();
    a.calls.push({ ts: 1, rank: 5, eventId: "e1", ticketId: "t1", windowId: "w1" });
    a.services.set("t1", []);
    expect(b.calls).toEqual([]);
    expect(b.services.size).toBe(0);
  });
});

describe("emptyTicketFacts", () => {
  it("has no facts and a last time of -Infinity", () => {
    expect(emptyTicketFacts()).toEqual({ issues: [], calls: [], transfers: [], lastTs: -Infinity });
  });

  it("returns a fresh object each time", () => {
    const a = emptyTicketFacts();
    a.transfers.push({ ts: 1, rank: 7, eventId: "e1", ticketId: "t1", fromWindowId: "w1", categoryId: "c2" });
    expect(emptyTicketFacts().transfers).toEqual([]);
  });
});
