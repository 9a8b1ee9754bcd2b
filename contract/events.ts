// The canonical hall events: what queue systems, kiosks, window terminals and the staff console send.
// Every schema is strict: an unknown field is an error that names the field.
import { z } from "zod";
import { idSchema, textSchema, ticketNoSchema } from "./ids.js";
import { isoTimestampSchema } from "./timestamps.js";

export const EVENT_TYPES = [
  "window.opened",
  "window.paused",
  "window.resumed",
  "window.closed",
  "ticket.issued",
  "ticket.called",
  "ticket.no_show",
  "ticket.transferred",
  "service.started",
  "service.completed",
  "evaluation.submitted",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const CHANNELS = ["kiosk", "online", "staff"] as const;
export const PRIORITIES = ["normal", "green", "appointment"] as const;
export const OUTCOMES = ["done", "accepted", "rejected", "needs_materials"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type Priority = (typeof PRIORITIES)[number];

/** Fields every event carries. */
export const envelopeShape = {
  id: idSchema,
  hallId: idSchema,
  ts: isoTimestampSchema,
  deviceId: idSchema.optional(),
  seq: z.number({ error: "expected a number" }).int({ error: "expected an integer" }).min(0).max(Number.MAX_SAFE_INTEGER).optional(),
};

const itemCodeSchema = textSchema(64);
const materialSchema = textSchema(100);

/** The type-specific fields of each event type (without the envelope). */
export const eventFieldShapes = {
  "window.opened": { windowId: idSchema, staffId: idSchema },
  "window.paused": { windowId: idSchema, reason: textSchema(200).optional() },
  "window.resumed": { windowId: idSchema },
  "window.closed": { windowId: idSchema },
  "ticket.issued": {
    ticketId: idSchema,
    ticketNo: ticketNoSchema,
    categoryId: idSchema,
    itemCode: itemCodeSchema.optional(),
    channel: z.enum(CHANNELS, { error: `expected one of ${CHANNELS.join(", ")}` }),
    caseRef: idSchema.optional(),
    priority: z.enum(PRIORITIES, { error: `expected one of ${PRIORITIES.join(", ")}` }).optional(),
  },
  "ticket.called": { ticketId: idSchema, windowId: idSchema },
  "ticket.no_show": { ticketId: idSchema, windowId: idSchema },
  "ticket.transferred": { ticketId: idSchema, fromWindowId: idSchema, toCategoryId: idSchema },
  "service.started": { ticketId: idSchema, windowId: idSchema },
  "service.completed": {
    ticketId: idSchema,
    windowId: idSchema,
    outcome: z.enum(OUTCOMES, { error: `expected one of ${OUTCOMES.join(", ")}` }),
    requestedMaterials: z.array(materialSchema, { error: "expected an array of strings" }).max(50).optional(),
  },
  "evaluation.submitted": {
    ticketId: idSchema,
    windowId: idSchema,
    rating: z.number({ error: "expected a number" }).int({ error: "expected an integer 1–5" }).min(1, { error: "expected an integer 1–5" }).max(5, { error: "expected an integer 1–5" }),
    comment: textSchema(500).optional(),
  },
} as const;

function eventSchema<T extends EventType>(type: T) {
  return z.strictObject({ ...envelopeShape, type: z.literal(type), ...eventFieldShapes[type] });
}

export const eventSchemas = {
  "window.opened": eventSchema("window.opened"),
  "window.paused": eventSchema("window.paused"),
  "window.resumed": eventSchema("window.resumed"),
  "window.closed": eventSchema("window.closed"),
  "ticket.issued": eventSchema("ticket.issued"),
  "ticket.called": eventSchema("ticket.called"),
  "ticket.no_show": eventSchema("ticket.no_show"),
  "ticket.transferred": eventSchema("ticket.transferred"),
  "service.started": eventSchema("service.started"),
  "service.completed": eventSchema("service.completed"),
  "evaluation.submitted": eventSchema("evaluation.submitted"),
} as const;

export const hallEventSchema = z.discriminatedUnion("type", [
  eventSchemas["window.opened"],
  eventSchemas["window.paused"],
  eventSchemas["window.resumed"],
  eventSchemas["window.closed"],
  eventSchemas["ticket.issued"],
  eventSchemas["ticket.called"],
  eventSchemas["ticket.no_show"],
  eventSchemas["ticket.transferred"],
  eventSchemas["service.started"],
  eventSchemas["service.completed"],
  eventSchemas["evaluation.submitted"],
]);

export type HallEvent = z.infer<typeof hallEventSchema>;
export type HallEventOf<T extends EventType> = Extract<HallEvent, { type: T }>;

export function isEventType(value: unknown): value is EventType {
  return typeof value === "string" && (EVENT_TYPES as readonly string[]).includes(value);
}
