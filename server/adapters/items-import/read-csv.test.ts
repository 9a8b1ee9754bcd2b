// Tests of reading CSV: quoted cells with commas and newlines, the line each record starts on (header = 1), blank lines, wrong cell counts, unclosed quotes.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeText } from "./decode-text.js";
import { readCsv } from "./read-csv.js";

const fixtureText = (name: string) => {
  const r = decodeText(fs.readFileSync(new URL(`../../../test/fixtures/items/${name}`, import.meta.url)));
  if (!r.ok) throw new Error(r.message);
  return r.text;
};

describe("readCsv", () => {
  it("reads the UTF-8 fixture: CRLF, a quoted cell with a comma and a newline, a blank line", () => {
    const t = readCsv(fixtureText("utf8-bom.csv"));
    expect(t.errors).toEqual([]);
    expect(t.headers[0]).toBe("事项编码");
    expect(t.headers).toHaveLength(14);
    // Line 2–3: the first item (its 办理条件 spans two lines); 4 is blank; 5 and 6 the others.
    expect(t.rows.map((r) => r.line)).toEqual([2, 5, 6]);
    expect(t.rows[0]?.cells[9]).toBe("申请人具备完全民事行为能力，住所符合规定,\n名称经自主申报");
    expect(t.rows[1]?.cells[8]).toBe("住宅类每件80元, 非住宅类每件550元");
    expect(t.rows[1]?.cells[9]).toBe('买卖双方已签订"不动产买卖合同"');
  });

  it("reads the GBK fixture's lines once decoded", () => {
    const t = readCsv(fixtureText("gbk.csv"));
    expect(t.errors).toEqual([]);
    expect(t.rows.map((r) => r.line)).toEqual([2, 4, 5]);
    expect(t.rows.map((r) => r.cells[0])).toEqual(["330399-XK-0101", "330399-QR-0402", "330399-GG-0701"]);
  });

  it("gives the line where a record starts, with LF, CRLF or CR line ends", () => {
    for (const nl of ["\n", "\r\n", "\r"]) {
      const text = ["a,b", '1,"x', 'y"', "", "2,3", '"4","p', "", 'q"', "5,6"].join(nl);
      const t = readCsv(text);
      expect(t.rows.map((r) => [r.line, r.cells[0]]), JSON.stringify(nl)).toEqual([
        [2, "1"],
        [5, "2"],
        [6, "4"],
        [9, "5"],
      ]);
      expect(t.rows[2]?.cells[1]).toBe(`p${nl}${nl}q`);
    }
  });

  it("counts blank lines before the header", () => {
    const t = readCsv("\n\r\na,b\n1,2\n");
    expect(t.headers).toEqual(["a", "b"]);
    expect(t.rows).toEqual([{ line: 4, cells: ["1", "2"] }]);
  });

  it("skips rows of empty cells, including the line of bare commas above a header", () => {
    const t = readCsv(",,\na,b\n,\n 1 ,2\n , \n");
    expect(t.headers).toEqual(["a", "b"]);
    expect(t.rows).toEqual([{ line: 4, cells: [" 1 ", "2"] }]);
    expect(t.errors).toEqual([]);
  });

  it("trims the header texts", () => {
    expect(readCsv(" 事项编码 , 事项名称\r\n").headers).toEqual(["事项编码", "事项名称"]);
  });

  it("reports rows with too few cells or non-empty cells beyond the header, and leaves them out", () => {
    const t = readCsv("a,b,c\n1,2\n1,2,3,4\n1,2,3,,\n7,8,9\n");
    expect(t.rows).toEqual([
      { line: 4, cells: ["1", "2", "3"] },
      { line: 5, cells: ["7", "8", "9"] },
    ]);
    expect(t.errors).toEqual([
      { row: 2, column: "", message: "expected 3 cells as in the header, found 2" },
      { row: 3, column: "", message: "expected 3 cells as in the header, found 4" },
    ]);
    expect(readCsv("a\n1,2\n").errors).toEqual([{ row: 2, column: "", message: "expected 1 cell as in the header, found 2" }]);
  });

  it("reports an unclosed quote at the line it opens and keeps the rows before it", () => {
    const t = readCsv(fixtureText("unclosed-quote.csv"));
    expect(t.rows.map((r) => r.line)).toEqual([2]);
    expect(t.errors).toEqual([{ row: 3, column: "", message: "a quoted cell starting on line 3 is never closed; lines 3–4 could not be read" }]);
    expect(readCsv('a,b\n\n"x').errors).toEqual([{ row: 3, column: "", message: "a quoted cell starting on line 3 is never closed; line 3 could not be read" }]);
  });

  it("accepts stray quotes inside an unquoted cell", () => {
    expect(readCsv('a,b\n身份证"原件",1\n').rows).toEqual([{ line: 2, cells: ['身份证"原件"', "1"] }]);
  });

  it("reports an empty file on row 0", () => {
    for (const text of ["", "\n\n", "\r\n", ",,,\n"]) expect(readCsv(text)).toEqual({ headers: [], rows: [], errors: [{ row: 0, column: "", message: "the file is empty" }] });
  });

  it("reads a header without rows", () => {
    expect(readCsv("a,b")).toEqual({ headers: ["a", "b"], rows: [], errors: [] });
  });

  it("drops a BOM left in the text", () => {
    expect(readCsv("\uFEFF事项编码,b\n1,2").headers).toEqual(["事项编码", "b"]);
  });
});
