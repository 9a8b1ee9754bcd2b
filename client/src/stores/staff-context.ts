// What the console may do next: the window's state and the ticket at it, as the last staff.view showed
// them and as the actions still waiting to be sent will leave them, and which commands that allows.
// Used only to enable buttons and shortcuts (so that a person can go on working while offline); what is
// shown as done is only what the server acknowledged.
import type { StaffView, WindowState } from "../../../contract/index.js";
import type { PendingAction } from "./pending-actions.js";

export const COMMANDS = ["callNext", "recall", "start", "complete", "noShow", "transfer", "evaluate", "open", "pause", "resume", "close"] as const;
export type Command = (typeof COMMANDS)[number];

export interface TicketRef {
  ticketId: string;
  ticketNo: string;
  categoryId: string | null;
}

export interface ConsoleContext {
  state: WindowState | null;
  ticket: (TicketRef & { phase: "called" | "serving" }) | null;
  /** A call.next waits for its answer: which ticket it calls is not known yet. */
  callPending: boolean;
}

export function projectContext(view: StaffView | null, pending: readonly PendingAction[]): ConsoleContext {
  const cur = view?.currentTicket ?? null;
  const ctx: ConsoleContext = {
    state: view?.window.state ?? null,
    ticket: cur ? { ticketId: cur.ticketId, ticketNo: cur.ticketNo, categoryId: cur.categoryId, phase: cur.phase } : null,
    callPending: false,
  };
  for (const p of pending) {
    if (p.status === "refused") continue;
    const a = p.action;
    const sameTicket = ctx.ticket !== null && a.ticketId === ctx.ticket.ticketId;
    switch (a.type) {
      case "window.opened":
      case "window.resumed":
        ctx.state = "open";
        break;
      case "window.paused":
        ctx.state = "paused";
        break;
      case "window.closed":
        ctx.state = "closed";
        ctx.ticket = null;
        break;
      case "call.next":
        ctx.callPending = true;
        ctx.ticket = null;
        break;
      case "service.started":
        if (sameTicket && ctx.ticket) ctx.ticket = { ...ctx.ticket, phase: "serving" };
        break;
      case "service.completed":
      case "ticket.no_show":
      case "ticket.transferred":
        if (sameTicket) ctx.ticket = null;
        break;
      case "ticket.called":
      case "evaluation.submitted":
        break;
      default: {
        const unreachable: never = a.type;
        throw new Error(`unhandled action ${String(unreachable)}`);
      }
    }
  }
  return ctx;
}

/** Which commands make sense now. `lastServed` is the completed ticket still to be rated, if any. */
export function availableCommands(ctx: ConsoleContext, lastServed: TicketRef | null): Set<Command> {
  const ok = new Set<Command>();
  const { state, ticket } = ctx;
  if (state === "closed") ok.add("open");
  if (state === "open") ok.add("pause");
  if (state === "paused") ok.add("resume");
  if (state === "open" || state === "paused") ok.add("close");
  if (state === "open" && !ticket && !ctx.callPending) ok.add("callNext");
  if (ticket?.phase === "called") {
    ok.add("recall");
    ok.add("noShow");
    ok.add("start");
  }
  if (ticket?.phase === "serving") ok.add("complete");
  if (ticket) ok.add("transfer");
  if (lastServed) ok.add("evaluate");
  return ok;
}
