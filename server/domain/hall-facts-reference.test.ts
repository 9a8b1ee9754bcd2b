// HallFacts.add builds each fact as one object literal (it ran at ingest rates with spreads of a shared
// stamp before). The facts must be exactly those of the former fold, kept below as the reference: same
// lists, same objects field by field and in the same key order, the same call object in the ticket's and
// the window's list.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EVENT_TYPES, parseIsoTimestamp, type HallEvent } from "../../contract/index.js";
import { validEvent, type EventContext } from "../../test/fuzz/arbitraries.js";
import { emptyTicketFacts, emptyWindowFacts, type TicketFacts, type WindowFacts } from "./facts.js";
import { HallFacts } from "./hall-facts.js";
import { insertSorted, type Stamp } from "./stamp.js";

const RANK: Record<string, number> = Object.fromEntries(EVENT_TYPES.map((t, i) => [t, i]));

/** The fold as it was written before (spreads of a shared stamp): the reference. */
class ReferenceFacts {
  readonly windows = new Map<string, WindowFacts>();
  readonly tickets = new Map<string, TicketFacts>();
  readonly seen = new Map<string, number>();

  add(event: HallEvent): boolean {
    if (this.seen.has(event.id)) return false;
    const ts = parseIsoTimestamp(event.ts);
    if (ts === null) throw new Error(`unvalidated timestamp in event ${event.id}`);
    this.seen.set(event.id, ts);
    const stamp: Stamp = { ts, rank: RANK[event.type] ?? 99, eventId: event.id };
    switch (event.type) {
      case "window.opened":
        insertSorted(this.window(event.windowId).transitions, { ...stamp, kind: "opened", staffId: event.staffId });
        break;
      case "window.paused":
        insertSorted(this.window(event.windowId).transitions, { ...stamp, kind: "paused", ...(event.reason !== undefined ? { reason: event.reason } : {}) });
        break;
      case "window.resumed":
        insertSorted(this.window(event.windowId).transitions, { ...stamp, kind: "resumed" });
        break;
      case "window.closed":
        insertSorted(this.window(event.windowId).transitions, { ...stamp, kind: "closed" });
        break;
      case "ticket.issued":
        insertSorted(this.ticket(event.ticketId, ts).issues, {
          ...stamp,
          ticketId: event.ticketId,
          ticketNo: event.ticketNo,
          categoryId: event.categoryId,
          channel: event.channel,
          priority: event.priority ?? "normal",
          ...(event.itemCode !== undefined ? { itemCode: event.itemCode } : {}),
          ...(event.caseRef !== undefined ? { caseRef: event.caseRef } : {}),
        });
        break;
      case "ticket.called": {
        const call = { ...stamp, ticketId: event.ticketId, windowId: event.windowId };
        insertSorted(this.ticket(event.ticketId, ts).calls, call);
        insertSorted(this.window(event.windowId).calls, call);
        break;
      }
      case "ticket.no_show":
        this.ticket(event.ticketId, ts);
        insertSorted(this.window(event.windowId).leaves, { ...stamp, ticketId: event.ticketId, windowId: event.windowId, kind: "no_show" });
        break;
      case "ticket.transferred":
        insertSorted(this.ticket(event.ticketId, ts).transfers, { ...stamp, ticketId: event.ticketId, fromWindowId: event.fromWindowId, categoryId: event.toCategoryId });
        insertSorted(this.window(event.fromWindowId).leaves, { ...stamp, ticketId: event.ticketId, windowId: event.fromWindowId, kind: "transferred" });
        break;
      case "service.started":
        this.ticket(event.ticketId, ts);
        insertSorted(this.serviceList(event.windowId, event.ticketId), { ...stamp, ticketId: event.ticketId, windowId: event.windowId, kind: "started" });
        break;
      case "service.completed":
        this.ticket(event.ticketId, ts);
        insertSorted(this.serviceList(event.windowId, event.ticketId), {
          ...stamp,
          ticketId: event.ticketId,
          windowId: event.windowId,
          kind: "completed",
          outcome: event.outcome,
          ...(event.requestedMaterials !== undefined ? { requestedMaterials: event.requestedMaterials } : {}),
        });
        break;
      case "evaluation.submitted":
        this.ticket(event.ticketId, ts);
        insertSorted(this.window(event.windowId).evaluations, { ...stamp, ticketId: event.ticketId, windowId: event.windowId, rating: event.rating });
        break;
    }
    return true;
  }

  private window(windowId: string): WindowFacts {
    let w = this.windows.get(windowId);
    if (!w) this.windows.set(windowId, (w = emptyWindowFacts()));
    return w;
  }

  private ticket(ticketId: string, ts: number): TicketFacts {
    let t = this.tickets.get(ticketId);
    if (!t) this.tickets.set(ticketId, (t = emptyTicketFacts()));
    if (ts > t.lastTs) t.lastTs = ts;
    return t;
  }

  private serviceList(windowId: string, ticketId: string) {
    const services = this.window(windowId).services;
    let list = services.get(ticketId);
    if (!list) services.set(ticketId, (list = []));
    return list;
  }
}

/** Maps as entry lists and every object as its [key, value] pairs, so that key order counts too. */
function layout(value: unknown): unknown {
  if (value instanceof Map) return ["Map", [...value].map(([k, v]) => [k, layout(v)])];
  if (Array.isArray(value)) return value.map(layout);
  if (value !== null && typeof value === "object") return Object.entries(value).map(([k, v]) => [k, layout(v)]);
  return value;
}

const ctx: EventContext = {
  hallId: "fz-hall",
  windows: ["w1", "w2", "w3"],
  categories: ["c1", "c2"],
  itemCodes: ["item-1"],
  nowMs: Date.UTC(2026, 4, 6, 4, 0, 0),
  idPrefix: "hf-",
  idPool: 40, // pooled ids repeat: as in the log, a repeated id is a repeat of its first event, ignored alike
  ticketPool: 8,
};

describe("HallFacts.add against the former fold", () => {
  it("builds the same facts for any events in any order, repeats included (property)", () => {
    fc.assert(
      fc.property(fc.array(validEvent(ctx), { maxLength: 80 }), (raw) => {
        // The log keeps one event per id: a later event with a folded id arrives as a repeat of the first.
        const first = new Map<string, HallEvent>();
        const events = (raw as unknown as HallEvent[]).map((e) => first.get(e.id) ?? (first.set(e.id, e), e));
        const facts = new HallFacts();
        const ref = new ReferenceFacts();
        for (const e of events) expect(facts.add(e)).toBe(ref.add(e));
        expect(facts.eventCount).toBe(ref.seen.size);
        expect(layout(facts.windows)).toEqual(layout(ref.windows));
        expect(layout(facts.tickets)).toEqual(layout(ref.tickets));
        expect(facts.windows).toStrictEqual(ref.windows);
        expect(facts.tickets).toStrictEqual(ref.tickets);
        // a call is one object in the ticket's list and the window's list
        for (const [ticketId, t] of facts.tickets)
          for (const call of t.calls) expect(facts.windows.get(call.windowId)?.calls.find((c) => c.eventId === call.eventId && c.ticketId === ticketId)).toBe(call);
      }),
      { numRuns: 1500 },
    );
  });
});
