// One row of a CSV/XLSX list → a service item, or errors naming the row (file line, header = 1) and the
// column (by its header as in the file).
import { ITEM_FIELDS, serviceItemSchema, type ImportError, type ItemField, type ServiceItem } from "../../../contract/index.js";
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
  const failed = new Set<ItemField>();
  const take = <T>(field: ItemField, read: Read<T>): T | undefined => {
    if (read.ok) return read.value;
    failed.add(field);
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

  // Absent optional values: let the schema's defaults apply; a required one is then reported by the schema.
  for (const [k, v] of Object.entries(draft)) if (v === null && (k === "promisedDays" || k === "maxVisits")) delete draft[k];
  const parsed = serviceItemSchema.safeParse(draft);
  if (parsed.success && errors.length === 0) return { item: parsed.data, errors };
  // The schema's verdict on the cells the readers accepted, so that a row reports all its errors at once
  // (a cell a reader refused is left out of the draft and already has its error).
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "code") as ItemField;
      if (failed.has(field)) continue;
      const missing = draft[field] === undefined;
      // A material's issue says which material, as readMaterials does ("material 2: …").
      const where = field === "materials" && typeof issue.path[1] === "number" ? `material ${issue.path[1] + 1}: ` : "";
      const message = missing ? "required" : `${where}${issue.message}`;
      if (errors.some((e) => e.column === header(field) && e.message === message)) continue;
      errors.push({ row: line, column: header(field), message });
    }
  }
  // In the file's column order, as the administrator reads the row (unmapped fields last).
  const position = new Map<string, number>();
  for (const f of ITEM_FIELDS) position.set(header(f), mapping.columns[f] ?? Number.MAX_SAFE_INTEGER);
  errors.sort((a, b) => (position.get(a.column) ?? 0) - (position.get(b.column) ?? 0));
  return { item: null, errors };
}
