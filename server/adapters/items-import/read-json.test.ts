// Tests of reading JSON lists: an array or { items }, each item checked by the contract's schema, errors by item position and field path.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { readJson } from "./read-json.js";

const base = { code: "A-1", name: "出生登记", department: "公安局", promisedDays: 0, maxVisits: 1 };

describe("readJson", () => {
  it("reads the fixture ({ items: [...] })", () => {
    const r = readJson(fs.readFileSync(new URL("../../../test/fixtures/items/items.json", import.meta.url), "utf8"));
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([1, 2, 3]);
    expect(r.items.map((i) => i.code)).toEqual(["330399-XK-0101", "330399-QR-0402", "330399-GG-0701"]);
    expect(r.items[1]?.materials[4]).toEqual({ name: "婚姻关系证明", form: "copy", copies: 1, required: false });
  });

  it("reads a bare array and applies the schema's defaults", () => {
    const r = readJson(JSON.stringify([base, { ...base, code: "A-2", materials: [{ name: "户口簿" }] }]));
    expect(r.errors).toEqual([]);
    expect(r.items[0]).toEqual({ ...base, type: "", fullyOnline: false, fees: "", conditions: "", materials: [] });
    expect(r.items[1]?.materials).toEqual([{ name: "户口簿", form: "original", copies: 1, required: true }]);
  });

  it("names each bad item by position and each bad field by its path", () => {
    const r = readJson(
      JSON.stringify([
        base,
        { ...base, maxVisits: 3, promisedDays: "5" },
        { ...base, materials: [{ name: "身份证" }, { name: "户口簿", form: "扫描件", copies: 0 }] },
        { ...base, publishedAt: "2026-02-30", extra: 1 },
        { name: "无编码", department: "公安局", promisedDays: 1, maxVisits: 0 },
      ]),
    );
    expect(r.items.map((i) => i.code)).toEqual(["A-1"]);
    expect(r.rows).toEqual([1]);
    expect(r.errors).toEqual([
      { row: 2, column: "promisedDays", message: "expected a whole number of days" },
      { row: 2, column: "maxVisits", message: "expected 0, 1 or 2" },
      { row: 3, column: "materials.1.form", message: "expected original or copy" },
      { row: 3, column: "materials.1.copies", message: "must be at least 1" },
      { row: 4, column: "publishedAt", message: "not a real date" },
      { row: 4, column: "extra", message: "unknown field" },
      { row: 5, column: "code", message: "required" },
    ]);
  });

  it("reports entries that are not objects", () => {
    expect(readJson('[1, null, [], "x"]').errors).toEqual([
      { row: 1, column: "", message: "expected an object, got a number" },
      { row: 2, column: "", message: "expected an object, got null" },
      { row: 3, column: "", message: "expected an object, got an array" },
      { row: 4, column: "", message: "expected an object, got a string" },
    ]);
  });

  it("reports a file that is not a JSON list on row 0", () => {
    expect(readJson('{"list": []}').errors).toEqual([{ row: 0, column: "", message: 'expected a JSON array of items or { "items": [...] }, got an object' }]);
    expect(readJson("42").errors).toEqual([{ row: 0, column: "", message: 'expected a JSON array of items or { "items": [...] }, got a number' }]);
    expect(readJson("null").errors).toEqual([{ row: 0, column: "", message: 'expected a JSON array of items or { "items": [...] }, got null' }]);
    const bad = readJson('[{"code": "A-1",');
    expect(bad.items).toEqual([]);
    expect(bad.errors).toHaveLength(1);
    expect(bad.errors[0]).toMatchObject({ row: 0, column: "" });
    expect(bad.errors[0]?.message).toMatch(/^not valid JSON \(/);
  });

  it("accepts dates of years 0–99 as real dates (the schema does not read them as 19xx)", () => {
    expect(readJson(JSON.stringify([{ ...base, approvedAt: "0099-12-31", publishedAt: "0004-02-29" }])).errors).toEqual([]);
    expect(readJson(JSON.stringify([{ ...base, publishedAt: "0100-02-29" }])).errors).toEqual([{ row: 1, column: "publishedAt", message: "not a real date" }]);
  });

  it("accepts an empty list and a BOM", () => {
    expect(readJson("\uFEFF[]")).toEqual({ items: [], errors: [], rows: [] });
    expect(readJson('{"items": []}')).toEqual({ items: [], errors: [], rows: [] });
  });

  it("refuses a __proto__ key as an unknown field", () => {
    expect(readJson(`[${JSON.stringify(base).slice(0, -1)}, "__proto__": {"x": 1}}]`).errors).toEqual([{ row: 1, column: "__proto__", message: "unknown field" }]);
  });
});
