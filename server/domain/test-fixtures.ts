// Shared builders for the domain unit tests: hall configurations, contract events and fact stamps.
// Test support only (imported by server/domain/*.test.ts), never by production code.
import { type EventType, type HallConfig, type HallEvent, type HallEventOf, startOfLocalDay, type LoadView } from "../../contract/index.js";
import { HallFacts } from "./hall-facts.js";
import { computeLoadView } from "./load-view.js";

export const HALL_ID = "hall-1";

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

/**
 * Epoch ms of a local wall-clock time on 2025-03-10 in Asia/Shanghai (UTC+8, no DST):
 * `at(9, 30)` is 2025-03-10T01:30:00.000Z.
 */
export function at(hour: number, minute = 0, second = 0, ms = 0): number {
  return Date.UTC(2025, 2, 10, hour - 8, minute, second, ms);
}

export const iso = (ms: number): string => new Date(ms).toISOString();

export interface WindowSpec {
  id: string;
  categories: string[];
}

export interface HallSpec {
  windows?: WindowSpec[];
  categories?: string[];
  timezone?: string;
  waitMinutes?: number;
  hotUtilization?: number;
  coldUtilization?: number;
}

/** A hall configuration; by default windows w1 (c1), w2 (c2), w3 (c1, c2) and categories c1, c2. */
export function hallConfig(spec: HallSpec = {}): HallConfig {
  const categories = spec.categories ?? ["c1", "c2"];
  const windows = spec.windows ?? [
    { id: "w1", categories: ["c1"] },
    { id: "w2", categories: ["c2"] },
    { id: "w3", categories: ["c1", "c2"] },
  ];
  return {
    name: "Test hall",
    timezone: spec.timezone ?? "Asia/Shanghai",
    categories: categories.map((id) => ({ id, name: `Category ${id}`, itemCodes: [] })),
    windows: windows.map((w) => ({ id: w.id, name: `Window ${w.id}`, department: "Dept", categories: w.categories })),
    targets: {
      waitMinutes: spec.waitMinutes ?? 15,
      ...(spec.hotUtilization !== undefined ? { hotUtilization: spec.hotUtilization } : {}),
      ...(spec.coldUtilization !== undefined ? { coldUtilization: spec.coldUtilization } : {}),
    },
  };
}

let counter = 0;
/** A fresh event id; zero-padded so that ids made later also sort later. */
export function nextId(): string {
  counter += 1;
  return `e-${String(counter).padStart(6, "0")}`;
}

type Fields<T extends EventType> = Omit<HallEventOf<T>, "id" | "hallId" | "ts" | "type">;

export function event<T extends EventType>(type: T, ms: number, fields: Fields<T>, id: string = nextId()): HallEventOf<T> {
  return { id, hallId: HALL_ID, ts: iso(ms), type, ...fields } as unknown as HallEventOf<T>;
}

export const ev = {
  opened: (ms: number, windowId: string, id?: string) => event("window.opened", ms, { windowId, staffId: "staff-1" }, id),
  paused: (ms: number, windowId: string, id?: string) => event("window.paused", ms, { windowId }, id),
  resumed: (ms: number, windowId: string, id?: string) => event("window.resumed", ms, { windowId }, id),
  closed: (ms: number, windowId: string, id?: string) => event("window.closed", ms, { windowId }, id),
  issued: (ms: number, ticketId: string, categoryId: string, ticketNo: string = ticketId.toUpperCase(), id?: string) =>
    event("ticket.issued", ms, { ticketId, ticketNo, categoryId, channel: "kiosk" }, id),
  called: (ms: number, ticketId: string, windowId: string, id?: string) => event("ticket.called", ms, { ticketId, windowId }, id),
  noShow: (ms: number, ticketId: string, windowId: string, id?: string) => event("ticket.no_show", ms, { ticketId, windowId }, id),
  transferred: (ms: number, ticketId: string, fromWindowId: string, toCategoryId: string, id?: string) =>
    event("ticket.transferred", ms, { ticketId, fromWindowId, toCategoryId }, id),
  started: (ms: number, ticketId: string, windowId: string, id?: string) => event("service.started", ms, { ticketId, windowId }, id),
  completed: (ms: number, ticketId: string, windowId: string, id?: string) =>
    event("service.completed", ms, { ticketId, windowId, outcome: "done" }, id),
  evaluated: (ms: number, ticketId: string, windowId: string, rating: number, id?: string) =>
    event("evaluation.submitted", ms, { ticketId, windowId, rating }, id),
};

/** Folds the events, in the given order, into a fresh fact store. */
export function factsOf(events: readonly HallEvent[]): HallFacts {
  const facts = new HallFacts();
  for (const e of events) facts.add(e);
  return facts;
}

/** computeLoadView over [from, to), with the day start taken from the hall's time zone. */
export function viewOf(
  eventsOrFacts: readonly HallEvent[] | HallFacts,
  hall: HallConfig,
  from: number,
  to: number,
  live = false,
): LoadView {
  const facts = eventsOrFacts instanceof HallFacts ? eventsOrFacts : factsOf(eventsOrFacts);
  return computeLoadView(facts, hall, { hallId: HALL_ID, from, to, live, dayStart: startOfLocalDay(to, hall.timezone) });
}

/** The rank the fact store gives each event type (the contract's order). */
export const RANK = {
  "window.opened": 0,
  "window.paused": 1,
  "window.resumed": 2,
  "window.closed": 3,
  "ticket.issued": 4,
  "ticket.called": 5,
  "ticket.no_show": 6,
  "ticket.transferred": 7,
  "service.started": 8,
  "service.completed": 9,
  "evaluation.submitted": 10,
} as const satisfies Record<EventType, number>;
