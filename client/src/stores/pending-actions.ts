// The console's outbox: every action waits here — persisted in local storage, so a reload keeps it —
// until the server acknowledges it. It is sent in order with the id it was given when it was made, so a
// resend after a lost connection or a lost ack is acknowledged `duplicate`, never counted twice. Only an
// `{ ok: true }` ack removes an action; a refusal stays, visibly, until the person dismisses it; a
// transient failure (storage, server starting, no answer) waits to be sent again.
import { ID_PATTERN, isStaffActionType, type Ack, type AckError, type ErrorCode, type StaffActionType } from "../../../contract/index.js";

/** An action as the console sends it: `{ id, type, ...fields }` (contract/staff.ts). */
export type OutgoingAction = { id: string; type: StaffActionType } & Record<string, unknown>;

export interface PendingAction {
  action: OutgoingAction;
  /** What the console shows about it (never sent: the action's schema is strict). */
  ticketNo?: string;
  /** When the person pressed it (ms, this computer's clock). */
  queuedAt: number;
  status: "waiting" | "sending" | "refused";
  /** The refusal, or the last transient failure of a waiting action (null after a lost answer). */
  error: AckError | null;
  attempts: number;
}

/** Failures that may heal by themselves: the action stays waiting and is sent again (same id). */
export const TRANSIENT_CODES: readonly ErrorCode[] = ["storage_unavailable", "not_ready", "rate_limited", "internal"];

export type SettleOutcome = "done" | "refused" | "retry" | "unknown";

/** A fresh action id, matching the contract's id pattern; `st-` marks it as made by a staff console. */
export function newActionId(uuid: () => string = () => globalThis.crypto.randomUUID()): string {
  return `st-${uuid()}`;
}

export function enqueue(list: readonly PendingAction[], action: OutgoingAction, now: number, ticketNo?: string): PendingAction[] {
  if (list.some((p) => p.action.id === action.id)) return [...list];
  return [...list, { action, queuedAt: now, status: "waiting", error: null, attempts: 0, ...(ticketNo ? { ticketNo } : {}) }];
}

/** The next action to send: the oldest waiting one (one at a time keeps the order: open before call). */
export function nextToSend(list: readonly PendingAction[]): PendingAction | undefined {
  return list.find((p) => p.status === "waiting");
}

export function markSending(list: readonly PendingAction[], id: string): PendingAction[] {
  return list.map((p) => (p.action.id === id ? { ...p, status: "sending", attempts: p.attempts + 1 } : p));
}

/** After a lost connection no ack will come for what was in flight: it waits to be sent again. */
export function resetSending(list: readonly PendingAction[]): PendingAction[] {
  return list.map((p) => (p.status === "sending" ? { ...p, status: "waiting" } : p));
}

/**
 * Applies the server's answer (or "timeout" when none came in time) to the action with this id.
 * `unknown` when the action is no longer in the list (an answer to a repeated send of a settled one).
 */
export function settle(list: readonly PendingAction[], id: string, answer: Ack<unknown> | "timeout"): { list: PendingAction[]; outcome: SettleOutcome } {
  const item = list.find((p) => p.action.id === id);
  if (!item) return { list: [...list], outcome: "unknown" };
  if (answer === "timeout") return { list: list.map((p) => (p === item ? { ...p, status: "waiting", error: null } : p)), outcome: "retry" };
  if (answer.ok) return { list: list.filter((p) => p !== item), outcome: "done" };
  const transient = TRANSIENT_CODES.includes(answer.error.code);
  const status = transient ? "waiting" : "refused";
  return { list: list.map((p) => (p === item ? { ...p, status, error: answer.error } : p)), outcome: transient ? "retry" : "refused" };
}

/** Removes a refused action once the person has seen it; waiting actions cannot be dismissed. */
export function dismiss(list: readonly PendingAction[], id: string): PendingAction[] {
  return list.filter((p) => !(p.action.id === id && p.status === "refused"));
}

export function serialize(list: readonly PendingAction[]): string {
  return JSON.stringify(list);
}

/** Reads a stored list, dropping anything malformed; what was being sent waits to be sent again. */
export function deserialize(text: string | null): PendingAction[] {
  if (!text) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const out: PendingAction[] = [];
  for (const item of raw as unknown[]) {
    if (item === null || typeof item !== "object") continue;
    const p = item as Partial<PendingAction>;
    const a = p.action as Partial<OutgoingAction> | undefined;
    if (!a || typeof a.id !== "string" || !ID_PATTERN.test(a.id) || !isStaffActionType(a.type)) continue;
    if (out.some((o) => o.action.id === a.id)) continue;
    const status = p.status === "refused" ? "refused" : "waiting";
    out.push({
      action: a as OutgoingAction,
      ...(typeof p.ticketNo === "string" ? { ticketNo: p.ticketNo } : {}),
      queuedAt: typeof p.queuedAt === "number" ? p.queuedAt : 0,
      status,
      error: status === "refused" && p.error && typeof p.error === "object" ? (p.error as AckError) : null,
      attempts: typeof p.attempts === "number" ? p.attempts : 0,
    });
  }
  return out;
}
