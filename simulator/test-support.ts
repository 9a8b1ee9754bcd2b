// Helpers shared by the simulator's tests: personal-data patterns, per-window figures from events, and a
// sink that records what a run sends.
import { parseIsoTimestamp, type HallEvent, type IngestResult } from "../contract/index.js";

/** A PRC mobile number standing as a word of its own. */
export const MOBILE_RE = /(?<![A-Za-z0-9])1[3-9]\d{9}(?![A-Za-z0-9])/;
/** An 18-character resident ID number (17 digits and a check digit) standing on its own. */
export const ID_CARD_RE = /(?<![A-Za-z0-9])\d{17}[\dXx](?![A-Za-z0-9])/;

/** Every string and number inside a JSON-like value (keys included). */
export function* textsIn(value: unknown): Generator<string> {
  if (typeof value === "string") yield value;
  else if (typeof value === "number") yield String(value);
  else if (Array.isArray(value)) for (const v of value) yield* textsIn(v);
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      yield k;
      yield* textsIn(v);
    }
  }
}

export function epoch(e: HallEvent): number {
  const ms = parseIsoTimestamp(e.ts);
  if (ms === null) throw new Error(`bad ts ${e.ts}`);
  return ms;
}

/** Open and busy milliseconds per window (busy from each service.started to its completion). */
export function windowTimes(events: readonly HallEvent[]): Map<string, { openMs: number; busyMs: number }> {
  const out = new Map<string, { openMs: number; busyMs: number }>();
  const openSince = new Map<string, number>();
  const started = new Map<string, number>();
  const get = (id: string) => {
    let w = out.get(id);
    if (!w) out.set(id, (w = { openMs: 0, busyMs: 0 }));
    return w;
  };
  for (const e of events) {
    const t = epoch(e);
    switch (e.type) {
      case "window.opened":
      case "window.resumed":
        if (!openSince.has(e.windowId)) openSince.set(e.windowId, t);
        break;
      case "window.paused":
      case "window.closed": {
        const since = openSince.get(e.windowId);
        if (since !== undefined) get(e.windowId).openMs += t - since;
        openSince.delete(e.windowId);
        break;
      }
      case "service.started":
        started.set(`${e.windowId}|${e.ticketId}`, t);
        break;
      case "service.completed": {
        const s = started.get(`${e.windowId}|${e.ticketId}`);
        if (s !== undefined) get(e.windowId).busyMs += t - s;
        started.delete(`${e.windowId}|${e.ticketId}`);
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/** Records what is sent and when; acknowledges like the server (a repeated id is a duplicate). */
export function recordingSink() {
  const sent: { event: HallEvent; at: number }[] = [];
  const ids = new Set<string>();
  return {
    sent,
    send(events: HallEvent[]): Promise<IngestResult[]> {
      const at = Date.now();
      return Promise.resolve(
        events.map((event): IngestResult => {
          sent.push({ event, at });
          if (ids.has(event.id)) return { id: event.id, status: "duplicate" };
          ids.add(event.id);
          return { id: event.id, status: "accepted" };
        }),
      );
    },
  };
}
