// Service-item lists (事项清单 / 办事指南): the online list and the hall's list, imported as versions.
// POST/GET /api/halls/:hallId/items/:source, …/versions, …/diff, GET …/consistency (docs/consistency.md).
import { z } from "zod";
import { LONE_SURROGATE } from "./ids.js";

export const ITEM_SOURCES = ["online", "hall"] as const;
export type ItemSource = (typeof ITEM_SOURCES)[number];

export const MATERIAL_FORMS = ["original", "copy"] as const;

const text = (max: number) =>
  z
    .string({ error: "expected text" })
    .max(max, { error: `must be at most ${max} characters` })
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { error: "must not contain control characters" })
    .refine((s) => !LONE_SURROGATE.test(s), { error: "must be valid Unicode text (a lone surrogate)" });
const required = (max: number) => text(max).refine((s) => s.trim().length > 0, { error: "required" });
const days = z.number({ error: "expected a whole number of days" }).int({ error: "expected a whole number of days" }).min(0, { error: "must be 0 or more" }).max(3650, { error: "must be at most 3650" });

const DATE_OR_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
export const itemDateSchema = z
  .string({ error: "expected an ISO-8601 date or date-time" })
  .regex(DATE_OR_DATETIME, { error: "expected an ISO-8601 date or date-time" })
  .refine((s) => !Number.isNaN(Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s)) && validCalendarDate(s.slice(0, 10)), {
    error: "not a real date",
  });

function validCalendarDate(d: string): boolean {
  const [y, m, day] = d.split("-").map(Number) as [number, number, number];
  const dt = new Date(0);
  dt.setUTCFullYear(y, m - 1, day); // not Date.UTC, which reads years 0–99 as 1900–1999
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === day;
}

export const materialSchema = z.strictObject({
  name: required(200),
  form: z.enum(MATERIAL_FORMS, { error: "expected original or copy" }).default("original"),
  copies: z.number({ error: "expected a number of copies" }).int({ error: "expected a whole number" }).min(1, { error: "must be at least 1" }).max(99, { error: "must be at most 99" }).default(1),
  required: z.boolean({ error: "expected true or false" }).default(true),
});
export type Material = z.infer<typeof materialSchema>;

export const serviceItemSchema = z.strictObject({
  code: required(64),
  name: required(200),
  department: required(100),
  type: text(50).default(""),
  promisedDays: days,
  legalDays: days.nullable().optional(),
  maxVisits: z.number({ error: "expected 0, 1 or 2" }).int({ error: "expected 0, 1 or 2" }).min(0, { error: "expected 0, 1 or 2" }).max(2, { error: "expected 0, 1 or 2" }),
  fullyOnline: z.boolean({ error: "expected true or false" }).default(false),
  fees: text(500).default(""),
  conditions: text(5000).default(""),
  materials: z.array(materialSchema, { error: "expected a list of materials" }).max(200).default([]),
  approvedAt: itemDateSchema.nullable().optional(),
  publishedAt: itemDateSchema.nullable().optional(),
  effectiveAt: itemDateSchema.nullable().optional(),
});
export type ServiceItem = z.infer<typeof serviceItemSchema>;
export type ServiceItemInput = z.input<typeof serviceItemSchema>;

/** The fields a CSV/XLSX header maps onto (materials as one cell). */
export const ITEM_FIELDS = [
  "code",
  "name",
  "department",
  "type",
  "promisedDays",
  "legalDays",
  "maxVisits",
  "fullyOnline",
  "fees",
  "conditions",
  "materials",
  "approvedAt",
  "publishedAt",
  "effectiveAt",
] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];

export interface ImportError {
  /** Line in the file (header = 1); for JSON, the item's position (first = 1); 0 = the file as a whole (empty, unreadable, not that format). */
  row: number;
  /** The column's header as in the file (JSON: the field name). */
  column: string;
  message: string;
}

export interface ImportResult {
  /** The new version number, or null when nothing was imported. */
  version: number | null;
  imported: number;
  errors: ImportError[];
}

export interface ItemListVersion {
  version: number;
  source: ItemSource;
  importedAt: string;
  itemCount: number;
  format: "json" | "csv" | "xlsx";
  /** Rows left out because they had errors (partial import). */
  skippedRows: number;
}

export interface ItemChange {
  code: string;
  /** Changed scalar fields: [old, new]. */
  fields: Partial<Record<Exclude<ItemField, "materials">, [unknown, unknown]>>;
  materialsAdded: Material[];
  materialsRemoved: Material[];
}

export interface ItemDiff {
  from: number;
  to: number;
  added: ServiceItem[];
  removed: ServiceItem[];
  changed: ItemChange[];
}

/**
 * A material's name as compared between a guide and a request: without whitespace or bracketed notes
 * and in lower case, so "身份证（原件）" and "身份证" are the same material. Used by the server's
 * extra-materials rule and by the staff console's warning, so they cannot drift apart.
 */
export function normalizeMaterialName(name: string): string {
  return name.replace(/\s+/g, "").replace(/[（(].*?[）)]/g, "").toLowerCase();
}
