// fast-check generators shared by the floor-watch tests (test support only, never imported by production code).
import fc from "fast-check";
import type { HallEvent, Priority } from "../../../contract/index.js";
import { at, ev, event, MINUTE } from "../test-fixtures.js";

/** Random events of `tickets` at windows w1, w2 within one morning, at whole minutes (many ties). */
export const eventsOf = (tickets: readonly string[], maxLength = 14) =>
  fc
  .array(
    fc.record({
      kind: fc.constantFrom("issued", "called", "transferred", "started", "completed", "noShow"),
      minute: fc.integer({ min: 0, max: 90 }),
      ticket: fc.constantFrom(...tickets),
      window: fc.constantFrom("w1", "w2"),
      category: fc.constantFrom("c1", "c2"),
      priority: fc.constantFrom<Priority>("normal", "normal", "green", "appointment"),
    }),
    { maxLength },
  )
  .map((specs) =>
    specs.map((s, i): HallEvent => {
      const ms = at(9) + s.minute * MINUTE;
      const id = `x-${String(i).padStart(3, "0")}`;
      switch (s.kind) {
        case "issued": return event("ticket.issued", ms, { ticketId: s.ticket, ticketNo: s.ticket.toUpperCase(), categoryId: s.category, channel: "kiosk", priority: s.priority }, id);
        case "called": return ev.called(ms, s.ticket, s.window, id);
        case "transferred": return ev.transferred(ms, s.ticket, s.window, s.category, id);
        case "started": return ev.started(ms, s.ticket, s.window, id);
        case "completed": return ev.completed(ms, s.ticket, s.window, id);
        default: return ev.noShow(ms, s.ticket, s.window, id);
      }
    }),
  );

/** A few tickets: dense histories with recalls, transfers and repeats. */
export const ticketEvents = eventsOf(["t1", "t2", "t3"]);

/** Queues for call-order tests: mostly issues (ties likely at 5-minute steps), some calls and transfers. */
export const queueEvents = fc
  .array(
    fc.record({
      kind: fc.constantFrom("issued", "issued", "issued", "called", "transferred"),
      step: fc.integer({ min: 0, max: 8 }),
      ticket: fc.constantFrom("t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8"),
      category: fc.constantFrom("c1", "c2"),
      priority: fc.constantFrom<Priority>("normal", "normal", "green", "appointment"),
    }),
    { maxLength: 20 },
  )
  .map((specs) =>
    specs.map((s, i): HallEvent => {
      const ms = at(9) + s.step * 5 * MINUTE;
      const id = `q-${String(i).padStart(3, "0")}`;
      if (s.kind === "called") return ev.called(ms, s.ticket, "w1", id);
      if (s.kind === "transferred") return ev.transferred(ms, s.ticket, "w1", s.category, id);
      return event("ticket.issued", ms, { ticketId: s.ticket, ticketNo: s.ticket.toUpperCase(), categoryId: s.category, channel: "kiosk", priority: s.priority }, id);
    }),
  );
