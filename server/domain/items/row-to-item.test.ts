// Unit tests of one row → one item: Chinese cell values, defaults for empty cells, and errors that name
// the file line and the column's header as written in the file, all of a row's errors at once.
import { describe, expect, it } from "vitest";
import type { Cell } from "./cell-values.js";
import { mapColumns } from "./header-mapping.js";
import { rowToItem } from "./row-to-item.js";

const HEADERS = ["事项编码", "事项名称", "实施部门", "事项类型", "承诺时限", "法定时限", "最多跑动次数", "是否全程网办", "收费标准", "办理条件", "申请材料", "审批时间", "公开时间", "生效时间"];
const MAPPING = mapColumns(HEADERS);

/** A valid row of the hall's list, with some cells replaced. */
function row(over: Partial<Record<(typeof HEADERS)[number], Cell>> = {}): Cell[] {
  const base: Record<string, Cell> = {
    事项编码: "330399-QR-0602",
    事项名称: "户口迁移",
    实施部门: "公安局",
    事项类型: "行政确认",
    承诺时限: "5个工作日",
    法定时限: "20个工作日",
    最多跑动次数: "1",
    是否全程网办: "否",
    收费标准: "不收费",
    办理条件: "符合户口迁移政策的居民",
    申请材料: "居民身份证|原件|1|是；户口簿|原件|1|是;准予迁入证明|复印件|2|否",
    审批时间: "2026年3月2日",
    公开时间: "2026-03-03",
    生效时间: "2026/3/10",
  };
  return HEADERS.map((h) => (h in over ? over[h] : base[h]));
}

describe("rowToItem", () => {
  it("turns a row of Chinese cells into an item", () => {
    const r = rowToItem(HEADERS, MAPPING, row(), 2);
    expect(r.errors).toEqual([]);
    expect(r.item).toEqual({
      code: "330399-QR-0602",
      name: "户口迁移",
      department: "公安局",
      type: "行政确认",
      promisedDays: 5,
      legalDays: 20,
      maxVisits: 1,
      fullyOnline: false,
      fees: "不收费",
      conditions: "符合户口迁移政策的居民",
      materials: [
        { name: "居民身份证", form: "original", copies: 1, required: true },
        { name: "户口簿", form: "original", copies: 1, required: true },
        { name: "准予迁入证明", form: "copy", copies: 2, required: false },
      ],
      approvedAt: "2026-03-02",
      publishedAt: "2026-03-03",
      effectiveAt: "2026-03-10",
    });
  });

  it("reads 即办 as 0 days and 是 as fully online", () => {
    const r = rowToItem(HEADERS, MAPPING, row({ 承诺时限: "即办", 法定时限: "即办件", 最多跑动次数: "0次", 是否全程网办: "是" }), 2);
    expect(r.item).toMatchObject({ promisedDays: 0, legalDays: 0, maxVisits: 0, fullyOnline: true });
  });

  it("takes spreadsheet cells: numbers, booleans and dates", () => {
    const r = rowToItem(HEADERS, MAPPING, row({ 承诺时限: 3, 法定时限: 15, 最多跑动次数: 2, 是否全程网办: false, 审批时间: new Date(Date.UTC(2026, 8, 30)) }), 5);
    expect(r.errors).toEqual([]);
    expect(r.item).toMatchObject({ promisedDays: 3, legalDays: 15, maxVisits: 2, fullyOnline: false, approvedAt: "2026-09-30" });
  });

  it("gives empty optional cells their defaults", () => {
    const r = rowToItem(HEADERS, MAPPING, row({ 事项类型: "", 法定时限: "", 是否全程网办: null, 收费标准: "", 办理条件: undefined, 申请材料: "", 审批时间: "", 公开时间: "", 生效时间: "" }), 2);
    expect(r.errors).toEqual([]);
    expect(r.item).toMatchObject({ type: "", legalDays: null, fullyOnline: false, fees: "", conditions: "", materials: [], approvedAt: null, publishedAt: null, effectiveAt: null });
  });

  it("treats cells missing at the end of a short row as empty", () => {
    const r = rowToItem(HEADERS, MAPPING, row().slice(0, 7), 3);
    expect(r.errors).toEqual([]);
    expect(r.item).toMatchObject({ code: "330399-QR-0602", maxVisits: 1, materials: [], effectiveAt: null });
  });

  it("names the line and the header of a malformed number", () => {
    expect(rowToItem(HEADERS, MAPPING, row({ 承诺时限: "五个工作日" }), 7)).toEqual({
      item: null,
      errors: [{ row: 7, column: "承诺时限", message: 'expected a whole number, got "五个工作日"' }],
    });
  });

  it("reports a date that does not exist", () => {
    expect(rowToItem(HEADERS, MAPPING, row({ 公开时间: "2026-02-30" }), 4).errors).toEqual([{ row: 4, column: "公开时间", message: 'not a real date: "2026-02-30"' }]);
  });

  it("reports a bad material form", () => {
    expect(rowToItem(HEADERS, MAPPING, row({ 申请材料: "居民身份证|原件|1|是；户口簿|扫描件|1|是" }), 9).errors).toEqual([
      { row: 9, column: "申请材料", message: 'material 2: form must be original (原件) or copy (复印件), got "扫描件"' },
    ]);
  });

  it("reports a bad yes/no cell", () => {
    expect(rowToItem(HEADERS, MAPPING, row({ 是否全程网办: "部分" }), 2).errors).toEqual([{ row: 2, column: "是否全程网办", message: 'expected yes or no (是/否), got "部分"' }]);
  });

  it("reports empty required cells as required", () => {
    expect(rowToItem(HEADERS, MAPPING, row({ 事项编码: "", 事项名称: "  ", 实施部门: null, 承诺时限: "", 最多跑动次数: "" }), 6).errors).toEqual([
      { row: 6, column: "事项编码", message: "required" },
      { row: 6, column: "事项名称", message: "required" },
      { row: 6, column: "实施部门", message: "required" },
      { row: 6, column: "承诺时限", message: "required" },
      { row: 6, column: "最多跑动次数", message: "required" },
    ]);
  });

  it("reports values the schema refuses", () => {
    expect(rowToItem(HEADERS, MAPPING, row({ 最多跑动次数: "3" }), 2).errors).toEqual([{ row: 2, column: "最多跑动次数", message: "expected 0, 1 or 2" }]);
    expect(rowToItem(HEADERS, MAPPING, row({ 事项名称: "户口\u0007迁移" }), 2).errors).toEqual([{ row: 2, column: "事项名称", message: "must not contain control characters" }]);
    expect(rowToItem(HEADERS, MAPPING, row({ 事项编码: "x".repeat(65) }), 2).errors).toEqual([{ row: 2, column: "事项编码", message: "must be at most 64 characters" }]);
    expect(rowToItem(HEADERS, MAPPING, row({ 申请材料: "身份证;户口\u0001簿" }), 2).errors).toEqual([{ row: 2, column: "申请材料", message: "material 2: must not contain control characters" }]);
    expect(rowToItem(HEADERS, MAPPING, row({ 承诺时限: "4000" }), 2).errors).toEqual([{ row: 2, column: "承诺时限", message: "must be at most 3650" }]);
    expect(rowToItem(HEADERS, MAPPING, row({ 申请材料: "身份证|原件|1;户口簿|原件|99" }), 2).errors).toEqual([]);
  });

  it("reports every error of a row at once, in the file's column order", () => {
    const r = rowToItem(HEADERS, MAPPING, row({ 生效时间: "明天", 事项名称: "", 承诺时限: "abc", 申请材料: "身份证|扫描件", 最多跑动次数: "5" }), 12);
    expect(r).toEqual({
      item: null,
      errors: [
        { row: 12, column: "事项名称", message: "required" },
        { row: 12, column: "承诺时限", message: 'expected a whole number, got "abc"' },
        { row: 12, column: "最多跑动次数", message: "expected 0, 1 or 2" },
        { row: 12, column: "申请材料", message: 'material 1: form must be original (原件) or copy (复印件), got "扫描件"' },
        { row: 12, column: "生效时间", message: 'expected a date like 2026-10-09, got "明天"' },
      ],
    });
  });

  it("names the column as written in the file, even with odd spacing or a synonym", () => {
    const headers = ["编码", " 名称 ", "部门", "承诺时限（工作日）", "跑动次数"];
    const r = rowToItem(headers, mapColumns(headers), ["A-1", "设立登记", "市场监督管理局", "x", "1"], 2);
    expect(r.errors).toEqual([{ row: 2, column: "承诺时限（工作日）", message: 'expected a whole number, got "x"' }]);
  });

  it("names an unmapped required field by its field name", () => {
    const headers = ["事项编码", "事项名称", "实施部门", "承诺时限"];
    const r = rowToItem(headers, mapColumns(headers), ["A-1", "设立登记", "市场监督管理局", "3"], 2);
    expect(r.errors).toEqual([{ row: 2, column: "maxVisits", message: "required" }]);
  });

  it("follows an explicit mapping", () => {
    const headers = ["编号", "服务名称", "牵头单位", "时限", "跑腿次数", "要件"];
    const mapping = mapColumns(headers, { code: "编号", name: "服务名称", department: "牵头单位", promisedDays: "时限", maxVisits: "跑腿次数", materials: "要件" });
    const r = rowToItem(headers, mapping, ["GG-1", "发票领用", "税务局", "即办", "0", "营业执照|复印件"], 2);
    expect(r.item).toMatchObject({ code: "GG-1", name: "发票领用", department: "税务局", promisedDays: 0, maxVisits: 0, materials: [{ name: "营业执照", form: "copy", copies: 1, required: true }] });
    expect(rowToItem(headers, mapping, ["GG-1", "发票领用", "税务局", "即办", "9"], 8).errors).toEqual([{ row: 8, column: "跑腿次数", message: "expected 0, 1 or 2" }]);
  });
});
