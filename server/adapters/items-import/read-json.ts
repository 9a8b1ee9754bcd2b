// JSON text → items: an array of objects with our field names (or { items: [...] }), each checked with serviceItemSchema.
import { serviceItemSchema, type ImportError, type ServiceItem } from "../../../contract/index.js";

export interface JsonRead {
  items: ServiceItem[];
  /** Per item: row = its position (first = 1), column = the field path ("materials.1.form"); row 0 = the whole file. */
  errors: ImportError[];
  /** Position of each item in `items` (first = 1). */
  rows: number[];
}

const kindOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : `a ${typeof v}`);

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== "object" || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

export function readJson(text: string): JsonRead {
  const fail = (message: string): JsonRead => ({ items: [], errors: [{ row: 0, column: "", message }], rows: [] });
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    return fail(`not valid JSON (${e instanceof Error ? e.message : String(e)})`.slice(0, 300));
  }
  const list = Array.isArray(data) ? data : data !== null && typeof data === "object" && Array.isArray((data as { items?: unknown }).items) ? ((data as { items: unknown[] }).items) : null;
  if (list === null) return fail(`expected a JSON array of items or { "items": [...] }, got ${kindOf(data)}`);

  const items: ServiceItem[] = [];
  const rows: number[] = [];
  const errors: ImportError[] = [];
  list.forEach((entry, i) => {
    const row = i + 1;
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
      errors.push({ row, column: "", message: `expected an object, got ${kindOf(entry)}` });
      return;
    }
    const parsed = serviceItemSchema.safeParse(entry);
    if (parsed.success) {
      items.push(parsed.data);
      rows.push(row);
      return;
    }
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join(".");
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) errors.push({ row, column: path === "" ? key : `${path}.${key}`, message: "unknown field" });
      } else {
        errors.push({ row, column: path, message: valueAt(entry, issue.path) === undefined ? "required" : issue.message });
      }
    }
  });
  return { items, errors, rows };
}
