// One row of a CSV/XLSX list → a service item, or errors naming the row (file line, header = 1) and the
// column (by its header as in the file).
import { serviceItemSchema, type ImportError, type ItemField, type ServiceItem } from "../../../contract/index.js";
import { cellText, readBoolean, readDate, readMaterials, readWholeNumber, type Cell, type Read } from "./cell-values.js";
import type { ColumnMapping } from "./header-mapping.js";

export interface RowResult {
  item: ServiceItem | null;
  errors: ImportError[];
}

const TEXT_FIELDS = ["code", "name", "department", "type", "fees", "conditions"] as const;

export function rowToItem(headers: readonly string[], mapping: ColumnMapping, cells: readonly Cell[], line: number): RowResult {
  const errors: ImportError[] = [];
  const header = (field: ItemField) => {
    const i = mapping.columns[field];
    return i === undefined ? field : (headers[i] ?? field);
  };
  const cell = (field: ItemField): Cell => {
    const i = mapping.columns[field];
    return i === undefined ? undefined : cells[i];
  };
  const take = <T>(field: ItemField, read: Read<T>): T | undefined => {
    if (read.ok) return read.value;
    errors.push({ row: line, column: header(field), message: read.message });
    return undefined;
  };

  const draft: Record<string, unknown> = {};
  for (const f of TEXT_FIELDS) draft[f] = cellText(cell(f));
  draft.promisedDays = take("promisedDays", readWholeNumber(cell("promisedDays"), { instantIsZero: true }));
  draft.legalDays = take("legalDays", readWholeNumber(cell("legalDays"), { instantIsZero: true }));
  draft.maxVisits = take("maxVisits", readWholeNumber(cell("maxVisits")));
  draft.fullyOnline = take("fullyOnline", readBoolean(cell("fullyOnline")));
  draft.materials = take("materials", readMaterials(cell("materials")));
  for (const f of ["approvedAt", "publishedAt", "effectiveAt"] as const) draft[f] = take(f, readDate(cell(f)));
  if (errors.length > 0) return { item: null, errors };

  // Absent optional values: let the schema's defaults apply; a required one is then reported by the schema.
  for (const [k, v] of Object.entries(draft)) if (v === null && (k === "promisedDays" || k === "maxVisits")) delete draft[k];
  const parsed = serviceItemSchema.safeParse(draft);
  if (parsed.success) return { item: parsed.data, errors };
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "code") as ItemField;
    const missing = draft[field] === undefined;
    errors.push({ row: line, column: header(field), message: missing ? "required" : issue.message });
  }
  return { item: null, errors };
}
