// What the hall has measured about its own pace: per category, how long a window is taken by one ticket
// (its "cycle": from the ticket's call to the window's next call of another ticket), and how long
// pauses last. A cycle — not start→completion — is what empties a queue: it includes the walk-up,
// recalls, no-shows (which hold a window too), transfers away and the turnaround before the next call.
import type { HallConfig } from "../../../contract/index.js";
import type { HallFacts } from "../hall-facts.js";
import type { CallFact, WindowFacts } from "../facts.js";
import { queueEntryBefore } from "../next-ticket.js";
import { openMsWithin } from "../window-timeline.js";
import { latestCallOfEntriesBy, type QueueStays } from "./queue-stays.js";

/** Samples older than this are not "recent" (the live facts keep 48 hours). */
export const SAMPLE_LOOKBACK_MS = 24 * 60 * 60 * 1000;
/** The latest this many cycles per category are kept (recent pace, not last month's). */
export const CYCLES_PER_CATEGORY = 60;
/** The hall-wide fallback keeps this many. */
export const CYCLES_HALL_WIDE = 300;
export const PAUSES_KEPT = 100;

export interface PaceSamples {
  /** Cycle lengths in ms per category (the category the ticket was called from), ascending. */
  byCategory: Map<string, number[]>;
  /** The hall's latest cycles of any category, ascending. */
  hallWide: number[];
  /** Lengths of pauses that ended with window.resumed, ascending. */
  pauses: number[];
  /** How long an idle window takes to call a ticket that arrives (staff notice it, press 叫号), ascending. */
  pickups: number[];
  /** Pauses begun per millisecond of open time (breaks and lunch alike): how often a working window stops. */
  pauseRate: number;
}

interface Timed {
  ms: number;
  at: number;
}

/** The latest `keep` samples (by the time they became known), as ascending lengths. */
function latest(list: Timed[], keep: number): number[] {
  list.sort((a, b) => b.at - a.at);
  return list.slice(0, keep).map((s) => s.ms).sort((a, b) => a - b);
}

export function paceSamples(facts: HallFacts, hall: HallConfig, stays: ReadonlyMap<string, QueueStays>, now: number): PaceSamples {
  const since = now - SAMPLE_LOOKBACK_MS;
  const cycles = new Map<string, Timed[]>();
  const all: Timed[] = [];
  const pauses: Timed[] = [];
  const pickups: Timed[] = [];
  let pauseCount = 0;
  let openMs = 0;
  for (const cfg of hall.windows) {
    const w = facts.windows.get(cfg.id);
    if (!w) continue;
    openMs += openMsWithin(w.transitions, since, now);
    pauseCount += w.transitions.filter((t) => t.kind === "paused" && t.ts >= since && t.ts <= now).length;
    const backlogged = (a: number, b: number) => cfg.categories.some((c) => latestCallOfEntriesBy(stays.get(c), a) >= b);
    for (const s of windowCycles(facts, w, since, now, backlogged, pickups)) {
      all.push(s);
      const list = cycles.get(s.categoryId);
      if (list) list.push(s);
      else cycles.set(s.categoryId, [s]);
    }
    pauses.push(...windowPauses(w, since, now));
  }
  const byCategory = new Map<string, number[]>();
  for (const [categoryId, list] of cycles) byCategory.set(categoryId, latest(list, CYCLES_PER_CATEGORY));
  return { byCategory, hallWide: latest(all, CYCLES_HALL_WIDE), pauses: latest(pauses, PAUSES_KEPT), pickups: latest(pickups, PAUSES_KEPT), pauseRate: openMs > 0 ? pauseCount / openMs : 0 };
}

/** The window's calls of distinct tickets in order (a recall of a ticket already called here is skipped). */
export function firstCalls(w: WindowFacts, until: number): CallFact[] {
  const out: CallFact[] = [];
  const seen = new Set<string>();
  for (const c of w.calls) {
    if (c.ts > until) break;
    if (seen.has(c.ticketId)) continue;
    seen.add(c.ticketId);
    out.push(c);
  }
  return out;
}

/**
 * Cycles of one window: consecutive first calls a → b, kept only when the window had work all along —
 * some ticket of its categories waited from a's call until b's call or later (b itself, or one another
 * window took after b). Asking instead whether b was already waiting at a's call would drop the cycles
 * in which a late-arriving priority ticket became b, which are the long ones; asking whether b came
 * before a left would favour long services. Either would make the hall look faster or slower than it
 * is. The cycle is the window's open time between the calls: a break in between is left out rather
 * than the sample dropped (a break falls due more often inside a long cycle).
 */
function windowCycles(facts: HallFacts, w: WindowFacts, since: number, now: number, backlogged: (a: number, b: number) => boolean, pickups: Timed[]): (Timed & { categoryId: string })[] {
  const out: (Timed & { categoryId: string })[] = [];
  const calls = firstCalls(w, now);
  for (let i = 0; i + 1 < calls.length; i++) {
    const a = calls[i] as CallFact;
    const b = calls[i + 1] as CallFact;
    if (b.ts < since) continue;
    const bFacts = facts.tickets.get(b.ticketId);
    const aFacts = facts.tickets.get(a.ticketId);
    const bEntry = bFacts ? queueEntryBefore(bFacts, b) : null;
    const aCategory = (aFacts ? queueEntryBefore(aFacts, a) : null)?.categoryId ?? aFacts?.issues[0]?.categoryId;
    if (!bEntry || aCategory === undefined) continue;
    if (!backlogged(a.ts, b.ts)) {
      // The window ran out of work: if b came after a had left, b's wait is the window's pickup time.
      const left = departure(w, a);
      if (left !== null && bEntry.ts >= left && openMsWithin(w.transitions, bEntry.ts, b.ts) === b.ts - bEntry.ts) pickups.push({ ms: b.ts - bEntry.ts, at: b.ts });
      continue;
    }
    const ms = openMsWithin(w.transitions, a.ts, b.ts);
    if (ms > 0) out.push({ categoryId: aCategory, ms, at: b.ts });
  }
  return out;
}

/** When the ticket called by `a` left the window: its completion, no-show or transfer there; null if unknown. */
function departure(w: WindowFacts, a: CallFact): number | null {
  let left: number | null = null;
  for (const f of w.services.get(a.ticketId) ?? []) if (f.kind === "completed" && f.ts >= a.ts && (left === null || f.ts < left)) left = f.ts;
  for (const l of w.leaves) if (l.ticketId === a.ticketId && l.ts >= a.ts && (left === null || l.ts < left)) left = l.ts;
  return left;
}

/** Pauses that ended with a resume (a pause ended by closing is the end of the day, not a break). */
function windowPauses(w: WindowFacts, since: number, now: number): Timed[] {
  const out: Timed[] = [];
  for (let i = 0; i + 1 < w.transitions.length; i++) {
    const p = w.transitions[i] as { ts: number; kind: string };
    const r = w.transitions[i + 1] as { ts: number; kind: string };
    if (p.kind !== "paused" || r.kind !== "resumed" || r.ts > now || r.ts < since) continue;
    out.push({ ms: r.ts - p.ts, at: r.ts });
  }
  return out;
}
