// Tests of reading XLSX: first worksheet, header = first non-empty row, Excel row numbers, typed cells, malformed files as errors.
import fs from "node:fs";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { flattenCell, readXlsx } from "./read-xlsx.js";

const fixture = (name: string) => fs.readFileSync(new URL(`../../../test/fixtures/items/${name}`, import.meta.url));

async function workbook(fill: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("readXlsx", () => {
  it("reads the fixture: header on row 2, rows 3, 5 and 6 (row 4 is blank)", async () => {
    const t = await readXlsx(fixture("items.xlsx"));
    expect(t.errors).toEqual([]);
    expect(t.headers).toEqual(["事项编码", "事项名称", "实施部门", "事项类型", "承诺时限", "法定时限", "最多跑动次数", "是否全程网办", "收费标准", "办理条件", "申请材料", "审批时间", "公开时间", "生效时间"]);
    expect(t.rows.map((r) => r.line)).toEqual([3, 5, 6]);
    for (const r of t.rows) expect(r.cells).toHaveLength(14);
  });

  it("gives typed cells: dates, numbers, booleans, and text for rich text, hyperlinks and formulas", async () => {
    const [first, second, third] = (await readXlsx(fixture("items.xlsx"))).rows;
    expect(first?.cells[4]).toBe(1);
    expect(first?.cells[7]).toBe(true);
    expect(first?.cells[9]).toBe("申请人具备完全民事行为能力，住所符合规定,\n名称经自主申报");
    expect(first?.cells[11]).toEqual(new Date(Date.UTC(2026, 2, 2)));
    expect(second?.cells[1]).toBe("国有建设用地使用权及房屋所有权转移登记");
    expect(second?.cells[5]).toBe(30);
    expect(second?.cells[11]).toEqual(new Date(Date.UTC(2026, 8, 30)));
    expect(second?.cells[12]).toBe("2026/10/9");
    expect(second?.cells[13]).toBeNull();
    // Row 6 has nine cells written; the rest of the table's width is empty.
    expect(third?.cells.slice(0, 9)).toEqual(["330399-GG-0701", "发票领用", "税务局", "公共服务", "即办", null, 0, "是", "不收费"]);
    expect(third?.cells.slice(9)).toEqual([null, null, null, null, null]);
  });

  it("refuses a truncated XLSX with an error on row 0", async () => {
    const t = await readXlsx(fixture("truncated.xlsx"));
    expect(t.headers).toEqual([]);
    expect(t.rows).toEqual([]);
    expect(t.errors).toHaveLength(1);
    expect(t.errors[0]).toMatchObject({ row: 0, column: "" });
    expect(t.errors[0]?.message).toMatch(/^not a readable XLSX file \(/);
  });

  it("refuses random bytes, text, an empty zip and zero bytes", async () => {
    for (const bytes of [fixture("random.bin"), fixture("utf8-bom.csv"), Buffer.concat([Buffer.from("PK\x05\x06"), Buffer.alloc(18)]), Buffer.alloc(0)]) {
      const t = await readXlsx(bytes);
      expect(t.rows).toEqual([]);
      expect(t.errors).toHaveLength(1);
      expect(t.errors[0]?.row).toBe(0);
    }
    expect(await readXlsx(Buffer.alloc(0))).toEqual({ headers: [], rows: [], errors: [{ row: 0, column: "", message: "the file is empty" }] });
  });

  it("refuses a workbook whose first worksheet is empty", async () => {
    const bytes = await workbook((wb) => {
      wb.addWorksheet("空");
      wb.addWorksheet("事项").addRow(["事项编码"]);
    });
    expect(await readXlsx(bytes)).toEqual({ headers: [], rows: [], errors: [{ row: 0, column: "", message: "the first worksheet is empty" }] });
  });

  it("takes the table's width from the header and leaves out cells to its right and blank rows", async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet("s");
      ws.getCell("B3").value = "事项编码";
      ws.getCell("C3").value = "事项名称";
      ws.getCell("B4").value = "A-1";
      ws.getCell("C4").value = "出生登记";
      ws.getCell("F4").value = "备注：窗口外说明";
      ws.getCell("B5").value = "   ";
      ws.getCell("B7").value = { formula: "1+1", result: 2 };
    });
    const t = await readXlsx(bytes);
    expect(t.headers).toEqual(["", "事项编码", "事项名称"]);
    expect(t.rows).toEqual([
      { line: 4, cells: [null, "A-1", "出生登记"] },
      { line: 7, cells: [null, 2, null] },
    ]);
  });
});

describe("flattenCell", () => {
  it("keeps plain values and flattens exceljs objects", () => {
    const d = new Date(Date.UTC(2026, 9, 9));
    expect(flattenCell("x")).toBe("x");
    expect(flattenCell(3)).toBe(3);
    expect(flattenCell(false)).toBe(false);
    expect(flattenCell(d)).toBe(d);
    expect(flattenCell(null)).toBeNull();
    expect(flattenCell(undefined)).toBeNull();
    expect(flattenCell(Number.NaN)).toBeNull();
    expect(flattenCell({ richText: [{ text: "富" }, { text: "文本", font: { bold: true } }] })).toBe("富文本");
    expect(flattenCell({ text: "链接", hyperlink: "https://example.org" })).toBe("链接");
    expect(flattenCell({ text: { richText: [{ text: "富链接" }] }, hyperlink: "https://example.org" })).toBe("富链接");
    expect(flattenCell({ formula: "A1*2", result: 10 })).toBe(10);
    expect(flattenCell({ formula: "TODAY()", result: d })).toBe(d);
    expect(flattenCell({ sharedFormula: "B2", result: "是" })).toBe("是");
    expect(flattenCell({ formula: "1/0" })).toBeNull();
    expect(flattenCell({ formula: "1/0", result: { error: "#DIV/0!" } })).toBe("#DIV/0!");
    expect(flattenCell({ error: "#N/A" })).toBe("#N/A");
    expect(flattenCell({ richText: [null, { text: 5 }] })).toBe("5");
    expect(flattenCell({ something: "else" })).toBeNull();
    expect(flattenCell(Symbol("s"))).toBeNull();
  });
});
