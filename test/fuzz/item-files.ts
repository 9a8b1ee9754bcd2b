// Turns a generated item-file spec into the bytes of a CSV (UTF-8, UTF-8 with BOM or GBK), a JSON
// array, an XLSX workbook, raw garbage or a damaged copy of a real fixture.
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { ROOT } from "../helpers/server-process.js";
import type { ItemFileSpec } from "./arbitraries.js";

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function days(v: string): unknown {
  if (v === "即办") return 0;
  const m = /^(\d+)/.exec(v);
  return m ? Number(m[1]) : v;
}
function isoDate(v: string): unknown {
  if (v === "") return undefined;
  const m = /^(\d{4})[/年-](\d{1,2})[/月-](\d{1,2})日?$/.exec(v);
  return m ? `${m[1]}-${(m[2] as string).padStart(2, "0")}-${(m[3] as string).padStart(2, "0")}` : v;
}

const JSON_FIELDS: Record<string, (v: string) => unknown> = {
  事项编码: (v) => ["code", v],
  事项名称: (v) => ["name", v],
  实施部门: (v) => ["department", v],
  事项类型: (v) => ["type", v],
  承诺时限: (v) => ["promisedDays", days(v)],
  法定时限: (v) => ["legalDays", v === "" ? null : days(v)],
  最多跑动次数: (v) => ["maxVisits", /^\d$/.test(v) ? Number(v) : v],
  是否全程网办: (v) => ["fullyOnline", v === "是" ? true : v === "否" ? false : v],
  收费标准: (v) => ["fees", v],
  办理条件: (v) => ["conditions", v],
  申请材料: (v) => ["materials", v === "" ? [] : v.split(/[;；]/).map((m) => ({ name: m.split("|")[0] }))],
  审批时间: (v) => ["approvedAt", isoDate(v)],
  公开时间: (v) => ["publishedAt", isoDate(v)],
  生效时间: (v) => ["effectiveAt", isoDate(v)],
};

function toJsonItems(rows: string[][]): Record<string, unknown>[] {
  const [header = [], ...body] = rows;
  return body.map((row) => {
    const item: Record<string, unknown> = {};
    header.forEach((h, i) => {
      const conv = JSON_FIELDS[h];
      if (!conv) return;
      const [k, v] = conv(row[i] ?? "") as [string, unknown];
      if (v !== undefined) item[k] = v;
    });
    return item;
  });
}

const fixtureCache = new Map<string, Buffer>();
function fixture(name: string): Buffer {
  let b = fixtureCache.get(name);
  if (!b) {
    b = fs.readFileSync(path.join(ROOT, "test/fixtures/items", name));
    fixtureCache.set(name, b);
  }
  return b;
}

export interface BuiltItemFile {
  body: Buffer;
  contentType: string | null;
  /** The path and query after /api/halls/:hallId/items/. */
  pathAndQuery: string;
}

export async function buildItemFile(spec: ItemFileSpec): Promise<BuiltItemFile> {
  let body: Buffer;
  switch (spec.kind) {
    case "csv": {
      const text = spec.rows.map((r) => r.map(csvCell).join(",")).join("\r\n");
      body = spec.encoding === "gbk" ? iconv.encode(text, "gbk") : Buffer.from(`${spec.encoding === "utf8bom" ? "\uFEFF" : ""}${text}`, "utf8");
      break;
    }
    case "json": {
      const text = JSON.stringify(toJsonItems(spec.rows));
      body = spec.encoding === "gbk" ? iconv.encode(text, "gbk") : Buffer.from(text, "utf8");
      break;
    }
    case "xlsx": {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("事项清单");
      for (const r of spec.rows) ws.addRow(r);
      body = Buffer.from(await wb.xlsx.writeBuffer());
      break;
    }
    case "bytes":
      body = Buffer.from(spec.raw.length > 0 ? spec.raw : Uint8Array.of(0));
      break;
    case "fixture": {
      body = Buffer.from(fixture(spec.fixture));
      for (const [at, v] of spec.flips) body[at % body.length] = v;
      break;
    }
  }
  const q = new URLSearchParams(spec.query).toString();
  return { body, contentType: spec.contentType, pathAndQuery: `${encodeURIComponent(spec.source)}${q ? `?${q}` : ""}` };
}
