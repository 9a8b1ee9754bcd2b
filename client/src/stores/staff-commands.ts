// The staff console's commands (open, pause, call next, complete, rate, …) as the actions they queue:
// which fields each sends and on which ticket — the view's current one, or for a rating the ticket just
// served. Sending itself (the outbox, the window's id in each action) is the store's.
import type { Outcome, StaffActionType } from "../../../contract/index.js";
import type { TicketRef } from "./staff-context.js";

export interface StaffCommandDeps {
  /** Queues an action; returns its id. */
  send: (type: StaffActionType, fields?: Record<string, unknown>, ticketNo?: string) => string;
  /** The ticket at the window as the console sees it (the view and what still waits to be sent). */
  ticket: () => TicketRef | null;
  lastServed: () => TicketRef | null;
  setLastServed: (t: TicketRef | null) => void;
  rememberStaffId: (id: string) => void;
}

export function staffCommands({ send, ticket, lastServed, setLastServed, rememberStaffId }: StaffCommandDeps) {
  return {
    open(id: string) {
      rememberStaffId(id);
      send("window.opened", { staffId: id });
    },
    pause(reason: string | null) {
      send("window.paused", reason ? { reason } : {});
    },
    resume: () => send("window.resumed"),
    close: () => send("window.closed"),
    callNext: () => send("call.next"),
    recall() {
      const t = ticket();
      if (t) send("ticket.called", { ticketId: t.ticketId }, t.ticketNo);
    },
    noShow() {
      const t = ticket();
      if (t) send("ticket.no_show", { ticketId: t.ticketId }, t.ticketNo);
    },
    startService() {
      const t = ticket();
      if (t) send("service.started", { ticketId: t.ticketId }, t.ticketNo);
    },
    complete(outcome: Outcome, materials: string[]) {
      const t = ticket();
      if (!t) return;
      send("service.completed", { ticketId: t.ticketId, outcome, ...(outcome === "needs_materials" && materials.length > 0 ? { requestedMaterials: materials } : {}) }, t.ticketNo);
      setLastServed({ ticketId: t.ticketId, ticketNo: t.ticketNo, categoryId: t.categoryId });
    },
    transfer(toCategoryId: string) {
      const t = ticket();
      if (t) send("ticket.transferred", { ticketId: t.ticketId, toCategoryId }, t.ticketNo);
    },
    evaluate(rating: number, comment: string | null) {
      const t = lastServed();
      if (!t) return;
      send("evaluation.submitted", { ticketId: t.ticketId, rating, ...(comment ? { comment } : {}) }, t.ticketNo);
      setLastServed(null);
    },
  };
}
