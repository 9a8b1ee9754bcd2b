import { describe, expect, it } from "vitest";
import type { CallFact, IssueFact, TicketFacts, TransferFact } from "./facts.js";
import { emptyTicketFacts } from "./facts.js";
import { ABANDONED_AFTER_MS, ticketWait, waitingAt } from "./ticket-queue.js";
import { at, HOUR, MINUTE, RANK } from "./test-fixtures.js";

let n = 0;
const id = () => `q${String(++n).padStart(4, "0")}`;
const issue = (ts: number, categoryId: string, eventId = id()): IssueFact => ({
  ts,
  rank: RANK["ticket.issued"],
  eventId,
  ticketId: "t1",
  ticketNo: "A001",
  categoryId,
  channel: "kiosk",
  priority: "normal",
});
const call = (ts: number, windowId = "w1", eventId = id()): CallFact => ({ ts, rank: RANK["ticket.called"], eventId, ticketId: "t1", windowId });
const transfer = (ts: number, categoryId: string, eventId = id()): TransferFact => ({
  ts,
  rank: RANK["ticket.transferred"],
  eventId,
  ticketId: "t1",
  fromWindowId: "w1",
  categoryId,
});
const ticket = (parts: Partial<Pick<TicketFacts, "issues" | "calls" | "transfers">>): TicketFacts => ({ ...emptyTicketFacts(), ...parts });

describe("ABANDONED_AFTER_MS", () => {
  it("is 12 hours", () => {
    expect(ABANDONED_AFTER_MS).toBe(12 * 60 * 60 * 1000);
  });
});

describe("ticketWait", () => {
  it("is null without an issue or without a call", () => {
    expect(ticketWait(ticket({ calls: [call(at(9))] }))).toBeNull();
    expect(ticketWait(ticket({ issues: [issue(at(9), "c1")] }))).toBeNull();
    expect(ticketWait(emptyTicketFacts())).toBeNull();
  });

  it("is the first call minus the issue, in the issued category", () => {
    expect(ticketWait(ticket({ issues: [issue(at(9), "c1")], calls: [call(at(9, 12, 30))] }))).toEqual({
      categoryId: "c1",
      issuedAt: at(9),
      firstCallAt: at(9, 12, 30),
      waitMs: 12 * MINUTE + 30_000,
    });
  });

  it("uses the first call, not a recall", () => {
    const w = ticketWait(ticket({ issues: [issue(at(9), "c1")], calls: [call(at(9, 5)), call(at(9, 20))] }));
    expect(w?.waitMs).toBe(5 * MINUTE);
    expect(w?.firstCallAt).toBe(at(9, 5));
  });

  it("uses the earliest issue when the issue is repeated", () => {
    const w = ticketWait(ticket({ issues: [issue(at(9), "c1"), issue(at(9, 3), "c2")], calls: [call(at(9, 10))] }));
    expect(w).toMatchObject({ categoryId: "c1", issuedAt: at(9), waitMs: 10 * MINUTE });
  });

  it("is 0 when a device clock puts the call before the issue", () => {
    const w = ticketWait(ticket({ issues: [issue(at(9, 10), "c1")], calls: [call(at(9, 8))] }));
    expect(w?.waitMs).toBe(0);
    expect(w?.firstCallAt).toBe(at(9, 8));
  });

  it("stays in the issued category after a transfer", () => {
    const w = ticketWait(ticket({ issues: [issue(at(9), "c1")], calls: [call(at(9, 5)), call(at(9, 30))], transfers: [transfer(at(9, 20), "c2")] }));
    expect(w).toMatchObject({ categoryId: "c1", waitMs: 5 * MINUTE });
  });
});

describe("waitingAt", () => {
  it("is null before the ticket is issued", () => {
    expect(waitingAt(ticket({ issues: [issue(at(9), "c1")] }), at(9) - 1)).toBeNull();
  });

  it("waits from the issue (inclusive) until a call", () => {
    const t = ticket({ issues: [issue(at(9), "c1")], calls: [call(at(9, 20))] });
    expect(waitingAt(t, at(9))).toEqual({ categoryId: "c1", since: at(9) });
    expect(waitingAt(t, at(9, 20) - 1)).toEqual({ categoryId: "c1", since: at(9) });
    expect(waitingAt(t, at(9, 20))).toBeNull();
    expect(waitingAt(t, at(11))).toBeNull();
  });

  it("is not waiting when called at the same millisecond as issued (the call ranks after the issue)", () => {
    expect(waitingAt(ticket({ issues: [issue(at(9), "c1")], calls: [call(at(9))] }), at(9))).toBeNull();
  });

  it("still waits when the only call is stamped before the issue (not a call after the entry)", () => {
    const t = ticket({ issues: [issue(at(9, 10), "c1")], calls: [call(at(9, 8))] });
    expect(waitingAt(t, at(9, 30))).toEqual({ categoryId: "c1", since: at(9, 10) });
  });

  it("counts a ticket uncalled for more than 12 hours as abandoned", () => {
    const t = ticket({ issues: [issue(at(8), "c1")] });
    expect(waitingAt(t, at(8) + 12 * HOUR - 1)).toEqual({ categoryId: "c1", since: at(8) });
    expect(waitingAt(t, at(8) + 12 * HOUR + 1)).toBeNull();
    expect(waitingAt(t, at(8) + 36 * HOUR)).toBeNull();
  });

  it("re-queues a called ticket in the category it is transferred to, from the transfer", () => {
    const t = ticket({ issues: [issue(at(9), "c1")], calls: [call(at(9, 10))], transfers: [transfer(at(9, 25), "c2")] });
    expect(waitingAt(t, at(9, 5))).toEqual({ categoryId: "c1", since: at(9) });
    expect(waitingAt(t, at(9, 15))).toBeNull();
    expect(waitingAt(t, at(9, 25))).toEqual({ categoryId: "c2", since: at(9, 25) });
    expect(waitingAt(t, at(10))).toEqual({ categoryId: "c2", since: at(9, 25) });
  });

  it("ends the wait after a transfer at the next call after the transfer", () => {
    const t = ticket({ issues: [issue(at(9), "c1")], calls: [call(at(9, 10)), call(at(9, 40), "w2")], transfers: [transfer(at(9, 25), "c2")] });
    expect(waitingAt(t, at(9, 39))).toEqual({ categoryId: "c2", since: at(9, 25) });
    expect(waitingAt(t, at(9, 40))).toBeNull();
  });

  it("uses the latest of several transfers", () => {
    const t = ticket({
      issues: [issue(at(9), "c1")],
      calls: [call(at(9, 5)), call(at(9, 15))],
      transfers: [transfer(at(9, 10), "c2"), transfer(at(9, 20), "c3")],
    });
    expect(waitingAt(t, at(9, 12))).toEqual({ categoryId: "c2", since: at(9, 10) });
    expect(waitingAt(t, at(9, 17))).toBeNull();
    expect(waitingAt(t, at(9, 30))).toEqual({ categoryId: "c3", since: at(9, 20) });
  });

  it("ignores a transfer after `at`", () => {
    const t = ticket({ issues: [issue(at(9), "c1")], transfers: [transfer(at(9, 30), "c2")] });
    expect(waitingAt(t, at(9, 20))).toEqual({ categoryId: "c1", since: at(9) });
  });

  it("measures the 12 hours from the latest queue entry", () => {
    const t = ticket({ issues: [issue(at(0), "c1")], calls: [call(at(1))], transfers: [transfer(at(10), "c2")] });
    // 14 h after the issue but 4 h after the transfer: still waiting.
    expect(waitingAt(t, at(14))).toEqual({ categoryId: "c2", since: at(10) });
    expect(waitingAt(t, at(10) + 12 * HOUR + 1)).toBeNull();
  });

  it("queues a ticket seen only through a transfer", () => {
    const t = ticket({ transfers: [transfer(at(9), "c2")] });
    expect(waitingAt(t, at(9, 1))).toEqual({ categoryId: "c2", since: at(9) });
    expect(waitingAt(t, at(8))).toBeNull();
  });

  it("keeps a call at the transfer's millisecond before the transfer (call ranks before transfer)", () => {
    const t = ticket({ issues: [issue(at(9), "c1")], calls: [call(at(9, 10))], transfers: [transfer(at(9, 10), "c2")] });
    expect(waitingAt(t, at(9, 10))).toEqual({ categoryId: "c2", since: at(9, 10) });
  });

  it("is null for a ticket with no facts", () => {
    expect(waitingAt(emptyTicketFacts(), at(9))).toBeNull();
  });
});
