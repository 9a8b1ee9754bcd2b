// The fact types that events fold into. Each fact keeps its Stamp so lists stay canonically sorted.
import type { Outcome, Priority } from "../../contract/index.js";
import type { Stamp } from "./stamp.js";

export type TransitionKind = "opened" | "paused" | "resumed" | "closed";

export interface WindowTransition extends Stamp {
  kind: TransitionKind;
  staffId?: string;
  reason?: string;
}

export interface ServiceFact extends Stamp {
  ticketId: string;
  windowId: string;
  kind: "started" | "completed";
  outcome?: Outcome;
  requestedMaterials?: string[];
}

export interface CallFact extends Stamp {
  ticketId: string;
  windowId: string;
}

/** A no-show or a transfer away: either ends the ticket's stay at the window. */
export interface LeaveFact extends Stamp {
  ticketId: string;
  windowId: string;
  kind: "no_show" | "transferred";
}

export interface EvaluationFact extends Stamp {
  ticketId: string;
  windowId: string;
  rating: number;
}

export interface IssueFact extends Stamp {
  ticketId: string;
  ticketNo: string;
  categoryId: string;
  itemCode?: string;
  channel: string;
  priority: Priority;
  caseRef?: string;
}

/** The ticket entering a category's queue: its issue, or a transfer into another category. */
export interface QueueEntry extends Stamp {
  categoryId: string;
}

export interface TransferFact extends QueueEntry {
  ticketId: string;
  fromWindowId: string;
}

export interface WindowFacts {
  transitions: WindowTransition[];
  /** Service starts and completions per ticket, sorted. */
  services: Map<string, ServiceFact[]>;
  calls: CallFact[];
  leaves: LeaveFact[];
  evaluations: EvaluationFact[];
}

export interface TicketFacts {
  /** Sorted; the first is the ticket's canonical issue (a repeated issue with another event id is ignored). */
  issues: IssueFact[];
  calls: CallFact[];
  transfers: TransferFact[];
  /** Latest fact time of this ticket, used for pruning. */
  lastTs: number;
}

export function emptyWindowFacts(): WindowFacts {
  return { transitions: [], services: new Map(), calls: [], leaves: [], evaluations: [] };
}

export function emptyTicketFacts(): TicketFacts {
  return { issues: [], calls: [], transfers: [], lastTs: -Infinity };
}
