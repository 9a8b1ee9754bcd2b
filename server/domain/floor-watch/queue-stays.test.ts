import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ABANDONED_AFTER_MS, waitingAt } from "../ticket-queue.js";
import { at, ev, factsOf, HOUR, MINUTE } from "../test-fixtures.js";
import { queueStays, staysByCategory } from "./queue-stays.js";
import { ticketEvents } from "./test-arbitraries.js";
import { attendingIntervals } from "./window-attending.js";
import { windowFigures } from "../window-figures.js";

const within = (list: readonly { start: number; end: number }[], x: number) => list.some((iv) => iv.start <= x && x < iv.end);

describe("queueStays", () => {
  it("runs from the issue to the first call, and from a transfer to the next call", () => {
    const facts = factsOf([
      ev.issued(at(9), "t1", "c1"),
      ev.called(at(9, 10), "t1", "w1"),
      ev.transferred(at(9, 20), "t1", "w1", "c2"),
      ev.called(at(9, 30), "t1", "w2"),
    ]);
    const t = facts.tickets.get("t1");
    if (!t) throw new Error("missing");
    expect(queueStays("t1", t)).toEqual([
      { ticketId: "t1", categoryId: "c1", start: at(9), end: at(9, 10) },
      { ticketId: "t1", categoryId: "c2", start: at(9, 20), end: at(9, 30) },
    ]);
  });

  it("ends an uncalled ticket at the 12-hour abandonment, as waitingAt does", () => {
    const facts = factsOf([ev.issued(at(9), "t1", "c1")]);
    const [stay] = staysByCategory(facts).get("c1") ?? [];
    expect(stay?.end).toBe(at(9) + ABANDONED_AFTER_MS + 1);
    const t = facts.tickets.get("t1");
    if (!t) throw new Error("missing");
    expect(waitingAt(t, at(9) + 12 * HOUR)).not.toBeNull();
    expect(waitingAt(t, at(9) + 12 * HOUR + 1)).toBeNull();
  });

  it("agrees with waitingAt at every minute of random histories", () => {
    fc.assert(
      fc.property(ticketEvents, (events) => {
        const facts = factsOf(events);
        for (const [ticketId, t] of facts.tickets) {
          const stays = queueStays(ticketId, t);
          for (let m = -1; m <= 92; m += 1) {
            const x = at(9) + m * MINUTE;
            const w = waitingAt(t, x);
            const inside = stays.filter((s) => s.start <= x && x < s.end);
            expect(inside.length).toBeLessThanOrEqual(1);
            expect(inside[0]?.categoryId ?? null).toBe(w?.categoryId ?? null);
          }
        }
      }),
    );
  });
});

describe("attendingIntervals", () => {
  it("runs from a call or start to the ticket's completion, no-show or transfer here, the next call, or a close", () => {
    const facts = factsOf([
      ev.opened(at(8), "w1"),
      ev.called(at(9), "a", "w1"),
      ev.started(at(9, 1), "a", "w1"),
      ev.completed(at(9, 8), "a", "w1"),
      ev.called(at(9, 10), "b", "w1"),
      ev.called(at(9, 12), "c", "w1"), // b left unresolved: c replaces it
      ev.noShow(at(9, 14), "c", "w1"),
      ev.called(at(17, 59), "d", "w1"), // dangling at the close
      ev.closed(at(18), "w1"),
      ev.opened(at(9) + 24 * HOUR, "w1"),
    ]);
    expect(attendingIntervals(facts.windows.get("w1"))).toEqual([
      { start: at(9), end: at(9, 1) },
      { start: at(9, 1), end: at(9, 8) },
      { start: at(9, 10), end: at(9, 12) },
      { start: at(9, 12), end: at(9, 14) },
      { start: at(17, 59), end: at(18) },
    ]);
  });

  it("agrees with the documented currentTicket at every minute of random histories (no closes: the one deliberate difference)", () => {
    fc.assert(
      fc.property(ticketEvents, (events) => {
        const facts = factsOf([ev.opened(at(8), "w1"), ev.opened(at(8), "w2"), ...events]);
        for (const windowId of ["w1", "w2"]) {
          const w = facts.windows.get(windowId);
          const attending = attendingIntervals(w);
          for (let m = -1; m <= 92; m += 1) {
            const x = at(9) + m * MINUTE;
            expect(within(attending, x)).toBe(windowFigures(w, x - 1, x, x - 1).currentTicket !== null);
          }
        }
      }),
    );
  });
});
