// A hand-written fast path for the event schemas of events.ts, for the ingest path where zod's generic
// parse was a large share of the CPU per event. It only ever says "valid, and here is exactly what zod
// would return" or "ask zod": anything unusual (an unknown or undefined field, a wrong value, an object
// that is not a plain one) gets null, and the caller runs the zod schema, so every error message stays
// zod's. It accepts a subset of what the schemas accept, and its output equals theirs (a new object with
// the fields in the schema's order, arrays copied) — both checked by contract/event-fast-parse.test.ts.
import { CHANNELS, OUTCOMES, PRIORITIES, type EventType, type HallEvent } from "./events.js";
import { ID_PATTERN, LONE_SURROGATE } from "./ids.js";
import { parseIsoTimestamp } from "./timestamps.js";

type Check = (value: unknown) => boolean;

/** One field of a schema: its key, whether it may be absent, its check, and a copy for arrays. */
interface FieldSpec {
  key: string;
  optional: boolean;
  check: Check;
  copy?: (value: unknown) => unknown;
}

const TICKET_NO = /^[A-Za-z0-9-]{1,16}$/;
/** The same characters as textSchema refuses (ids.ts). */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const id: Check = (v) => typeof v === "string" && ID_PATTERN.test(v);
const ts: Check = (v) => typeof v === "string" && parseIsoTimestamp(v) !== null;
const seq: Check = (v) => Number.isSafeInteger(v) && (v as number) >= 0;
const ticketNo: Check = (v) => typeof v === "string" && TICKET_NO.test(v);
const text = (max: number): Check => (v) => typeof v === "string" && v.length >= 1 && v.length <= max && !CONTROL.test(v) && !LONE_SURROGATE.test(v);
const oneOf = (values: readonly string[]): Check => (v) => typeof v === "string" && values.includes(v);
const rating: Check = (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5;
const material = text(100);
const materials: Check = (v) => Array.isArray(v) && v.length <= 50 && v.every((m) => material(m));

const req = (key: string, check: Check): FieldSpec => ({ key, optional: false, check });
const opt = (key: string, check: Check): FieldSpec => ({ key, optional: true, check });

/** envelopeShape, then `type`, as eventSchema() in events.ts spreads them. */
const ENVELOPE: FieldSpec[] = [req("id", id), req("hallId", id), req("ts", ts), opt("deviceId", id), opt("seq", seq), req("type", () => true)];

/** eventFieldShapes of events.ts, field by field in the same order. */
const FIELDS: Record<EventType, FieldSpec[]> = {
  "window.opened": [req("windowId", id), req("staffId", id)],
  "window.paused": [req("windowId", id), opt("reason", text(200))],
  "window.resumed": [req("windowId", id)],
  "window.closed": [req("windowId", id)],
  "ticket.issued": [
    req("ticketId", id),
    req("ticketNo", ticketNo),
    req("categoryId", id),
    opt("itemCode", text(64)),
    req("channel", oneOf(CHANNELS)),
    opt("caseRef", id),
    opt("priority", oneOf(PRIORITIES)),
  ],
  "ticket.called": [req("ticketId", id), req("windowId", id)],
  "ticket.no_show": [req("ticketId", id), req("windowId", id)],
  "ticket.transferred": [req("ticketId", id), req("fromWindowId", id), req("toCategoryId", id)],
  "service.started": [req("ticketId", id), req("windowId", id)],
  "service.completed": [
    req("ticketId", id),
    req("windowId", id),
    req("outcome", oneOf(OUTCOMES)),
    { key: "requestedMaterials", optional: true, check: materials, copy: (v) => (v as unknown[]).slice() },
  ],
  "evaluation.submitted": [req("ticketId", id), req("windowId", id), req("rating", rating), opt("comment", text(500))],
};

interface TypeSpec {
  fields: FieldSpec[];
  keys: Set<string>;
}

const SPECS = new Map<string, TypeSpec>(
  (Object.keys(FIELDS) as EventType[]).map((type) => {
    const fields = [...ENVELOPE, ...FIELDS[type]];
    return [type, { fields, keys: new Set(fields.map((f) => f.key)) }];
  }),
);

/** The fields of an event type in the schema's order, with whether each may be absent (for the test). */
export function fastParseFields(type: EventType): { key: string; optional: boolean }[] {
  return (SPECS.get(type) as TypeSpec).fields.map(({ key, optional }) => ({ key, optional }));
}

/**
 * What `eventSchemas[raw.type].safeParse(raw).data` would be when the input is plainly valid, else null
 * (then ask the schema: it may still accept it, or it says why not).
 */
export function fastParseEvent(raw: unknown): HallEvent | null {
  if (raw === null || typeof raw !== "object" || Object.getPrototypeOf(raw) !== Object.prototype) return null;
  const input = raw as Record<string, unknown>;
  const spec = typeof input.type === "string" ? SPECS.get(input.type) : undefined;
  if (spec === undefined) return null;
  // zod's strict objects look for unknown keys with for…in, and read each field as input[key]
  for (const key in input) if (!spec.keys.has(key)) return null;
  const out: Record<string, unknown> = {};
  for (const f of spec.fields) {
    const value = input[f.key];
    if (value === undefined) {
      if (f.optional && !(f.key in input)) continue;
      return null;
    }
    if (!f.check(value)) return null;
    out[f.key] = f.copy ? f.copy(value) : value;
  }
  return out as HallEvent;
}
