// What the consistency rules look at: the hall's configuration, the current online and hall lists, the
// official working-day calendar, today's date, and facts drawn from the event log.
import type { HallConfig, ServiceItem } from "../../../contract/index.js";
import type { WorkingCalendar } from "../calendar/working-calendar.js";

export interface ItemList {
  version: number;
  items: readonly ServiceItem[];
}

/** A ticket issued for a case (caseRef) and item: one visit to the hall. */
export interface Visit {
  caseRef: string;
  itemCode: string;
  /** Hall-local date of the visit. */
  date: string;
  ticketId: string;
  ticketNo: string;
}

/** A completion that requested materials from the citizen. */
export interface MaterialRequest {
  ticketId: string;
  ticketNo: string;
  itemCode: string;
  windowId: string;
  ts: string;
  materials: readonly string[];
}

/** Completions per item over the rules' look-back period. */
export interface ItemOutcomes {
  itemCode: string;
  completions: number;
  needsMaterials: number;
}

export interface ConsistencyInputs {
  hallId: string;
  hall: HallConfig;
  online: ItemList | null;
  hallList: ItemList | null;
  calendar: WorkingCalendar;
  /** Hall-local date the rules are judged on. */
  today: string;
  /**
   * Visits of the last 60 days. Giving only those of cases seen on two dates or more gives the same
   * findings (a case seen on one day passes any limit, at least one day): the service does
   * (ConsistencyFacts.repeatVisitsSince).
   */
  visits: readonly Visit[];
  materialRequests: readonly MaterialRequest[];
  /** Over the last 30 days. */
  outcomes: readonly ItemOutcomes[];
  settings?: Partial<ConsistencySettings>;
}

export interface ConsistencySettings {
  /** Working days added to an item's promised limit when counting visits (rule visit-limit). */
  visitGraceWorkingDays: number;
  /** Share of needs_materials completions above which a guide is unclear. */
  unclearShare: number;
  /** Fewest completions before judging a guide unclear. */
  unclearMinCompletions: number;
  /** How many of the most served items are considered for "promote online" advice. */
  adviceTopItems: number;
}

export const DEFAULT_SETTINGS: ConsistencySettings = {
  visitGraceWorkingDays: 5,
  unclearShare: 0.1,
  unclearMinCompletions: 10,
  adviceTopItems: 10,
};
