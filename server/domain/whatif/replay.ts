// A discrete-event replay of a day under an allocation: windows open in their intervals, call the next
// ticket of their categories (green channel first, then the longest wait) as soon as they are free, and
// spend each ticket's real handling time on it. Deterministic: a ticket without a real handling time
// draws one from its category's real times with a seeded generator.
import { coefficientOfVariation, isEligible } from "../imbalance.js";
import { unionLengthWithin, type Interval } from "../intervals.js";
import type { ReplayDay, ReplayTicket, ReplayWindow } from "./replay-input.js";

/**
 * How closely replaying a day's actual allocation reproduces the day (docs/metrics.md, "What-if replay"):
 * window utilization within 0.2, the imbalance index within 0.05, and for each category with at least 20
 * called tickets the average wait within 40% or 3 minutes. The replay is exact when staff call the next
 * ticket as soon as they are free; the gap comes from what the log cannot say (who was skipped by an
 * appointment, the work of a ticket at the window it was transferred from).
 */
export const REPLAY_TOLERANCE = { utilization: 0.2, cv: 0.05, waitShare: 0.4, waitSeconds: 180, minTickets: 20 } as const;

export interface ReplayResult {
  categories: { categoryId: string; avgWaitSeconds: number | null; maxWaitSeconds: number | null }[];
  windows: { windowId: string; utilization: number }[];
  cv: number;
}

/** mulberry32: a small, well-mixed 32-bit generator, enough for reproducible draws. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface WindowState {
  w: ReplayWindow;
  freeAt: number;
  busy: Interval[];
}

/** The earliest moment ≥ t at which the window is open, or null when it never opens again. */
function nextOpen(w: ReplayWindow, t: number): number | null {
  for (const iv of w.open) {
    if (t < iv.start) return iv.start;
    if (t < iv.end) return t;
  }
  return null;
}

export function replay(day: ReplayDay, seed = 1): ReplayResult {
  const random = rng(seed);
  const byCategory = new Map<string, number[]>();
  for (const t of day.tickets) if (t.serviceMs !== null) byCategory.set(t.categoryId, [...(byCategory.get(t.categoryId) ?? []), t.serviceMs]);
  const allTimes = day.tickets.flatMap((t) => (t.serviceMs === null ? [] : [t.serviceMs]));
  const handling = (t: ReplayTicket) => {
    if (t.serviceMs !== null) return t.serviceMs;
    const pool = byCategory.get(t.categoryId) ?? allTimes;
    return pool.length > 0 ? (pool[Math.floor(random() * pool.length)] as number) : 5 * 60_000;
  };

  const windows: WindowState[] = day.windows.map((w) => ({ w, freeAt: w.open[0]?.start ?? Infinity, busy: [] }));
  const waiting: ReplayTicket[] = [];
  const waits = new Map<string, number[]>();
  let next = 0;

  // Advance time to the next moment a window can call: the earliest free-and-open window.
  for (;;) {
    let chosen: WindowState | null = null;
    let at = Infinity;
    for (const s of windows) {
      const t = nextOpen(s.w, s.freeAt);
      if (t !== null && t < at) {
        at = t;
        chosen = s;
      }
    }
    if (!chosen || at >= day.to) break;
    while (next < day.tickets.length && (day.tickets[next] as ReplayTicket).arrival <= at) waiting.push(day.tickets[next++] as ReplayTicket);
    const pick = pickNext(waiting, chosen.w.categories);
    if (!pick) {
      // Nothing for this window now: it waits for the next arrival (or its next open interval).
      const upcoming = day.tickets.slice(next).find((t) => chosen.w.categories.includes(t.categoryId));
      chosen.freeAt = upcoming ? Math.max(upcoming.arrival, at + 1) : Infinity;
      continue;
    }
    waiting.splice(waiting.indexOf(pick), 1);
    const wait = at - pick.arrival;
    waits.set(pick.categoryId, [...(waits.get(pick.categoryId) ?? []), wait]);
    // Called at `at`; a no-show holds the window until it moves on; otherwise the citizen walks up, is
    // served (busy), and the window turns around before its next call.
    if (pick.noShowMs !== null && pick.serviceMs === null) {
      chosen.freeAt = at + pick.noShowMs + chosen.w.turnaroundMs;
      continue;
    }
    const start = at + pick.walkUpMs;
    const end = start + handling(pick);
    chosen.busy.push({ start, end });
    chosen.freeAt = end + chosen.w.turnaroundMs;
  }

  const categoryIds = [...new Set(day.tickets.map((t) => t.categoryId))].sort();
  const windowsOut = windows.map((s) => {
    const open = unionLengthWithin(s.w.open, day.from, day.to);
    return { windowId: s.w.id, utilization: open > 0 ? unionLengthWithin(s.busy, day.from, day.to) / open : 0, open };
  });
  return {
    categories: categoryIds.map((categoryId) => {
      const w = waits.get(categoryId) ?? [];
      return {
        categoryId,
        avgWaitSeconds: w.length > 0 ? w.reduce((a, b) => a + b, 0) / w.length / 1000 : null,
        maxWaitSeconds: w.length > 0 ? Math.max(...w) / 1000 : null,
      };
    }),
    windows: windowsOut.map(({ windowId, utilization }) => ({ windowId, utilization })),
    cv: coefficientOfVariation(windowsOut.filter((w) => isEligible(w.open, day.to - day.from)).map((w) => w.utilization)),
  };
}

/** Green channel (绿色通道) first, then the ticket that has waited longest; ties by ticket id. */
function pickNext(waiting: readonly ReplayTicket[], categories: readonly string[]): ReplayTicket | null {
  let best: ReplayTicket | null = null;
  for (const t of waiting) {
    if (!categories.includes(t.categoryId)) continue;
    if (
      best === null ||
      (t.priority === "green") > (best.priority === "green") ||
      ((t.priority === "green") === (best.priority === "green") && (t.arrival < best.arrival || (t.arrival === best.arrival && t.ticketId < best.ticketId)))
    )
      best = t;
  }
  return best;
}
