// Hall events: the context they are generated for, valid events of every type (known windows and
// categories, timestamps in the 8 hours before generation, a few up to 2 minutes after), and the mix the
// event targets send — valid ones, one-field mutations (arb-event-mutations.ts) and garbage.
import fc from "fast-check";
import { CHANNELS, OUTCOMES, PRIORITIES, type EventType } from "../../contract/index.js";
import { dropUndefined, optional } from "./arb-helpers.js";
import { mutation } from "./arb-event-mutations.js";
import { garbage, isoAt, plainText, randomId } from "./arb-values.js";
import type { Tagged } from "./tagged.js";

export interface EventContext {
  hallId: string;
  windows: readonly string[];
  categories: readonly string[];
  itemCodes: readonly string[];
  /** Generation time: valid events lie in the 8 hours before it (a few up to 2 minutes after). */
  nowMs: number;
  /** Prefix of event ids, so that targets do not collide unless meant to. */
  idPrefix: string;
  /** How many distinct "pooled" ids (duplicates come from reusing them). */
  idPool: number;
  ticketPool: number;
}

export const eventIdArb = (ctx: EventContext) =>
  fc.oneof(
    { arbitrary: fc.nat(ctx.idPool - 1).map((n) => `${ctx.idPrefix}${n}`), weight: 3 },
    { arbitrary: fc.uuid().map((u) => `${ctx.idPrefix}u-${u}`), weight: 2 },
  );
export const ticketIdArb = (ctx: EventContext) => fc.nat(ctx.ticketPool - 1).map((n) => `t-${n}`);
const tsArb = (ctx: EventContext) =>
  fc
    .tuple(fc.integer({ min: -8 * 3_600_000, max: 2 * 60_000 }), fc.constantFrom(0, 480, -300, 330), fc.constantFrom<0 | 3 | 6>(0, 3, 6))
    .map(([d, off, frac]) => isoAt(ctx.nowMs + d, off, frac));

function typeFields(ctx: EventContext, type: EventType): fc.Arbitrary<Record<string, unknown>> {
  const windowId = fc.constantFrom(...ctx.windows);
  const categoryId = fc.constantFrom(...ctx.categories);
  const ticketId = ticketIdArb(ctx);
  switch (type) {
    case "window.opened":
      return fc.record({ windowId, staffId: randomId });
    case "window.paused":
      return fc.record({ windowId, reason: optional(plainText(200)) }).map(dropUndefined);
    case "window.resumed":
    case "window.closed":
      return fc.record({ windowId });
    case "ticket.issued":
      return fc
        .record({
          ticketId,
          ticketNo: fc.stringMatching(/^[A-Z][0-9]{3}$/),
          categoryId,
          itemCode: optional(ctx.itemCodes.length > 0 ? fc.constantFrom(...ctx.itemCodes) : plainText(64)),
          channel: fc.constantFrom(...CHANNELS),
          caseRef: optional(fc.uuid().map((u) => `case-${u.slice(0, 8)}`)),
          priority: optional(fc.constantFrom(...PRIORITIES)),
        })
        .map(dropUndefined);
    case "ticket.called":
    case "ticket.no_show":
    case "service.started":
      return fc.record({ ticketId, windowId });
    case "ticket.transferred":
      return fc.record({ ticketId, fromWindowId: windowId, toCategoryId: categoryId });
    case "service.completed":
      return fc
        .record({ ticketId, windowId, outcome: fc.constantFrom(...OUTCOMES), requestedMaterials: optional(fc.array(plainText(100), { maxLength: 4 })) })
        .map(dropUndefined);
    case "evaluation.submitted":
      return fc.record({ ticketId, windowId, rating: fc.integer({ min: 1, max: 5 }), comment: optional(plainText(500)) }).map(dropUndefined);
  }
}

const EVENT_TYPE_WEIGHTS: [EventType, number][] = [
  ["window.opened", 2],
  ["window.paused", 1],
  ["window.resumed", 1],
  ["window.closed", 1],
  ["ticket.issued", 6],
  ["ticket.called", 4],
  ["ticket.no_show", 1],
  ["ticket.transferred", 1],
  ["service.started", 3],
  ["service.completed", 3],
  ["evaluation.submitted", 2],
];

/** A valid event of the context's hall (known windows and categories, not from the future). */
export const validEvent = (ctx: EventContext): fc.Arbitrary<Record<string, unknown>> =>
  fc.oneof(
    ...EVENT_TYPE_WEIGHTS.map(([type, weight]) => ({
      weight,
      arbitrary: fc
        .tuple(
          fc.record({ id: eventIdArb(ctx), ts: tsArb(ctx), deviceId: optional(randomId), seq: optional(fc.nat({ max: 1_000_000 })) }).map(dropUndefined),
          typeFields(ctx, type),
        )
        .map(([env, fields]) => ({ id: env.id, type, hallId: ctx.hallId, ts: env.ts, ...(env.deviceId !== undefined ? { deviceId: env.deviceId } : {}), ...(env.seq !== undefined ? { seq: env.seq } : {}), ...fields })),
    })),
  );

/** Events: valid ones, duplicates, near-valid mutations, planted personal data and garbage. */
export const eventInput = (ctx: EventContext, opts: { hugeMax: number } = { hugeMax: 5_000 }): fc.Arbitrary<Tagged> =>
  fc.oneof(
    { weight: 10, arbitrary: validEvent(ctx).map((value): Tagged => ({ value, expect: "valid", how: "valid" })) },
    { weight: 9, arbitrary: fc.tuple(validEvent(ctx), mutation(ctx, opts)).map(([e, m]): Tagged => m(e)) },
    { weight: 2, arbitrary: garbage.map((value): Tagged => ({ value, expect: "any", how: "garbage" })) },
  );
