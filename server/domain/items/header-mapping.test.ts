// Unit tests of the column mapping: Chinese and English synonyms, normalized headers, an explicit mapping
// that overrides the synonyms, unmapped headers and missing required fields.
import { describe, expect, it } from "vitest";
import { mapColumns, normalizeHeader, REQUIRED_FIELDS } from "./header-mapping.js";

describe("normalizeHeader", () => {
  it("drops a BOM, spaces, punctuation, brackets and case", () => {
    expect(normalizeHeader("\uFEFF事项编码")).toBe("事项编码");
    expect(normalizeHeader("承诺时限（工作日）")).toBe("承诺时限工作日");
    expect(normalizeHeader(" Promised_Days ")).toBe("promiseddays");
    expect(normalizeHeader("【事项名称】*")).toBe("事项名称");
    expect(normalizeHeader("最多跑动\n次数")).toBe("最多跑动次数");
    expect(normalizeHeader("实施部门：")).toBe("实施部门");
    expect(normalizeHeader("Item-Code")).toBe("itemcode");
    expect(normalizeHeader("")).toBe("");
  });
});

describe("mapColumns", () => {
  const HALL_HEADERS = ["事项编码", "事项名称", "实施部门", "事项类型", "承诺时限", "法定时限", "最多跑动次数", "是否全程网办", "收费标准", "办理条件", "申请材料", "审批时间", "公开时间", "生效时间"];

  it("maps the hall's Chinese headers onto every field, in order", () => {
    const m = mapColumns(HALL_HEADERS);
    expect(m.columns).toEqual({
      code: 0,
      name: 1,
      department: 2,
      type: 3,
      promisedDays: 4,
      legalDays: 5,
      maxVisits: 6,
      fullyOnline: 7,
      fees: 8,
      conditions: 9,
      materials: 10,
      approvedAt: 11,
      publishedAt: 12,
      effectiveAt: 13,
    });
    expect(m.unmapped).toEqual([]);
    expect(m.missing).toEqual([]);
  });

  it("maps our English field names whatever their case and separators", () => {
    const m = mapColumns(["Code", "NAME", "Department", "promised_days", "Max Visits", "fullyOnline", "materials"]);
    expect(m.columns).toEqual({ code: 0, name: 1, department: 2, promisedDays: 3, maxVisits: 4, fullyOnline: 5, materials: 6 });
    expect(m.missing).toEqual([]);
  });

  it("recognizes variant headers of government exports", () => {
    const m = mapColumns(["基本编码", "名称", "实施主体", "承诺办结时限（工作日）", "到办事现场次数", "受理条件", "所需材料", "发布日期"]);
    expect(m.columns).toEqual({ code: 0, name: 1, department: 2, promisedDays: 3, maxVisits: 4, conditions: 5, materials: 6, publishedAt: 7 });
  });

  it("recognizes a synonym followed by its unit", () => {
    const m = mapColumns(["法定时限（工作日）", "最多跑动次数（次）", "承诺时限(天)", "审批日期"]);
    expect(m.columns).toEqual({ legalDays: 0, maxVisits: 1, promisedDays: 2, approvedAt: 3 });
    // A unit alone is no header.
    expect(mapColumns(["工作日", "次"]).unmapped).toEqual(["工作日", "次"]);
  });

  it("lists the headers nothing was mapped to, in file order", () => {
    const m = mapColumns(["序号", "事项编码", "事项名称", "备注", "实施部门", "承诺时限", "最多跑动次数", ""]);
    expect(m.unmapped).toEqual(["序号", "备注", ""]);
    expect(m.missing).toEqual([]);
  });

  it("reports each required field that has no column", () => {
    expect(REQUIRED_FIELDS).toEqual(["code", "name", "department", "promisedDays", "maxVisits"]);
    expect(mapColumns([]).missing).toEqual(["code", "name", "department", "promisedDays", "maxVisits"]);
    const m = mapColumns(["事项编码", "事项名称", "收费标准"]);
    expect(m.missing).toEqual(["department", "promisedDays", "maxVisits"]);
    expect(m.columns).toEqual({ code: 0, name: 1, fees: 2 });
  });

  it("uses an explicit mapping for headers it does not know", () => {
    const headers = ["编号", "服务名称", "牵头单位", "时限", "跑腿次数"];
    expect(mapColumns(headers).missing).toEqual(["code", "name", "department", "promisedDays", "maxVisits"]);
    const m = mapColumns(headers, { code: "编号", name: "服务名称", department: "牵头单位", promisedDays: "时限", maxVisits: "跑腿次数" });
    expect(m.columns).toEqual({ code: 0, name: 1, department: 2, promisedDays: 3, maxVisits: 4 });
    expect(m.missing).toEqual([]);
    expect(m.unmapped).toEqual([]);
  });

  it("lets an explicit mapping override a synonym", () => {
    // "编码" is a synonym of code, but the administrator says the code is in "事项代码" (also a synonym);
    // "名称" would be the name, but the administrator picked "办事指南名称".
    const headers = ["编码", "事项代码", "名称", "办事指南名称", "部门", "承诺时限", "跑动次数"];
    const m = mapColumns(headers, { code: "事项代码", name: "办事指南名称" });
    expect(m.columns.code).toBe(1);
    expect(m.columns.name).toBe(3);
    expect(m.unmapped).toEqual(["编码", "名称"]);
    expect(m.missing).toEqual([]);
  });

  it("lets an explicit mapping take a column that is a synonym of another field", () => {
    // 公开时间 would be publishedAt; mapped explicitly to effectiveAt it is no longer available.
    const m = mapColumns(["事项编码", "事项名称", "实施部门", "承诺时限", "最多跑动次数", "公开时间"], { effectiveAt: "公开时间" });
    expect(m.columns.effectiveAt).toBe(5);
    expect(m.columns.publishedAt).toBeUndefined();
  });

  it("matches explicit headers after normalization", () => {
    const m = mapColumns(["事项 编码（必填）"], { code: "事项编码(必填)" });
    expect(m.columns.code).toBe(0);
  });

  it("leaves a field unmapped when its explicit header is not in the file, without falling back to a synonym", () => {
    const m = mapColumns(["事项编码", "事项名称", "实施部门", "承诺时限", "最多跑动次数"], { code: "不存在的列" });
    expect(m.columns.code).toBeUndefined();
    expect(m.missing).toEqual(["code"]);
    expect(m.unmapped).toEqual(["事项编码"]);
  });

  it("uses a header for one field only", () => {
    // Both explicit fields name the same header: the first field (in ITEM_FIELDS order) gets it.
    const m = mapColumns(["事项编码", "名称", "实施部门", "承诺时限", "最多跑动次数"], { code: "事项编码", name: "事项编码" });
    expect(m.columns.code).toBe(0);
    expect(m.columns.name).toBeUndefined();
    expect(m.missing).toEqual(["name"]);
  });

  it("takes the first of duplicate headers and leaves the other unmapped", () => {
    const m = mapColumns(["事项编码", "事项名称", "事项名称", "实施部门", "承诺时限", "最多跑动次数"]);
    expect(m.columns.name).toBe(1);
    expect(m.unmapped).toEqual(["事项名称"]);
  });

  it("matches a header that starts with a BOM (first header of a UTF-8 file read raw)", () => {
    expect(mapColumns(["\uFEFF事项编码"]).columns.code).toBe(0);
  });
});
