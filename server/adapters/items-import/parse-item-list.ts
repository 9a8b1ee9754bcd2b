// The entry point of an item-list import: bytes of a JSON, CSV or XLSX file → valid items and every error, by row and column; never throws.
import { ITEM_FIELDS, type ImportError, type ItemField, type ServiceItem } from "../../../contract/index.js";
import { mapColumns } from "../../domain/items/header-mapping.js";
import { rowToItem } from "../../domain/items/row-to-item.js";
import { findPersonalData, type PersonalDataKind } from "../../domain/personal-data.js";
import { decodeText, textEncodingOf, type DecodedEncoding, type TextEncoding } from "./decode-text.js";
import { readCsv, type Table } from "./read-csv.js";
import { readJson } from "./read-json.js";
import { readXlsx } from "./read-xlsx.js";

export const ITEM_LIST_FORMATS = ["json", "csv", "xlsx"] as const;
export type ItemListFormat = (typeof ITEM_LIST_FORMATS)[number];

export interface ParseItemListInput {
  bytes: Uint8Array;
  format: ItemListFormat;
  /** "utf-8", "gbk" or "gb18030" (also "utf8", "gb2312", "cp936"); detected when absent. CSV and JSON only. */
  encoding?: string;
  /** The column-mapping step's choice: field → header as in the file. Wins over the known synonyms. */
  mapping?: Partial<Record<ItemField, string>>;
}

export interface ParsedItemList {
  /** The valid items, in file order. The caller imports nothing when `errors` is not empty, unless the administrator chose a partial import. */
  items: ServiceItem[];
  /** By row (file line with header = 1 for CSV/XLSX, item position for JSON; 0 = the file as a whole), then column order. */
  errors: ImportError[];
  /** CSV/XLSX: the header row as in the file, for the column-mapping step. */
  headers?: string[];
  /** CSV/XLSX: headers no field is mapped to. */
  unmapped?: string[];
  /** CSV/XLSX: required fields without a column. */
  missing?: ItemField[];
  /** CSV/XLSX: the header each field was read from (synonyms or the explicit mapping), for the mapping step. */
  columns?: Partial<Record<ItemField, string>>;
  /** CSV/JSON: the encoding the text was read with. */
  encoding?: DecodedEncoding;
}

const FIELD_LABELS: Record<ItemField, string> = {
  code: "事项编码",
  name: "事项名称",
  department: "实施部门",
  type: "事项类型",
  promisedDays: "承诺时限",
  legalDays: "法定时限",
  maxVisits: "最多跑动次数",
  fullyOnline: "是否全程网办",
  fees: "收费标准",
  conditions: "办理条件",
  materials: "申请材料",
  approvedAt: "审批时间",
  publishedAt: "公开时间",
  effectiveAt: "生效时间",
};

const fileError = (message: string): ParsedItemList => ({ items: [], errors: [{ row: 0, column: "", message }] });

export async function parseItemList(input: ParseItemListInput): Promise<ParsedItemList> {
  try {
    const result = await parse(input);
    // An empty list is no list: importing it would empty the catalogue.
    if (result.items.length === 0 && result.errors.length === 0) result.errors.push({ row: 0, column: "", message: "the file holds no items" });
    return result;
  } catch (e) {
    // A reader's unforeseen failure on a malformed file is that file's error, not the server's.
    return fileError(`the file could not be read (${e instanceof Error ? e.message : String(e)})`.slice(0, 300));
  }
}

async function parse({ bytes, format, encoding, mapping }: ParseItemListInput): Promise<ParsedItemList> {
  if (!(bytes instanceof Uint8Array)) return fileError("no file content");
  if (!(ITEM_LIST_FORMATS as readonly string[]).includes(format)) return fileError(`unknown format "${String(format)}": expected json, csv or xlsx`);
  let chosen: TextEncoding | undefined;
  if (encoding !== undefined && encoding !== "") {
    const known = typeof encoding === "string" ? textEncodingOf(encoding) : null;
    if (!known) return fileError(`unsupported encoding "${String(encoding)}": expected utf-8, gbk or gb18030`);
    chosen = known;
  }

  if (format === "xlsx") return fromTable(await readXlsx(bytes), mapping);
  if (bytes.byteLength === 0) return fileError("the file is empty");
  const decoded = decodeText(bytes, chosen);
  if (!decoded.ok) return fileError(decoded.message);
  if (decoded.text.includes("\u0000")) return { ...fileError(`not a ${format.toUpperCase()} text file (it contains NUL bytes)`), encoding: decoded.encoding };
  if (format === "csv") return { ...fromTable(readCsv(decoded.text), mapping), encoding: decoded.encoding };

  const json = readJson(decoded.text);
  const errors = [...json.errors];
  const items: ServiceItem[] = [];
  const firstAt = new Map<string, number>();
  json.items.forEach((item, i) => {
    const row = json.rows[i] as number;
    const pii = personalDataError(item, row, (field) => field);
    if (pii) {
      errors.push(pii);
      return;
    }
    const first = firstAt.get(item.code);
    if (first !== undefined) {
      errors.push({ row, column: "code", message: `duplicate item code "${item.code}" (first at item ${first})` });
      return;
    }
    firstAt.set(item.code, row);
    items.push(item);
  });
  return { items, errors: byRow(errors), encoding: decoded.encoding };
}

function fromTable(table: Table, explicit: ParseItemListInput["mapping"]): ParsedItemList {
  const { headers } = table;
  if (headers.length === 0) return { items: [], errors: table.errors };

  const errors: ImportError[] = [...table.errors];
  const chosen: Partial<Record<ItemField, string>> = {};
  for (const [field, header] of Object.entries(explicit ?? {})) {
    if (!(ITEM_FIELDS as readonly string[]).includes(field)) {
      errors.push({ row: 1, column: typeof header === "string" ? header : "", message: `the mapping names an unknown field "${field}"` });
    } else if (typeof header === "string" && header.trim() !== "") {
      chosen[field as ItemField] = header;
    }
  }
  const mapping = mapColumns(headers, chosen);
  for (const field of ITEM_FIELDS) {
    const wanted = chosen[field];
    if (wanted !== undefined && mapping.columns[field] === undefined && !mapping.missing.includes(field)) {
      errors.push({ row: 1, column: wanted, message: `the mapping puts ${field} (${FIELD_LABELS[field]}) in column "${wanted}", which is not in the file or is already used` });
    }
  }
  const columns: Partial<Record<ItemField, string>> = {};
  for (const field of ITEM_FIELDS) {
    const i = mapping.columns[field];
    if (i !== undefined) columns[field] = headers[i] as string;
  }
  const result = { headers, unmapped: mapping.unmapped, missing: mapping.missing, columns };
  if (mapping.missing.length > 0) {
    for (const field of mapping.missing) {
      const how = chosen[field] !== undefined ? `the mapped column "${chosen[field]}" is not in the file or is already used` : "map one of the file's columns to it";
      errors.push({ row: 1, column: field, message: `no column for the required field ${field} (${FIELD_LABELS[field]}): ${how}` });
    }
    return { items: [], errors: byRow(errors), ...result };
  }

  const items: ServiceItem[] = [];
  const codeHeader = headers[mapping.columns.code as number] ?? "code";
  const firstAt = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const r = rowToItem(headers, mapping, cells, line);
    errors.push(...r.errors);
    if (!r.item) continue;
    const pii = personalDataError(r.item, line, (field) => columns[field as ItemField] ?? field);
    if (pii) {
      errors.push(pii);
      continue;
    }
    const first = firstAt.get(r.item.code);
    if (first !== undefined) {
      errors.push({ row: line, column: codeHeader, message: `duplicate item code "${r.item.code}" (first on line ${first})` });
      continue;
    }
    firstAt.set(r.item.code, line);
    items.push(r.item);
  }
  return { items, errors: byRow(errors), ...result };
}

const PERSONAL_DATA_MESSAGE: Record<PersonalDataKind, string> = {
  mobile: "looks like a mobile phone number; personal data is not accepted",
  id_card: "looks like a resident ID number; personal data is not accepted",
};

/**
 * A row whose item holds a PRC mobile or resident ID number (item lists are shown to staff, on the wall's
 * consistency panel and in exports): an error naming the column, never the value.
 */
function personalDataError(item: ServiceItem, row: number, columnOf: (field: string) => string): ImportError | null {
  const hit = findPersonalData(item);
  if (!hit) return null;
  return { row, column: columnOf(hit.field.split(".")[0] as string), message: PERSONAL_DATA_MESSAGE[hit.kind] };
}

/** Errors by row, keeping each row's column order (Array.prototype.sort is stable). */
const byRow = (errors: ImportError[]) => errors.sort((a, b) => a.row - b.row);

/**
 * The format of an uploaded list: a zip (XLSX) by its magic bytes, else an explicit JSON/CSV/XLSX
 * content type, else JSON when the first non-blank character is [ or {, else CSV.
 */
export function detectFormat(contentType: string | null | undefined, bytes: Uint8Array): ItemListFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return "xlsx";
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "application/json" || type.endsWith("+json")) return "json";
  if (type === "text/csv") return "csv";
  if (type === "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") return "xlsx";
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x5b || bytes[i] === 0x7b ? "json" : "csv";
}
