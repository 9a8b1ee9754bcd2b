// Item-list imports (POST /api/halls/:hallId/items/:source): the spec of a file — rows, format, encoding,
// content type, query — with edited cells, duplicate codes, dropped columns and planted personal numbers.
// item-files.ts turns a spec into the bytes that are sent.
import fc from "fast-check";
import { textWithPersonalNumber } from "./arb-personal-numbers.js";
import { nastyString, plainText, weirdValue } from "./arb-values.js";
import type { Expect, Tagged } from "./tagged.js";

export const ITEM_HEADERS = ["事项编码", "事项名称", "实施部门", "事项类型", "承诺时限", "法定时限", "最多跑动次数", "是否全程网办", "收费标准", "办理条件", "申请材料", "审批时间", "公开时间", "生效时间"];
const itemRow = (i: number) =>
  fc
    .record({
      name: plainText(60),
      department: fc.constantFrom("市场监督管理局", "人社局", "自然资源局", "公安局", "税务局"),
      type: fc.constantFrom("行政许可", "行政确认", "公共服务", ""),
      promised: fc.constantFrom("即办", "1", "5个工作日", "15"),
      legal: fc.constantFrom("", "20", "30日"),
      visits: fc.constantFrom("0", "1", "2"),
      online: fc.constantFrom("是", "否"),
      fees: fc.constantFrom("不收费", "每件80元", ""),
      conditions: fc.oneof(fc.constant(""), plainText(80)),
      materials: fc.constantFrom("", "申请书", "申请书|原件|1|是；身份证|复印件|1|是", "营业执照;章程|copy|2|否"),
      date: fc.constantFrom("", "2026-03-02", "2026/10/9", "2026年10月9日"),
    })
    .map((r) => [`FZ-${String(i).padStart(4, "0")}`, r.name, r.department, r.type, r.promised, r.legal, r.visits, r.online, r.fees, r.conditions, r.materials, r.date, r.date, r.date]);

export interface ItemFileSpec {
  source: string;
  /** csv/json/xlsx built from `rows`; bytes = raw garbage; fixture = a damaged copy of a real file. */
  kind: "csv" | "json" | "xlsx" | "bytes" | "fixture";
  rows: string[][];
  encoding: "utf8" | "utf8bom" | "gbk";
  contentType: string | null;
  query: Record<string, string>;
  raw: Uint8Array;
  fixture: string;
  flips: [number, number][];
}

const asText = (v: unknown): string => {
  if (typeof v === "string") return v;
  try {
    return JSON.stringify(v) ?? "undefined";
  } catch {
    return "?";
  }
};
const cellMutation = fc.oneof(
  weirdValue.map(asText),
  nastyString,
  fc.integer({ min: 200, max: 6_000 }).map((n) => "长".repeat(n)),
  fc.constantFrom('"', '""', "a,b", "a\nb", "\r", ";;;", "|||", "=HYPERLINK(\"x\")", "-1", "99999", "2026-02-30", "是否", "\u0000"),
);

export const itemFileInput: fc.Arbitrary<Tagged<ItemFileSpec>> = fc
  .record({
    source: fc.oneof({ weight: 20, arbitrary: fc.constantFrom("online", "hall") }, { weight: 1, arbitrary: fc.constantFrom("both", "__proto__", "ONLINE") }),
    kind: fc.constantFrom<ItemFileSpec["kind"]>("csv", "csv", "csv", "json", "json", "xlsx", "xlsx", "bytes", "fixture"),
    count: fc.integer({ min: 1, max: 12 }),
    rowsSeed: fc.array(itemRow(0), { minLength: 12, maxLength: 12 }),
    encoding: fc.constantFrom<ItemFileSpec["encoding"]>("utf8", "utf8bom", "gbk"),
    contentType: fc.constantFrom<string | null>(null, null, "text/csv", "application/json", "application/octet-stream", "text/plain; charset=gbk", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    partial: fc.boolean(),
    dryRun: fc.nat(5).map((n) => n === 0),
    queryEncoding: fc.constantFrom<string | undefined>(undefined, undefined, undefined, "gbk", "utf-8", "latin1", "gb18030"),
    format: fc.constantFrom<string | undefined>(undefined, undefined, undefined, undefined, "csv", "json", "xlsx", "pdf"),
    mapping: fc.constantFrom<string | undefined>(undefined, undefined, undefined, undefined, '{"code":"事项编码"}', '{"code":"编号"}', "{bad json", '{"nope":"x"}', "[]", '{"__proto__":"x"}'),
    edits: fc.array(fc.tuple(fc.nat(), fc.nat(13), cellMutation), { maxLength: 3 }),
    pii: fc.option(fc.tuple(fc.nat(), fc.constantFrom(1, 2, 8, 9, 10), textWithPersonalNumber(60)), { nil: undefined, freq: 3 }),
    dupCode: fc.nat(6).map((n) => n === 0),
    dropColumn: fc.option(fc.nat(13), { nil: undefined, freq: 8 }),
    raw: fc.uint8Array({ maxLength: 512 }),
    fixture: fc.constantFrom("items.json", "items.xlsx", "gbk.csv", "utf8-bom.csv", "bad-rows.csv", "custom-headers.csv", "truncated.xlsx"),
    flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
  })
  .map((r): Tagged<ItemFileSpec> => {
    const rows = r.rowsSeed.slice(0, r.count).map((row, i) => {
      const copy = [...row];
      copy[0] = `FZ-${String(i).padStart(4, "0")}`;
      return copy;
    });
    const hows: string[] = [r.kind];
    for (const [ri, ci, v] of r.edits) {
      (rows[ri % rows.length] as string[])[ci] = v;
      hows.push(`cell ${ri % rows.length},${ci}`);
    }
    if (r.dupCode && rows.length > 1) {
      (rows[1] as string[])[0] = (rows[0] as string[])[0] as string;
      hows.push("duplicate code");
    }
    let header = [...ITEM_HEADERS];
    let body = rows;
    if (r.dropColumn !== undefined) {
      header = header.filter((_, i) => i !== r.dropColumn);
      body = rows.map((row) => row.filter((_, i) => i !== r.dropColumn));
      hows.push(`drop column ${r.dropColumn}`);
    }
    let pii = false;
    if (r.pii && (r.kind === "csv" || r.kind === "json" || r.kind === "xlsx")) {
      const [ri, ci, t] = r.pii;
      const col = header.indexOf(ITEM_HEADERS[ci] as string);
      if (col >= 0) {
        (body[ri % body.length] as string[])[col] = t;
        pii = true;
        hows.push(`personal number in ${ITEM_HEADERS[ci]}: ${t}`);
      }
    }
    const query: Record<string, string> = {};
    if (r.partial) query.partial = "true";
    if (r.dryRun) query.dryRun = "true";
    if (r.queryEncoding) query.encoding = r.queryEncoding;
    if (r.format) query.format = r.format;
    if (r.mapping) query.mapping = r.mapping;
    const clean = r.edits.length === 0 && !r.dupCode && r.dropColumn === undefined && !pii && Object.keys(query).every((k) => k === "partial" || k === "dryRun");
    const wellFormed = (r.kind === "csv" || r.kind === "json" || r.kind === "xlsx") && r.contentType !== "text/plain; charset=gbk" && r.source.length < 7 && r.source === r.source.toLowerCase() && r.source !== "both";
    const typeFits = r.contentType === null || r.contentType === "application/octet-stream" || (r.kind === "csv" ? r.contentType === "text/csv" : r.kind === "json" ? r.contentType === "application/json" : r.contentType.includes("spreadsheet"));
    const expect: Expect = pii && !r.partial && !r.dryRun ? "pii" : clean && wellFormed && typeFits && r.encoding !== "gbk" ? "valid" : "any";
    return {
      value: { source: r.source, kind: r.kind, rows: [header, ...body], encoding: r.encoding, contentType: r.contentType, query, raw: r.raw, fixture: r.fixture, flips: r.flips },
      expect,
      how: hows.join("; "),
    };
  });
