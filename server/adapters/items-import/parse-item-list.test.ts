// End-to-end tests of parseItemList over the real files in test/fixtures/items: same items from every format, exact bad-row errors, mapping, malformed files.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { BAD_ROWS_ERRORS, CUSTOM_HEADERS_ITEMS, CUSTOM_HEADERS_MAPPING, FIXTURE_HEADERS as HALL_HEADERS, FIXTURE_ITEMS as EXPECTED, FIXTURE_COLUMNS } from "../../../test/fixtures/items/expected-items.js";
import { detectFormat, parseItemList, type ItemListFormat } from "./parse-item-list.js";

const fixture = (name: string) => fs.readFileSync(new URL(`../../../test/fixtures/items/${name}`, import.meta.url));

describe("parseItemList over well-formed files", () => {
  it("reads the UTF-8 CSV with BOM", async () => {
    expect(await parseItemList({ bytes: fixture("utf8-bom.csv"), format: "csv" })).toEqual({ items: EXPECTED, errors: [], headers: HALL_HEADERS, unmapped: [], missing: [], columns: FIXTURE_COLUMNS, encoding: "utf-8" });
  });

  it("reads the GBK CSV, detected as GB18030 or as told", async () => {
    expect(await parseItemList({ bytes: fixture("gbk.csv"), format: "csv" })).toEqual({ items: EXPECTED, errors: [], headers: HALL_HEADERS, unmapped: [], missing: [], columns: FIXTURE_COLUMNS, encoding: "gb18030" });
    const told = await parseItemList({ bytes: fixture("gbk.csv"), format: "csv", encoding: "GBK" });
    expect(told.items).toEqual(EXPECTED);
    expect(told.encoding).toBe("gbk");
  });

  it("reads the XLSX with its date, number, rich-text, hyperlink and formula cells", async () => {
    expect(await parseItemList({ bytes: fixture("items.xlsx"), format: "xlsx" })).toEqual({ items: EXPECTED, errors: [], headers: HALL_HEADERS, unmapped: [], missing: [], columns: FIXTURE_COLUMNS });
  });

  it("reads the JSON", async () => {
    expect(await parseItemList({ bytes: fixture("items.json"), format: "json" })).toEqual({ items: EXPECTED, errors: [], encoding: "utf-8" });
  });
});

describe("parseItemList errors", () => {
  it("reports each bad row exactly (row = file line, column = header as in the file) and keeps the good row", async () => {
    const r = await parseItemList({ bytes: fixture("bad-rows.csv"), format: "csv" });
    expect(r.items.map((i) => i.code)).toEqual(["330399-QR-0601"]);
    expect(r.errors).toEqual(BAD_ROWS_ERRORS);
  });

  it("reports an unclosed quote where it opens", async () => {
    const r = await parseItemList({ bytes: fixture("unclosed-quote.csv"), format: "csv" });
    expect(r.items.map((i) => i.code)).toEqual(["330399-GG-0701"]);
    expect(r.errors).toEqual([{ row: 3, column: "", message: "a quoted cell starting on line 3 is never closed; lines 3–4 could not be read" }]);
  });

  it("reports each missing required column once, on row 1, and reads no rows", async () => {
    const r = await parseItemList({ bytes: fixture("custom-headers.csv"), format: "csv" });
    expect(r.items).toEqual([]);
    expect(r.headers).toEqual(["编号", "服务事项", "牵头单位", "办结时限", "跑腿次数", "要件清单", "备注"]);
    expect(r.unmapped).toEqual(r.headers);
    expect(r.missing).toEqual(["code", "name", "department", "promisedDays", "maxVisits"]);
    expect(r.errors).toEqual([
      { row: 1, column: "code", message: "no column for the required field code (事项编码): map one of the file's columns to it" },
      { row: 1, column: "name", message: "no column for the required field name (事项名称): map one of the file's columns to it" },
      { row: 1, column: "department", message: "no column for the required field department (实施部门): map one of the file's columns to it" },
      { row: 1, column: "promisedDays", message: "no column for the required field promisedDays (承诺时限): map one of the file's columns to it" },
      { row: 1, column: "maxVisits", message: "no column for the required field maxVisits (最多跑动次数): map one of the file's columns to it" },
    ]);
  });

  it("reads the same file with an explicit mapping", async () => {
    const mapping = CUSTOM_HEADERS_MAPPING;
    const r = await parseItemList({ bytes: fixture("custom-headers.csv"), format: "csv", mapping });
    expect(r.errors).toEqual([]);
    expect(r.unmapped).toEqual(["备注"]);
    expect(r.missing).toEqual([]);
    expect(r.items).toEqual(CUSTOM_HEADERS_ITEMS);
  });

  it("reports a mapping to a column the file does not have", async () => {
    const mapping = { code: "编号", name: "服务事项", department: "牵头单位", promisedDays: "办结时限", maxVisits: "跑腿次数", fees: "收费" };
    const r = await parseItemList({ bytes: fixture("custom-headers.csv"), format: "csv", mapping });
    expect(r.errors).toEqual([{ row: 1, column: "收费", message: 'the mapping puts fees (收费标准) in column "收费", which is not in the file or is already used' }]);
    expect(r.items).toHaveLength(2);
    const wrongRequired = await parseItemList({ bytes: fixture("custom-headers.csv"), format: "csv", mapping: { ...mapping, fees: undefined, code: "事项编号" } });
    expect(wrongRequired.errors).toEqual([{ row: 1, column: "code", message: 'no column for the required field code (事项编码): the mapped column "事项编号" is not in the file or is already used' }]);
    const unknownField = await parseItemList({ bytes: fixture("utf8-bom.csv"), format: "csv", mapping: { colour: "事项类型" } as never });
    expect(unknownField.errors).toEqual([{ row: 1, column: "事项类型", message: 'the mapping names an unknown field "colour"' }]);
  });

  it("reports duplicate codes in JSON by item position", async () => {
    const items = JSON.parse(fixture("items.json").toString("utf8")).items as object[];
    const r = await parseItemList({ bytes: Buffer.from(JSON.stringify([...items, items[0]])), format: "json" });
    expect(r.items).toEqual(EXPECTED);
    expect(r.errors).toEqual([{ row: 4, column: "code", message: 'duplicate item code "330399-XK-0101" (first at item 1)' }]);
  });

  it("refuses a truncated XLSX", async () => {
    const r = await parseItemList({ bytes: fixture("truncated.xlsx"), format: "xlsx" });
    expect(r.items).toEqual([]);
    expect(r.errors).toEqual([{ row: 0, column: "", message: "not a readable XLSX file (Corrupted zip: can't find end of central directory)" }]);
  });

  it("refuses the random-bytes file in every format", async () => {
    const bytes = fixture("random.bin");
    expect(await parseItemList({ bytes, format: "csv" })).toEqual({ items: [], errors: [{ row: 0, column: "", message: "not a CSV text file (it contains NUL bytes)" }], encoding: "gb18030" });
    const json = await parseItemList({ bytes, format: "json" });
    expect(json.items).toEqual([]);
    expect(json.errors).toEqual([{ row: 0, column: "", message: "not a JSON text file (it contains NUL bytes)" }]);
    const xlsx = await parseItemList({ bytes, format: "xlsx" });
    expect(xlsx.items).toEqual([]);
    expect(xlsx.errors).toHaveLength(1);
    expect(xlsx.errors[0]?.message).toMatch(/^not a readable XLSX file/);
  });

  it("refuses a file given as the wrong format", async () => {
    const csvAsJson = await parseItemList({ bytes: fixture("utf8-bom.csv"), format: "json" });
    expect(csvAsJson.errors[0]).toMatchObject({ row: 0, column: "" });
    expect(csvAsJson.errors[0]?.message).toMatch(/^not valid JSON/);
    const xlsxAsCsv = await parseItemList({ bytes: fixture("items.xlsx"), format: "csv" });
    expect(xlsxAsCsv.items).toEqual([]);
    expect(xlsxAsCsv.errors.length).toBeGreaterThan(0);
    const jsonAsXlsx = await parseItemList({ bytes: fixture("items.json"), format: "xlsx" });
    expect(jsonAsXlsx.errors[0]?.message).toMatch(/^not a readable XLSX file/);
  });

  it("refuses empty files, unknown encodings and formats, and GBK read as UTF-8", async () => {
    const empty = Buffer.alloc(0);
    expect(await parseItemList({ bytes: empty, format: "csv" })).toEqual({ items: [], errors: [{ row: 0, column: "", message: "the file is empty" }] });
    expect(await parseItemList({ bytes: empty, format: "json" })).toEqual({ items: [], errors: [{ row: 0, column: "", message: "the file is empty" }] });
    expect(await parseItemList({ bytes: empty, format: "xlsx" })).toEqual({ items: [], errors: [{ row: 0, column: "", message: "the file is empty" }] });
    expect(await parseItemList({ bytes: fixture("gbk.csv"), format: "csv", encoding: "big5" })).toEqual({
      items: [],
      errors: [{ row: 0, column: "", message: 'unsupported encoding "big5": expected utf-8, gbk or gb18030' }],
    });
    expect(await parseItemList({ bytes: fixture("gbk.csv"), format: "ods" as ItemListFormat })).toEqual({
      items: [],
      errors: [{ row: 0, column: "", message: 'unknown format "ods": expected json, csv or xlsx' }],
    });
    expect(await parseItemList({ bytes: fixture("gbk.csv"), format: "csv", encoding: "utf-8" })).toEqual({
      items: [],
      errors: [{ row: 0, column: "", message: "the file is not valid UTF-8 (is it GBK? choose the GBK encoding)" }],
    });
    expect(await parseItemList({ bytes: "not bytes" as unknown as Buffer, format: "csv" })).toEqual({ items: [], errors: [{ row: 0, column: "", message: "no file content" }] });
  });

  it("refuses a list without items: a header-only CSV, an empty JSON list", async () => {
    const none = [{ row: 0, column: "", message: "the file holds no items" }];
    expect(await parseItemList({ bytes: Buffer.from(HALL_HEADERS.join(",")), format: "csv" })).toEqual({ items: [], errors: none, headers: HALL_HEADERS, unmapped: [], missing: [], columns: FIXTURE_COLUMNS, encoding: "utf-8" });
    expect(await parseItemList({ bytes: Buffer.from("[]"), format: "json" })).toEqual({ items: [], errors: none, encoding: "utf-8" });
    expect(await parseItemList({ bytes: Buffer.from('{"items": []}'), format: "json" })).toEqual({ items: [], errors: none, encoding: "utf-8" });
  });
});

describe("detectFormat", () => {
  it("knows XLSX by its zip magic, whatever the content type says", () => {
    expect(detectFormat(undefined, fixture("items.xlsx"))).toBe("xlsx");
    expect(detectFormat("text/csv", fixture("truncated.xlsx"))).toBe("xlsx");
    expect(detectFormat("application/json", Buffer.from("PK\x03\x04rest"))).toBe("xlsx");
  });

  it("follows an explicit content type", () => {
    expect(detectFormat("application/json; charset=utf-8", Buffer.from("x"))).toBe("json");
    expect(detectFormat("text/csv; charset=gbk", Buffer.from("[1]"))).toBe("csv");
    expect(detectFormat("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer.from("x"))).toBe("xlsx");
  });

  it("sniffs JSON by its first non-blank character, else CSV", () => {
    expect(detectFormat(null, fixture("items.json"))).toBe("json");
    expect(detectFormat("application/octet-stream", Buffer.from(" \r\n\t[ ]"))).toBe("json");
    expect(detectFormat(undefined, Buffer.from("\uFEFF{}"))).toBe("json");
    expect(detectFormat(undefined, fixture("utf8-bom.csv"))).toBe("csv");
    expect(detectFormat(undefined, fixture("gbk.csv"))).toBe("csv");
    expect(detectFormat(undefined, fixture("random.bin"))).toBe("csv");
    expect(detectFormat(undefined, Buffer.alloc(0))).toBe("csv");
    expect(detectFormat("", Buffer.from("PK"))).toBe("csv");
  });
});
