// Rules an event must pass against its hall after the schema: right hall, known windows and
// categories, not from the future. Returns the failing field and why, or null.
import { parseIsoTimestamp, type HallConfig, type HallEvent } from "../../contract/index.js";

export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;

export interface RuleFailure {
  field: string;
  message: string;
}

interface KnownIds {
  windowIds: ReadonlySet<string>;
  categoryIds: ReadonlySet<string>;
}

/**
 * The ids of a hall's windows and categories, built once per configuration object: the rules run for
 * every ingested event, and building the two sets each time was a seventh of the server's allocations at
 * 1,000 events/s (issue #8's allocation profile) — garbage the young generation then had to collect.
 * A changed configuration is a new object (the hall directory replaces, never mutates), so it gets its own.
 */
const knownIdsByHall = new WeakMap<HallConfig, KnownIds>();

function knownIds(hall: HallConfig): KnownIds {
  let ids = knownIdsByHall.get(hall);
  if (!ids) {
    ids = { windowIds: new Set(hall.windows.map((w) => w.id)), categoryIds: new Set(hall.categories.map((c) => c.id)) };
    knownIdsByHall.set(hall, ids);
  }
  return ids;
}

export function checkEventRules(event: HallEvent, hallId: string, hall: HallConfig, nowMs: number): RuleFailure | null {
  if (event.hallId !== hallId) return { field: "hallId", message: `does not match the hall "${hallId}"` };
  const ts = parseIsoTimestamp(event.ts);
  if (ts === null) return { field: "ts", message: "invalid ISO-8601 timestamp" };
  if (ts > nowMs + MAX_FUTURE_SKEW_MS) return { field: "ts", message: "more than 5 minutes in the future" };

  const { windowIds, categoryIds } = knownIds(hall);
  const unknownWindow = (field: string, id: string): RuleFailure | null =>
    windowIds.has(id) ? null : { field, message: `unknown window "${id}"` };
  const unknownCategory = (field: string, id: string): RuleFailure | null =>
    categoryIds.has(id) ? null : { field, message: `unknown category "${id}"` };

  switch (event.type) {
    case "window.opened":
    case "window.paused":
    case "window.resumed":
    case "window.closed":
    case "ticket.called":
    case "ticket.no_show":
    case "service.started":
    case "service.completed":
    case "evaluation.submitted":
      return unknownWindow("windowId", event.windowId);
    case "ticket.issued":
      return unknownCategory("categoryId", event.categoryId);
    case "ticket.transferred":
      return unknownWindow("fromWindowId", event.fromWindowId) ?? unknownCategory("toCategoryId", event.toCategoryId);
    default: {
      const unreachable: never = event;
      return { field: "type", message: `unknown event type ${(unreachable as { type: string }).type}` };
    }
  }
}
