// The hall as the Monte Carlo sees it at `now`: the waiting tickets in the order the hall calls them
// (next-ticket.ts), and each configured window that can still call — open and free, open and busy with
// a ticket called some time ago, or paused (it may come back).
import type { HallConfig } from "../../../contract/index.js";
import type { HallFacts } from "../hall-facts.js";
import type { WindowFacts } from "../facts.js";
import { queueEntryBefore, waitingTickets, type WaitingTicket } from "../next-ticket.js";
import { compareStamps } from "../stamp.js";
import { stateAt } from "../window-timeline.js";
import { firstCalls } from "./cycle-samples.js";

export type WindowStart =
  /** Open with nobody at the counter: calls at once. */
  | { kind: "free" }
  /** Open, its current ticket called `elapsedMs` ago, in `categoryId` (null when unknown). */
  | { kind: "busy"; elapsedMs: number; categoryId: string | null }
  /** Paused `elapsedMs` ago. */
  | { kind: "paused"; elapsedMs: number };

export interface SnapshotWindow {
  windowId: string;
  categories: readonly string[];
  start: WindowStart;
}

export interface HallSnapshot {
  now: number;
  /** Every waiting ticket of a configured category, first-to-be-called first (callOrder). */
  waiting: WaitingTicket[];
  /** Configured windows that are open or paused now (closed windows call nobody). */
  windows: SnapshotWindow[];
}

export function hallSnapshot(facts: HallFacts, hall: HallConfig, now: number): HallSnapshot {
  const waiting = waitingTickets(facts, hall.categories.map((c) => c.id), now);
  const windows: SnapshotWindow[] = [];
  for (const cfg of hall.windows) {
    const w = facts.windows.get(cfg.id);
    if (!w) continue;
    const st = stateAt(w.transitions, now);
    if (st.state === "closed") continue;
    const start: WindowStart = st.state === "paused" ? { kind: "paused", elapsedMs: now - (st.since ?? now) } : openWindowStart(facts, w, st.since ?? now, now);
    windows.push({ windowId: cfg.id, categories: cfg.categories, start });
  }
  return { now, waiting, windows };
}

/**
 * An open window is busy when its latest called ticket (first call here, recalls ignored) was called
 * after the window last opened and has not yet left it (completed, no-show or transferred away here).
 */
function openWindowStart(facts: HallFacts, w: WindowFacts, openSince: number, now: number): WindowStart {
  const last = firstCalls(w, now).at(-1);
  if (!last || last.ts < openSince) return { kind: "free" };
  const after = (s: { ts: number; rank: number; eventId: string }) => s.ts <= now && compareStamps(s, last) > 0;
  const services = w.services.get(last.ticketId) ?? [];
  if (services.some((f) => f.kind === "completed" && after(f))) return { kind: "free" };
  if (w.leaves.some((l) => l.ticketId === last.ticketId && after(l))) return { kind: "free" };
  const t = facts.tickets.get(last.ticketId);
  const categoryId = (t ? queueEntryBefore(t, last) : null)?.categoryId ?? t?.issues[0]?.categoryId ?? null;
  return { kind: "busy", elapsedMs: now - last.ts, categoryId };
}
