// The staff console's view of one window: its state, the ticket at the window, the queue of its
// categories, what call.next would pick and why, and today's own figures.
import type { HallConfig, StaffCurrentTicket, StaffNextExplanation, StaffView } from "../../contract/index.js";
import { explainNext } from "./floor-watch/explain-next.js";
import type { HallFacts } from "./hall-facts.js";
import { queueEntryBefore, waitBeforeCall, waitingIn, waitingTickets, type WaitingTicket } from "./next-ticket.js";
import { ticketWait } from "./ticket-queue.js";
import { windowFigures } from "./window-figures.js";

const iso = (ms: number) => new Date(ms).toISOString();

export function computeStaffView(
  facts: HallFacts,
  hall: HallConfig,
  hallId: string,
  windowId: string,
  now: number,
  dayStart: number,
  onlineListVersion: number | null = null,
  /** waitingTickets of every category of the hall at `now`, when the caller computes views of several windows at once. */
  hallWaiting?: readonly WaitingTicket[],
): StaffView {
  const cfg = hall.windows.find((w) => w.id === windowId);
  const categories = cfg?.categories ?? [];
  const wf = facts.windows.get(windowId);
  const day = windowFigures(wf, dayStart, now, dayStart);

  let currentTicket: StaffCurrentTicket | null = null;
  if (day.currentTicket) {
    const ticketId = day.currentTicket.ticketId;
    const t = facts.tickets.get(ticketId);
    const issue = t?.issues[0];
    const callsHere = (wf?.calls ?? []).filter((c) => c.ticketId === ticketId && c.ts <= now);
    const lastCall = callsHere[callsHere.length - 1];
    // The queue it was called from here (a transferred ticket: its new category, waited since the
    // transfer), as call.next's ack reports it; a ticket started without a call here keeps its issue.
    const entry = t && lastCall ? queueEntryBefore(t, lastCall) : null;
    const firstWait = t ? ticketWait(t) : null;
    currentTicket = {
      ticketId,
      ticketNo: issue?.ticketNo ?? "?",
      categoryId: entry?.categoryId ?? issue?.categoryId ?? null,
      itemCode: issue?.itemCode ?? null,
      priority: issue?.priority ?? "normal",
      waitedSeconds: t && lastCall ? waitBeforeCall(t, lastCall) : firstWait ? firstWait.waitMs / 1000 : null,
      phase: day.currentTicket.phase,
      since: iso(day.currentTicket.since),
      calls: callsHere.length,
    };
  }

  const waiting = hallWaiting ? waitingIn(hallWaiting, categories) : waitingTickets(facts, categories, now);
  const queue = categories.map((categoryId) => {
    const mine = waiting.filter((w) => w.categoryId === categoryId);
    const oldest = mine.reduce((m, w) => Math.min(m, w.since), Infinity);
    return {
      categoryId,
      waiting: mine.length,
      greenWaiting: mine.filter((w) => w.priority === "green").length,
      oldestWaitSeconds: mine.length > 0 ? (now - oldest) / 1000 : null,
    };
  });
  const first = waiting[0];

  return {
    hallId,
    windowId,
    at: iso(now),
    window: {
      name: cfg?.name ?? windowId,
      department: cfg?.department ?? "",
      categories: [...categories],
      state: day.state,
      stateSince: day.stateSince === null ? null : iso(day.stateSince),
    },
    currentTicket,
    queue,
    next: first
      ? {
          ticketNo: first.ticketNo,
          categoryId: first.categoryId,
          priority: first.priority,
          reason: first.priority === "green" ? "green" : "longest_wait",
          waitedSeconds: (now - first.since) / 1000,
        }
      : null,
    nextExplanation: nextExplanation(facts, categories, now, waiting),
    today: {
      served: day.served,
      avgHandleSeconds: day.handleCount > 0 ? day.handleMsTotal / day.handleCount / 1000 : null,
      ratingAvg: day.ratingCount > 0 ? day.ratingSum / day.ratingCount : null,
      ratingCount: day.ratingCount,
    },
    onlineListVersion,
  };
}

/** explainNext (the head of the same order call.next uses) in the contract's shape, minutes as seconds. */
function nextExplanation(facts: HallFacts, categories: readonly string[], now: number, waiting: readonly WaitingTicket[]): StaffNextExplanation | null {
  const e = explainNext(facts, categories, now, new Set(), waiting);
  if (!e) return null;
  return {
    ticketNo: e.ticketNo,
    categoryId: e.categoryId,
    priority: e.priority,
    rule: e.rule,
    waitedSeconds: e.waitedMinutes * 60,
    queuedFrom: e.queuedFrom,
    aheadOf: e.aheadOf,
    overtook: e.overtook,
    runnerUp: e.runnerUp ? { ticketNo: e.runnerUp.ticketNo, priority: e.runnerUp.priority, waitedSeconds: e.runnerUp.waitedMinutes * 60 } : null,
  };
}
