// The import flow: the mapping step's pre-filled choice, the good-row count, the query string of each
// request, and the steps: dry run → mapping → report → import (all, or explicitly only the good rows).
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeApi, freshPinia } from "../views/admin/testing/fake-api.js";
import { countDataRows, guessMapping, uploadPath } from "./admin-item-import-helpers.js";
import { useItemImportStore } from "./admin-item-import.js";
import { useAdminSession } from "./admin-session.js";

const FIXTURES = path.resolve(__dirname, "../../../test/fixtures/items");
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const buffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
const CUSTOM = ["编号", "服务事项", "牵头单位", "办结时限", "跑腿次数", "要件清单", "备注"];
const base = { version: null, imported: 0, rejectedRows: 0, dryRun: true };

let api: FakeApi;
beforeEach(async () => {
  localStorage.clear();
  freshPinia();
  api = new FakeApi().install();
  await useAdminSession().signIn(api.principal("adm", "admin", "h1"));
});
afterEach(() => vi.unstubAllGlobals());

describe("import helpers", () => {
  it("pre-fills the mapping from known headers, then from telling words in unused ones", () => {
    const m = guessMapping(CUSTOM, CUSTOM);
    expect(m).toMatchObject({ code: "编号", name: "服务事项", department: "牵头单位", promisedDays: "办结时限", maxVisits: "跑腿次数", materials: "要件清单", type: "", conditions: "" });
    expect(Object.values(m).filter((h) => h === "备注")).toEqual([]);
    const hall = ["序号", "事项编码", "事项名称", "实施部门", "事项类型", "承诺时限", "法定时限", "最多跑动次数", "是否全程网办", "收费标准", "办理条件", "申请材料", "审批时间", "公开时间", "生效时间"];
    const h = guessMapping(hall, ["序号"]);
    expect(h).toMatchObject({ code: "事项编码", name: "事项名称", promisedDays: "承诺时限", legalDays: "法定时限", maxVisits: "最多跑动次数", effectiveAt: "生效时间" });
    expect(Object.values(h)).not.toContain("序号");
  });

  it("counts the data rows of CSV (quoted line breaks, blank lines) and JSON files, not of Excel", () => {
    expect(countDataRows(buffer(fixture("bad-rows.csv")), "bad-rows.csv")).toBe(9);
    expect(countDataRows(buffer(fixture("custom-headers.csv")), "custom-headers.csv")).toBe(2);
    expect(countDataRows(buffer(Buffer.from(JSON.stringify({ items: [{}, {}, {}] }))), "x.json")).toBe(3);
    expect(countDataRows(buffer(fixture("items.xlsx")), "items.xlsx")).toBeNull();
    expect(countDataRows(buffer(Buffer.from("not json")), "x.json")).toBeNull();
  });

  it("puts encoding, mapping, dryRun and partial into the query string", () => {
    expect(uploadPath("h1", "online", { encoding: "auto", mapping: null, dryRun: true, partial: false })).toBe("/api/halls/h1/items/online?dryRun=true");
    const p = uploadPath("h 1", "hall", { encoding: "gbk", mapping: { code: "编号", name: "" }, dryRun: false, partial: true });
    const url = new URL(p, "http://x");
    expect(url.pathname).toBe("/api/halls/h%201/items/hall");
    expect(Object.fromEntries(url.searchParams)).toEqual({ encoding: "gbk", mapping: '{"code":"编号"}', partial: "true" });
  });
});

describe("import flow", () => {
  const file = (name: string, text: string | Buffer) => new File([typeof text === "string" ? text : buffer(text)], name, { type: "text/csv" });

  it("asks for the mapping when required fields lack a column, sends the choice, then imports", async () => {
    api.importReplies = [
      { status: 200, body: { ...base, errors: [{ row: 1, column: "code", message: "no column for the required field code (事项编码): map one of the file's columns to it" }], headers: CUSTOM, unmapped: CUSTOM, missing: ["code", "name", "department", "promisedDays", "maxVisits"], rejectedRows: 1 } },
      { status: 200, body: { ...base, errors: [], headers: CUSTOM, unmapped: ["备注"], missing: [] } },
      { status: 201, body: { ...base, version: 1, imported: 2, errors: [], dryRun: false } },
    ];
    const store = useItemImportStore();
    store.choose(file("custom-headers.csv", fixture("custom-headers.csv")));
    await store.check("h1", "hall");
    expect(store.step).toBe("mapping");
    expect(store.draft.code).toBe("编号");
    store.draft.type = "备注";
    await store.applyMapping("h1", "hall");
    const second = api.callsTo("POST", "/api/halls/h1/items/hall").at(-1)!;
    expect(JSON.parse(new URL(second.path, "http://x").searchParams.get("mapping")!)).toMatchObject({ code: "编号", materials: "要件清单", type: "备注" });
    expect(second.contentType).toBe("text/csv");
    expect(second.raw).toBeInstanceOf(Blob);
    // Unused headers left after the administrator's choice do not ask again.
    expect(store.step).toBe("report");
    expect(store.canImport).toBe(true);
    expect(store.goodRows).toBe(2);
    expect(await store.run("h1", "hall", false)).toBe(true);
    expect(store.step).toBe("done");
    expect(store.outcome?.version).toBe(1);
    expect(new URL(api.calls.at(-1)!.path, "http://x").searchParams.get("dryRun")).toBeNull();
  });

  it("refuses a plain import while there are errors; a partial import is a separate, explicit choice", async () => {
    const errors = [
      { row: 3, column: "承诺时限", message: 'expected a whole number, got "五个工作日"' },
      { row: 4, column: "公开时间", message: 'not a real date: "2026-02-30"' },
      { row: 4, column: "事项名称", message: "required" },
    ];
    api.importReplies = [
      { status: 200, body: { ...base, errors, headers: ["事项编码"], unmapped: [], missing: [], rejectedRows: 2 } },
      { status: 201, body: { ...base, version: 3, imported: 7, errors, rejectedRows: 2, dryRun: false } },
    ];
    const store = useItemImportStore();
    store.choose(file("bad.csv", fixture("bad-rows.csv")));
    await store.check("h1", "online");
    expect(store.step).toBe("report");
    expect(store.canImport).toBe(false);
    expect(await store.run("h1", "online", false)).toBe(false);
    expect(api.callsTo("POST", "/api/halls").length).toBe(1); // nothing sent
    expect(store.goodRows).toBe(7);
    expect(store.canPartial).toBe(true);
    expect(await store.run("h1", "online", true)).toBe(true);
    expect(new URL(api.calls.at(-1)!.path, "http://x").searchParams.get("partial")).toBe("true");
    expect(store.outcome).toMatchObject({ version: 3, imported: 7, rejectedRows: 2 });
  });

  it("offers no import at all when the file as a whole cannot be read", async () => {
    api.importReplies = [{ status: 200, body: { ...base, errors: [{ row: 0, column: "", message: "the file holds no items" }], rejectedRows: 1 } }];
    const store = useItemImportStore();
    store.choose(file("empty.json", "[]"));
    await store.check("h1", "online");
    expect(store.blocked).toBe(true);
    expect(store.canImport).toBe(false);
    expect(store.canPartial).toBe(false);
  });
});
