// Parses one untrusted input into a contract event, or says which field failed and why.
// Personal identifiers are looked for before anything else, in every key and value, so that they are
// refused even inside unknown fields.
import type { z } from "zod";
import { eventSchemas, fastParseEvent, isEventType, type HallEvent } from "../../contract/index.js";
import { findPersonalData, personalDataIn } from "../domain/personal-data.js";

export type ParsedEvent = { ok: true; event: HallEvent } | { ok: false; id: string | null; field: string; message: string };

export const PERSONAL_DATA_MESSAGE = {
  mobile: "looks like a mobile phone number; personal data is not accepted",
  id_card: "looks like a resident ID number; personal data is not accepted",
} as const;

/** The event's id when it has a usable one (for the result), else null — also when it is personal data. */
export function rawEventId(raw: unknown): string | null {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return null;
  const id = (raw as Record<string, unknown>).id;
  return typeof id === "string" && /^[A-Za-z0-9._:-]{1,64}$/.test(id) && personalDataIn(id) === null ? id : null;
}

/** The first personal identifier anywhere in an input, as a failure naming its field (its key masked). */
export function personalDataFailure(raw: unknown, topLevel = "event"): { field: string; message: string } | null {
  const pii = findPersonalData(raw);
  return pii ? { field: pii.field === "event" ? topLevel : pii.field, message: PERSONAL_DATA_MESSAGE[pii.kind] } : null;
}

export function parseHallEvent(raw: unknown): ParsedEvent {
  const id = rawEventId(raw);
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    return { ok: false, id, field: "event", message: "expected an object" };
  const pii = findPersonalData(raw);
  if (pii) return { ok: false, id: pii.field === "id" ? null : id, field: pii.field, message: PERSONAL_DATA_MESSAGE[pii.kind] };
  const type = (raw as Record<string, unknown>).type;
  if (type === undefined) return { ok: false, id, field: "type", message: "required" };
  if (!isEventType(type)) return { ok: false, id, field: "type", message: "unknown event type" };
  // The hand-written check takes the plainly valid events (most of them) at a fraction of zod's cost;
  // anything else goes to the schema, which then gives the same answer and the same message as ever.
  const fast = fastParseEvent(raw);
  if (fast) return { ok: true, event: fast };
  const result = eventSchemas[type].safeParse(raw);
  if (result.success) return { ok: true, event: result.data as HallEvent };
  const first = describeIssue(result.error.issues[0], raw);
  return { ok: false, id, ...first };
}

/** Turns a zod issue into `{ field, message }`, saying "required" for a missing field. */
export function describeIssue(issue: z.core.$ZodIssue | undefined, input: unknown): { field: string; message: string } {
  if (!issue) return { field: "event", message: "invalid" };
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "?";
    // an empty key is named as "" so that the field is never an empty string
    return { field: [...path, key === "" ? '""' : key].join("."), message: "unknown field" };
  }
  const field = path.length > 0 ? path.join(".") : "event";
  if (issue.code === "invalid_type" && valueAt(input, path) === undefined) return { field, message: "required" };
  return { field, message: issue.message };
}

function valueAt(input: unknown, path: string[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
