// Simulation parameters (demand, handling times, outcomes) kept apart from the hall configuration,
// plus the fallbacks used for halls the simulator has no tuned parameters for.
import type { HallConfig } from "../contract/index.js";

/** A demand multiplier on certain days (e.g. the tax filing period, 5月20日 for marriage registration). */
export interface DemandBoost {
  /** Days of the month, inclusive range, e.g. [1, 15] for the 征期. */
  daysOfMonth?: [number, number];
  /** Calendar days as "MM-DD". */
  monthDays?: string[];
  factor: number;
}

export interface CategorySimParams {
  /** Ticket-number prefix letter: "A" → A001, A002 … (counted per category per day). */
  prefix: string;
  /** Relative daily demand; the weights are normalised against `HallSimParams.dailyTickets`. */
  demandWeight: number;
  /** Mean handling time (service.started → service.completed) in seconds. */
  meanHandleSeconds: number;
  /** Coefficient of variation of the (lognormal) handling time. */
  handleCv: number;
  /** Share of services ending `needs_materials` (补正材料 / 一次性告知). */
  needsMaterialsShare: number;
  /** Share ending `accepted` (受理, result later — 承诺件). */
  acceptedShare: number;
  /** Share ending `rejected` (不予受理). */
  rejectedShare: number;
  /** Material names the window may ask for; never personal data. */
  materials: string[];
  /** Categories a ticket of this one is plausibly transferred to (转窗). */
  transferTo: string[];
  /** Share of needs_materials applicants who come back the same day with the material (same caseRef). */
  returnShare: number;
  demandBoosts?: DemandBoost[];
}

export interface DepartmentSimParams {
  /** How many of the department's windows are usually staffed on a weekday at scale 1. */
  typicalOpenWindows: number;
}

export interface HallSimParams {
  /** Expected ticket demand of an average weekday at scale 1 (before any 限号 turn-aways). */
  dailyTickets: number;
  categories: Record<string, CategorySimParams>;
  /** Keyed by the windows' `department` text. */
  departments: Record<string, DepartmentSimParams>;
  /** Windows that stay open over the lunch break (午间不打烊). */
  lunchDutyWindows: string[];
  /** Windows open on Saturday mornings (周末不打烊); empty → closed on Saturdays. */
  saturdayWindows: string[];
  /** 限号: the kiosk refuses a ticket whose expected wait exceeds this many minutes (default 120). */
  kioskCapMinutes?: number;
}

const LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";

/** Parameters for a category the simulator knows nothing about. */
export function fallbackCategoryParams(index: number): CategorySimParams {
  const letter = LETTERS[index % LETTERS.length] as string;
  const prefix = index < LETTERS.length ? letter : `${letter}${Math.floor(index / LETTERS.length)}`;
  return {
    prefix,
    demandWeight: 1,
    meanHandleSeconds: 420,
    handleCv: 0.6,
    needsMaterialsShare: 0.06,
    acceptedShare: 0.1,
    rejectedShare: 0.01,
    materials: ["申请表", "相关证明材料"],
    transferTo: [],
    returnShare: 0.2,
  };
}

/** Parameters for a hall without tuned ones: equal demand, every window staffed, no weekend service. */
export function fallbackHallParams(hall: HallConfig): HallSimParams {
  const categories: Record<string, CategorySimParams> = {};
  hall.categories.forEach((c, i) => (categories[c.id] = fallbackCategoryParams(i)));
  const departments: Record<string, DepartmentSimParams> = {};
  for (const w of hall.windows) {
    const d = departments[w.department] ?? { typicalOpenWindows: 0 };
    d.typicalOpenWindows++;
    departments[w.department] = d;
  }
  const first = hall.windows[0];
  return {
    dailyTickets: 40 * Math.max(1, hall.windows.length),
    categories,
    departments,
    lunchDutyWindows: first ? [first.id] : [],
    saturdayWindows: [],
  };
}

/** `params` completed for `hall`: every category and department gets an entry. */
export function resolveSimParams(hall: HallConfig, params?: HallSimParams): HallSimParams {
  const fallback = fallbackHallParams(hall);
  if (!params) return fallback;
  const categories: Record<string, CategorySimParams> = {};
  const usedPrefixes = new Set<string>();
  hall.categories.forEach((c, i) => {
    const chosen = params.categories[c.id] ?? fallback.categories[c.id] ?? fallbackCategoryParams(i);
    // Ticket ids are built from the prefix, so two categories must never share one.
    let prefix = chosen.prefix;
    for (let k = i; usedPrefixes.has(prefix); k++) prefix = fallbackCategoryParams(k + LETTERS.length).prefix;
    usedPrefixes.add(prefix);
    categories[c.id] = prefix === chosen.prefix ? chosen : { ...chosen, prefix };
  });
  const departments: Record<string, DepartmentSimParams> = { ...fallback.departments };
  for (const [name, d] of Object.entries(params.departments)) if (name in departments) departments[name] = d;
  const windowIds = new Set(hall.windows.map((w) => w.id));
  return {
    dailyTickets: params.dailyTickets,
    categories,
    departments,
    lunchDutyWindows: params.lunchDutyWindows.filter((id) => windowIds.has(id)),
    saturdayWindows: params.saturdayWindows.filter((id) => windowIds.has(id)),
    ...(params.kioskCapMinutes !== undefined ? { kioskCapMinutes: params.kioskCapMinutes } : {}),
  };
}
