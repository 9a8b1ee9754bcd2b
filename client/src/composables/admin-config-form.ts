// The hall-configuration form of the admin page: an editable model (text inputs, rows with stable keys)
// that converts to and from the contract's HallConfig, validates with the contract's own zod schema, and
// maps any field path — a zod issue's or a server 400's `field` — onto the input that shows it.
import { hallConfigSchema, ID_PATTERN, type HallConfig } from "../../../contract/index.js";

export interface CategoryRow {
  key: number;
  id: string;
  name: string;
  /** Item codes as typed: separated by commas, spaces or new lines. */
  itemCodes: string;
}

export interface WindowRow {
  key: number;
  id: string;
  name: string;
  department: string;
  categories: string[];
  comprehensive: boolean;
}

/** One opening interval as edited: ISO weekday 1–7 and hall-local "HH:MM" (issue #10). */
export interface OpeningRow {
  key: number;
  weekday: number;
  from: string;
  to: string;
}

export interface ConfigForm {
  name: string;
  timezone: string;
  /** Numbers from `<input type="number">`; "" (or a string) while empty or unparsable. */
  waitMinutes: number | string;
  hotUtilization: number | string;
  coldUtilization: number | string;
  categories: CategoryRow[];
  windows: WindowRow[];
  /** The public page and open data (issue #10): off unless enabled. */
  publicEnabled: boolean;
  publicMinCellCount: number | string;
  publicLicence: string;
  /** Opening hours; none: open around the clock. */
  openingHours: OpeningRow[];
  /** Whether the loaded configuration had `public` / `openingHours` (kept even when empty or off). */
  had: { public: boolean; openingHours: boolean };
  /**
   * What the form does not edit (e.g. `followUp`, `targets.idleMinutes`, settings added later), kept as
   * loaded so that saving the form never drops them.
   */
  kept: { top: Record<string, unknown>; targets: Record<string, unknown> };
}

/** One message for one input: `key` names the input, `rest` the part inside it (e.g. the 2nd item code). */
export interface FieldIssue {
  key: string;
  rest: string[];
  message: string;
}

export const COMMON_TIME_ZONES = [
  "Asia/Shanghai",
  "Asia/Urumqi",
  "Asia/Hong_Kong",
  "Asia/Macau",
  "Asia/Taipei",
  "Asia/Tokyo",
  "Asia/Singapore",
  "Europe/London",
  "Europe/Berlin",
  "America/New_York",
  "UTC",
] as const;

let nextKey = 1;
const rowKey = () => nextKey++;

export function emptyForm(): ConfigForm {
  return {
    name: "",
    timezone: "Asia/Shanghai",
    waitMinutes: 20,
    hotUtilization: "",
    coldUtilization: "",
    categories: [],
    windows: [],
    publicEnabled: false,
    publicMinCellCount: "",
    publicLicence: "",
    openingHours: [],
    had: { public: false, openingHours: false },
    kept: { top: {}, targets: {} },
  };
}

export function newCategoryRow(): CategoryRow {
  return { key: rowKey(), id: "", name: "", itemCodes: "" };
}

export function newWindowRow(): WindowRow {
  return { key: rowKey(), id: "", name: "", department: "", categories: [], comprehensive: false };
}

export function newOpeningRow(weekday = 1, from = "09:00", to = "17:00"): OpeningRow {
  return { key: rowKey(), weekday, from, to };
}

export function formFromConfig(config: HallConfig): ConfigForm {
  const { name: _name, timezone: _timezone, categories: _categories, windows: _windows, targets, public: pub, openingHours, ...top } = config;
  const { waitMinutes: _wait, hotUtilization: _hot, coldUtilization: _cold, ...keptTargets } = targets;
  return {
    kept: { top, targets: keptTargets },
    name: config.name,
    timezone: config.timezone,
    waitMinutes: config.targets.waitMinutes,
    hotUtilization: config.targets.hotUtilization ?? "",
    coldUtilization: config.targets.coldUtilization ?? "",
    categories: config.categories.map((c) => ({ key: rowKey(), id: c.id, name: c.name, itemCodes: c.itemCodes.join(", ") })),
    windows: config.windows.map((w) => ({
      key: rowKey(),
      id: w.id,
      name: w.name,
      department: w.department,
      categories: [...w.categories],
      comprehensive: w.comprehensive ?? false,
    })),
    publicEnabled: pub?.enabled ?? false,
    publicMinCellCount: pub?.minCellCount ?? "",
    publicLicence: pub?.licence ?? "",
    openingHours: (openingHours ?? []).map((h) => newOpeningRow(h.weekday, h.from, h.to)),
    had: { public: pub !== undefined, openingHours: openingHours !== undefined },
  };
}

export function splitItemCodes(text: string): string[] {
  return text.split(/[\s,，、;；]+/).filter((s) => s !== "");
}

/** A number input's value: a number, or undefined when empty (the schema then names it). */
function numberOrUndefined(v: number | string): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  const s = v.trim();
  if (s === "") return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** `public` as the form stands for it: left out only when the hall never had it and nothing was set. */
function publicFromForm(form: ConfigForm): HallConfig["public"] {
  const min = numberOrUndefined(form.publicMinCellCount);
  const licence = form.publicLicence.trim();
  if (!form.had.public && !form.publicEnabled && min === undefined && licence === "") return undefined;
  return { enabled: form.publicEnabled, ...(min !== undefined ? { minCellCount: min } : {}), ...(licence !== "" ? { licence } : {}) };
}

/** The configuration the form stands for, exactly as PUT sends it (optional thresholds left out when empty). */
export function configFromForm(form: ConfigForm): HallConfig {
  const hot = numberOrUndefined(form.hotUtilization);
  const cold = numberOrUndefined(form.coldUtilization);
  const pub = publicFromForm(form);
  const keepHours = form.had.openingHours || form.openingHours.length > 0;
  return {
    ...form.kept.top,
    name: form.name,
    timezone: form.timezone.trim(),
    categories: form.categories.map((c) => ({ id: c.id.trim(), name: c.name, itemCodes: splitItemCodes(c.itemCodes) })),
    windows: form.windows.map((w) => ({
      id: w.id.trim(),
      name: w.name,
      department: w.department,
      categories: [...w.categories],
      ...(w.comprehensive ? { comprehensive: true } : {}),
    })),
    targets: {
      ...form.kept.targets,
      waitMinutes: numberOrUndefined(form.waitMinutes) as number,
      ...(hot !== undefined ? { hotUtilization: hot } : {}),
      ...(cold !== undefined ? { coldUtilization: cold } : {}),
    },
    ...(pub !== undefined ? { public: pub } : {}),
    ...(keepHours ? { openingHours: form.openingHours.map((h) => ({ weekday: h.weekday, from: h.from.trim(), to: h.to.trim() })) } : {}),
  };
}

const INPUT_KEYS = [
  /^hallId$/,
  /^name$/,
  /^timezone$/,
  /^targets\.(waitMinutes|hotUtilization|coldUtilization)$/,
  /^categories\.\d+\.(id|name|itemCodes)$/,
  /^windows\.\d+\.(id|name|department|categories|comprehensive)$/,
  /^public\.(enabled|minCellCount|licence)$/,
  /^openingHours\.\d+\.(weekday|from|to)$/,
  /^(targets|categories|windows|public|openingHours)$/,
];

/**
 * The input a field path belongs to: "windows.2.categories.0" → key "windows.2.categories", rest ["0"];
 * "windows.0.extra" (an unknown field) → the windows section; anything else → "form".
 */
export function inputKeyOf(path: string | readonly PropertyKey[]): { key: string; rest: string[] } {
  const parts = typeof path === "string" ? (path === "" ? [] : path.split(".")) : path.map(String);
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join(".");
    if (INPUT_KEYS.some((re) => re.test(key))) return { key, rest: parts.slice(n) };
  }
  return { key: "form", rest: parts };
}

/** Every problem of the form, by input, first problem first — the same rules the server applies. */
export function validateForm(form: ConfigForm): Map<string, FieldIssue> {
  const out = new Map<string, FieldIssue>();
  const result = hallConfigSchema.safeParse(configFromForm(form));
  if (result.success) return out;
  for (const issue of result.error.issues) {
    const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0] ?? "?"] : issue.path;
    const { key, rest } = inputKeyOf(path);
    if (!out.has(key)) out.set(key, { key, rest, message: issue.message });
  }
  return out;
}

/** The problem with a new hall's id, or null: the id pattern, and not one of the existing halls. */
export function hallIdProblem(hallId: string, existing: readonly string[]): string | null {
  if (hallId === "") return "must not be empty";
  if (!ID_PATTERN.test(hallId)) return "must be 1–64 characters of A-Z a-z 0-9 . _ : -";
  if (existing.includes(hallId)) return `hall "${hallId}" already exists`;
  return null;
}

/** A server message starts with its field ("windows.1.name: must not be empty"): the part after it. */
export function messageWithoutField(message: string, field: string | undefined): string {
  return field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}
