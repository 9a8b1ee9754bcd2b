// Builders for the consistency rules' unit tests: service items, hall configurations, rule inputs and
// the hall events ConsistencyFacts folds. Test support only (imported by *.test.ts), never by production
// code. Pure: the calendar is passed in (tests use the real one from the calendar adapter).
import type { HallConfig, HallEventOf, Material, Outcome, ServiceItem } from "../../../contract/index.js";
import type { WorkingCalendar } from "../calendar/working-calendar.js";
import { DEFAULT_SETTINGS, type ConsistencyInputs, type ConsistencySettings, type ItemList, type MaterialRequest, type Visit } from "./inputs.js";
import type { RawFinding, Rule } from "./rule.js";

export const HALL_ID = "hall-1";

/** A material of a guide: an original, one copy, required (the schema's defaults). */
export function material(name: string, over: Partial<Material> = {}): Material {
  return { name, form: "original", copies: 1, required: true, ...over };
}

/** A service item of 民政局 promising 5 days and at most one visit, no fees, two materials. */
export function item(code: string, over: Partial<ServiceItem> = {}): ServiceItem {
  return {
    code,
    name: `事项${code}`,
    department: "民政局",
    type: "行政确认",
    promisedDays: 5,
    maxVisits: 1,
    fullyOnline: false,
    fees: "",
    conditions: "",
    materials: [material("身份证"), material("申请表")],
    ...over,
  };
}

export const list = (version: number, items: readonly ServiceItem[]): ItemList => ({ version, items });

export interface CategorySpec {
  id: string;
  itemCodes: string[];
}

export interface WindowSpec {
  id: string;
  department: string;
  categories: string[];
  comprehensive?: boolean;
}

/** A hall configuration with the given categories and windows (names derived from the ids). */
export function hallOf(categories: CategorySpec[], windows: WindowSpec[]): HallConfig {
  return {
    name: "某县政务服务大厅",
    timezone: "Asia/Shanghai",
    categories: categories.map((c) => ({ id: c.id, name: `类别${c.id}`, itemCodes: [...c.itemCodes] })),
    windows: windows.map((w) => ({
      id: w.id,
      name: `窗口${w.id}`,
      department: w.department,
      categories: [...w.categories],
      ...(w.comprehensive !== undefined ? { comprehensive: w.comprehensive } : {}),
    })),
    targets: { waitMinutes: 15 },
  };
}

/** Rule inputs judged on `today` (default 2026-10-12, a Monday) with empty lists and no events. */
export function inputsOf(calendar: WorkingCalendar, over: Partial<ConsistencyInputs> = {}): ConsistencyInputs {
  return {
    hallId: HALL_ID,
    hall: hallOf([], []),
    online: null,
    hallList: null,
    calendar,
    today: "2026-10-12",
    visits: [],
    materialRequests: [],
    outcomes: [],
    ...over,
  };
}

export function settingsOf(inputs: ConsistencyInputs): ConsistencySettings {
  return { ...DEFAULT_SETTINGS, ...inputs.settings };
}

/** Evaluates one rule the way evaluateRules does (defaults merged with the inputs' settings). */
export function run(rule: Rule, inputs: ConsistencyInputs): RawFinding[] {
  return rule.evaluate(inputs, settingsOf(inputs));
}

export const keys = (findings: readonly { key: string }[]) => findings.map((f) => f.key).sort();

export function visit(caseRef: string, itemCode: string, date: string, ticketNo: string, ticketId = `t-${ticketNo}`): Visit {
  return { caseRef, itemCode, date, ticketId, ticketNo };
}

export function materialRequest(ticketNo: string, itemCode: string, materials: string[], windowId = "w1"): MaterialRequest {
  return { ticketId: `t-${ticketNo}`, ticketNo, itemCode, windowId, ts: "2026-10-12T10:00:00+08:00", materials };
}

// ---- events for ConsistencyFacts -------------------------------------------------------------

export interface IssueSpec {
  id: string;
  ts: string;
  ticketId: string;
  ticketNo?: string;
  itemCode?: string;
  caseRef?: string;
  categoryId?: string;
}

export function issued(spec: IssueSpec): HallEventOf<"ticket.issued"> {
  return {
    id: spec.id,
    hallId: HALL_ID,
    ts: spec.ts,
    type: "ticket.issued",
    ticketId: spec.ticketId,
    ticketNo: spec.ticketNo ?? spec.ticketId.toUpperCase(),
    categoryId: spec.categoryId ?? "c1",
    channel: "kiosk",
    ...(spec.itemCode !== undefined ? { itemCode: spec.itemCode } : {}),
    ...(spec.caseRef !== undefined ? { caseRef: spec.caseRef } : {}),
  };
}

export interface CompletionSpec {
  id: string;
  ts: string;
  ticketId: string;
  windowId?: string;
  outcome?: Outcome;
  requestedMaterials?: string[];
}

export function completed(spec: CompletionSpec): HallEventOf<"service.completed"> {
  return {
    id: spec.id,
    hallId: HALL_ID,
    ts: spec.ts,
    type: "service.completed",
    ticketId: spec.ticketId,
    windowId: spec.windowId ?? "w1",
    outcome: spec.outcome ?? "done",
    ...(spec.requestedMaterials !== undefined ? { requestedMaterials: spec.requestedMaterials } : {}),
  };
}
