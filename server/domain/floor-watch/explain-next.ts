// Why a ticket is next, for the staff console. It explains `waitingTickets` (next-ticket.ts) rather
// than re-deciding: the chosen ticket is the head of that very list, and the rule named is the first
// criterion of `callOrder` that puts it before the runner-up. So the console can never explain a
// ticket other than the one call.next calls. Note what the order does NOT contain: appointments (预约)
// have no precedence, and a ticket transferred back waits from its transfer, like any new entry.
import type { Priority } from "../../../contract/index.js";
import type { TicketFacts } from "../facts.js";
import type { HallFacts } from "../hall-facts.js";
import { waitingTickets, type WaitingTicket } from "../next-ticket.js";
import { compareStamps, type Stamp } from "../stamp.js";

export type NextRule =
  /** Nobody else waits in the window's categories. */
  | "only_waiting"
  /** Green channel (绿色通道) before a non-green runner-up. */
  | "green_channel"
  /** Same class as the runner-up, and in its queue longer. */
  | "longest_wait"
  /** Same class and the same queue-entry millisecond as the runner-up: the smaller ticket id. */
  | "tie_by_ticket_id";

export interface NextExplanation {
  ticketId: string;
  ticketNo: string;
  categoryId: string;
  priority: Priority;
  rule: NextRule;
  /** Minutes since it entered the queue it waits in. */
  waitedMinutes: number;
  /** That queue entry: its issue, or a transfer into this category (it waits from the transfer). */
  queuedFrom: "issue" | "transfer";
  /** Other tickets waiting in the window's categories, all called after it. */
  aheadOf: number;
  /** Of those, how many entered their queue before it (what the green channel jumped). */
  overtook: number;
  runnerUp: { ticketId: string; ticketNo: string; priority: Priority; waitedMinutes: number } | null;
}

/** The same inputs as waitingTickets (or its result, when the caller has it already); null when nobody waits. */
export function explainNext(
  facts: HallFacts,
  categories: readonly string[],
  at: number,
  exclude: ReadonlySet<string> = new Set(),
  order: readonly WaitingTicket[] = waitingTickets(facts, categories, at, exclude),
): NextExplanation | null {
  const next = order[0];
  if (!next) return null;
  const second = order[1];
  const minutes = (w: WaitingTicket) => (at - w.since) / 60_000;
  return {
    ticketId: next.ticketId,
    ticketNo: next.ticketNo,
    categoryId: next.categoryId,
    priority: next.priority,
    rule: ruleBetween(next, second),
    waitedMinutes: minutes(next),
    queuedFrom: queuedFrom(facts.tickets.get(next.ticketId), at),
    aheadOf: order.length - 1,
    overtook: order.slice(1).filter((w) => w.since < next.since).length,
    runnerUp: second ? { ticketId: second.ticketId, ticketNo: second.ticketNo, priority: second.priority, waitedMinutes: minutes(second) } : null,
  };
}

/** The first criterion of callOrder that separates `a` (first) from `b`. */
export function ruleBetween(a: WaitingTicket, b: WaitingTicket | undefined): NextRule {
  if (!b) return "only_waiting";
  if ((a.priority === "green") !== (b.priority === "green")) return "green_channel";
  if (a.since !== b.since) return "longest_wait";
  return "tie_by_ticket_id";
}

/** Whether the ticket's latest queue entry by `at` is a transfer (as waitingAt picks it). */
function queuedFrom(t: TicketFacts | undefined, at: number): "issue" | "transfer" {
  const issue = t?.issues[0];
  let latest: Stamp | undefined = issue && issue.ts <= at ? issue : undefined;
  let transfer = false;
  for (const tr of t?.transfers ?? []) {
    if (tr.ts > at) break;
    if (!latest || compareStamps(tr, latest) > 0) {
      latest = tr;
      transfer = true;
    }
  }
  return transfer ? "transfer" : "issue";
}
