// The console's activity log: one entry per action the server answered for good — done (also a
// repeat answered `duplicate`, counted once) or refused with its error. Retries and lost answers make no
// entry: the action is still in the outbox.
import type { Ack, StaffActionResult, StaffActionType } from "../../../contract/index.js";
import type { PendingAction, SettleOutcome } from "./pending-actions.js";
import type { ShownError } from "./staff-errors.js";

export interface ActivityEntry {
  id: string;
  type: StaffActionType;
  at: number;
  result: "done" | "duplicate" | "refused";
  ticketNo?: string;
  error?: ShownError;
}

export function activityEntry(item: PendingAction, answer: Ack<StaffActionResult> | "timeout", outcome: SettleOutcome, at: number): ActivityEntry | null {
  if (answer === "timeout" || (outcome !== "done" && outcome !== "refused")) return null;
  const a = item.action;
  if (answer.ok) {
    const ticketNo = answer.data.ticket?.ticketNo ?? item.ticketNo;
    return { id: a.id, type: a.type, at, result: answer.data.status === "duplicate" ? "duplicate" : "done", ...(ticketNo ? { ticketNo } : {}) };
  }
  return { id: a.id, type: a.type, at, result: "refused", error: answer.error, ...(item.ticketNo ? { ticketNo: item.ticketNo } : {}) };
}
