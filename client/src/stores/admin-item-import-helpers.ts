// Pure helpers of the item-list import: the column-mapping step's pre-filled choice, the number of data
// rows in a CSV or JSON file (so that "import the N good rows" can name N: a dry run reports the rows with
// errors, not the good ones), and the upload itself (the file's bytes as the body, not JSON).
import { ITEM_FIELDS, type ImportError, type ItemField, type ItemSource } from "../../../contract/index.js";

export const REQUIRED_FIELDS: readonly ItemField[] = ["code", "name", "department", "promisedDays", "maxVisits"];
export type Encoding = "auto" | "utf-8" | "gbk";
export const ENCODINGS: readonly Encoding[] = ["auto", "utf-8", "gbk"];

/** What POST …/items/:source answers (201, 200 for a dry run, and 400 with `error` added). */
export interface ImportAnswer {
  version: number | null;
  imported: number;
  errors: ImportError[];
  headers?: string[];
  unmapped?: string[];
  missing?: ItemField[];
  encoding?: string;
  rejectedRows: number;
  dryRun: boolean;
  error?: { code: string; message: string; field?: string };
}

/** The headers exports commonly use for each field (as the server reads them), then looser keywords. */
const KNOWN: Record<ItemField, { exact: string[]; loose: string[] }> = {
  code: { exact: ["code", "itemcode", "事项编码", "编码", "基本编码", "实施编码", "事项代码"], loose: ["编码", "编号", "代码", "code"] },
  name: { exact: ["name", "itemname", "事项名称", "名称"], loose: ["名称", "事项", "name"] },
  department: { exact: ["department", "dept", "实施部门", "部门", "实施主体", "责任部门", "办理部门"], loose: ["部门", "单位", "主体", "机关", "dept"] },
  type: { exact: ["type", "itemtype", "事项类型", "类型", "事项类别"], loose: ["类型", "类别", "type"] },
  promisedDays: { exact: ["promiseddays", "承诺时限", "承诺办结时限", "承诺期限", "承诺时限工作日"], loose: ["承诺", "办结时限", "时限", "promised"] },
  legalDays: { exact: ["legaldays", "法定时限", "法定办结时限", "法定期限"], loose: ["法定", "legal"] },
  maxVisits: { exact: ["maxvisits", "最多跑动次数", "跑动次数", "到现场次数", "到办事现场次数"], loose: ["跑动", "跑腿", "次数", "visit"] },
  fullyOnline: { exact: ["fullyonline", "是否全程网办", "全程网办", "网上办理深度", "是否网办"], loose: ["网办", "网上", "online"] },
  fees: { exact: ["fees", "fee", "收费标准", "收费", "是否收费", "收费情况"], loose: ["收费", "费用", "fee"] },
  conditions: { exact: ["conditions", "办理条件", "受理条件", "申请条件"], loose: ["条件", "condition"] },
  materials: { exact: ["materials", "申请材料", "材料", "所需材料", "申报材料"], loose: ["材料", "要件", "material"] },
  approvedAt: { exact: ["approvedat", "审批时间", "批准时间", "变更审批日期", "审批日期", "批准日期"], loose: ["审批", "批准", "approved"] },
  publishedAt: { exact: ["publishedat", "公开时间", "发布时间", "公开日期", "发布日期"], loose: ["公开", "发布", "published"] },
  effectiveAt: { exact: ["effectiveat", "生效时间", "实施日期", "生效日期", "施行日期"], loose: ["生效", "施行", "effective"] },
};

const normalize = (h: string) => h.replace(/^\uFEFF/, "").toLowerCase().replace(/[\s_\-()（）[\]【】:：/\\.。,，*]/g, "");

/**
 * The pre-filled mapping (field → header, "" = not imported): first the headers the server knows, then
 * for what is left a header the server did not use whose text contains a telling word ("编号" → code,
 * "要件清单" → materials). Each header is used once. The administrator checks and changes it.
 */
export function guessMapping(headers: readonly string[], unmapped: readonly string[] = headers): Record<ItemField, string> {
  const out = Object.fromEntries(ITEM_FIELDS.map((f) => [f, ""])) as Record<ItemField, string>;
  const used = new Set<string>();
  const norm = new Map(headers.map((h) => [h, normalize(h)]));
  const pick = (field: ItemField, ok: (n: string, h: string) => boolean) => {
    if (out[field] !== "") return;
    const h = headers.find((x) => !used.has(x) && ok(norm.get(x) ?? "", x));
    if (h !== undefined) {
      out[field] = h;
      used.add(h);
    }
  };
  for (const f of ITEM_FIELDS) pick(f, (n) => KNOWN[f].exact.includes(n) || KNOWN[f].exact.includes(n.replace(/(?:工作日|天|次)$/, "")));
  const free = new Set(unmapped);
  for (const f of ITEM_FIELDS) pick(f, (n, h) => free.has(h) && KNOWN[f].loose.some((k) => n.includes(k)));
  return out;
}

/** The chosen mapping as the server takes it: only the fields given a column. */
export function mappingQuery(draft: Partial<Record<ItemField, string>>): Partial<Record<ItemField, string>> {
  return Object.fromEntries(Object.entries(draft).filter(([, h]) => typeof h === "string" && h !== "")) as Partial<Record<ItemField, string>>;
}

/** CSV records (quotes may hold separators and line breaks), blank ones left out. */
function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  const endRecord = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== "")) records.push(cells);
    cells = [];
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRecord();
    } else cell += c;
  }
  if (cell !== "" || cells.length > 0) endRecord();
  return records;
}

/**
 * The data rows of a CSV or JSON file (rows without text left out, as the server does), or null when it
 * cannot be told here (an Excel file, unreadable JSON). The bytes are read as UTF-8: a GBK file's
 * structure (quotes, commas, line breaks) is ASCII and survives.
 */
export function countDataRows(bytes: ArrayBuffer, fileName: string): number | null {
  const text = new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
  const kind = formatOf(fileName, text);
  if (kind === "json") {
    try {
      const data: unknown = JSON.parse(text);
      const list = Array.isArray(data) ? data : Array.isArray((data as { items?: unknown } | null)?.items) ? (data as { items: unknown[] }).items : null;
      return list ? list.length : null;
    } catch {
      return null;
    }
  }
  if (kind === "csv") return Math.max(0, csvRecords(text).length - 1);
  return null;
}

function formatOf(fileName: string, text: string): "json" | "csv" | "xlsx" {
  const ext = fileName.toLowerCase().split(".").pop();
  if (ext === "xlsx" || text.startsWith("PK\u0003\u0004")) return "xlsx";
  if (ext === "json") return "json";
  if (ext === "csv") return "csv";
  return /^\s*[[{]/.test(text) ? "json" : "csv";
}

export function contentTypeOf(fileName: string): string {
  const ext = fileName.toLowerCase().split(".").pop();
  if (ext === "json") return "application/json";
  if (ext === "csv" || ext === "txt") return "text/csv";
  if (ext === "xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  return "application/octet-stream";
}

/** Rows with errors that are data rows (not the whole file, not the header). */
export function badDataRows(errors: readonly ImportError[], json: boolean): number {
  return new Set(errors.filter((e) => e.row >= (json ? 1 : 2)).map((e) => e.row)).size;
}

export interface UploadOptions {
  encoding: Encoding;
  mapping: Partial<Record<ItemField, string>> | null;
  dryRun: boolean;
  partial: boolean;
}

export function uploadPath(hallId: string, source: ItemSource, o: UploadOptions): string {
  const q = new URLSearchParams();
  if (o.encoding !== "auto") q.set("encoding", o.encoding);
  const m = o.mapping ? mappingQuery(o.mapping) : {};
  if (Object.keys(m).length > 0) q.set("mapping", JSON.stringify(m));
  if (o.dryRun) q.set("dryRun", "true");
  if (o.partial) q.set("partial", "true");
  const qs = q.toString();
  return `/api/halls/${encodeURIComponent(hallId)}/items/${source}${qs ? `?${qs}` : ""}`;
}

/** Sends the file's bytes; answers the status and the parsed body (the 400 body carries the report too). */
export async function uploadItems(token: string | null, path: string, file: Blob, fileName: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(path, {
    method: "POST",
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), "content-type": contentTypeOf(fileName) },
    body: file,
  });
  const text = await res.text();
  try {
    return { status: res.status, body: text ? JSON.parse(text) : null };
  } catch {
    return { status: res.status, body: null };
  }
}
