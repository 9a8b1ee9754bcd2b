// Staff console actions (socket.io /staff): well-formed actions of one window, the same sent for another
// window, one-field mutations and garbage.
import fc from "fast-check";
import { OUTCOMES } from "../../contract/index.js";
import { eventIdArb, ticketIdArb, type EventContext } from "./arb-events.js";
import { mutation } from "./arb-event-mutations.js";
import { garbage, plainText, randomId } from "./arb-values.js";
import type { Tagged } from "./tagged.js";

const STAFF_TYPES = ["window.opened", "window.paused", "window.resumed", "window.closed", "ticket.called", "ticket.no_show", "ticket.transferred", "service.started", "service.completed", "evaluation.submitted", "call.next"] as const;

/** A well-formed staff action (it may still be refused for the ticket's or window's state). */
export const validStaffAction = (ctx: EventContext, windowId: string): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(fc.constantFrom(...STAFF_TYPES, "call.next", "call.next", "service.completed", "service.started"), eventIdArb(ctx), ticketIdArb(ctx), fc.boolean(), plainText(200), fc.constantFrom(...ctx.categories), fc.constantFrom(...OUTCOMES), fc.integer({ min: 1, max: 5 }), randomId)
    .map(([type, id, ticketId, withWindow, text, cat, outcome, rating, staffId]) => {
      const a: Record<string, unknown> = { id, type };
      if (withWindow && type !== "ticket.transferred") a.windowId = windowId;
      if (type === "window.opened") a.staffId = staffId;
      if (type === "window.paused" && withWindow) a.reason = text;
      if (type.startsWith("ticket.") || type.startsWith("service.") || type === "evaluation.submitted") a.ticketId = ticketId;
      if (type === "ticket.transferred") {
        a.toCategoryId = cat;
        if (withWindow) a.fromWindowId = windowId;
      }
      if (type === "service.completed") a.outcome = outcome;
      if (type === "evaluation.submitted") {
        a.rating = rating;
        if (withWindow) a.comment = text;
      }
      return a;
    });

export const staffInput = (ctx: EventContext, windowId: string, otherWindow: string): fc.Arbitrary<Tagged> =>
  fc.oneof(
    { weight: 10, arbitrary: validStaffAction(ctx, windowId).map((value): Tagged => ({ value, expect: "valid", how: "valid" })) },
    { weight: 1, arbitrary: validStaffAction(ctx, windowId).map((a): Tagged => ({ value: { ...a, windowId: otherWindow }, expect: "any", how: "another window" })) },
    { weight: 7, arbitrary: fc.tuple(validStaffAction(ctx, windowId), mutation(ctx, { hugeMax: 3_000 })).map(([a, m]): Tagged => m(a)) },
    { weight: 2, arbitrary: garbage.map((value): Tagged => ({ value, expect: "any", how: "garbage" })) },
  );
