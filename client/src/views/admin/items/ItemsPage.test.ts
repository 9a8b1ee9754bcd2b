// 事项清单: the current version's items (即办件, expandable conditions and materials), untrusted names as
// text, the versions, the import steps in the page (mapping pre-filled, error table, import disabled,
// partial import explicit), and a manager reading only.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ServiceItem } from "../../../../../contract/index.js";
import { FakeApi, mountAdmin, settle } from "../testing/fake-api.js";
import ItemsPage from "./ItemsPage.vue";

const XSS = "<img src=x onerror=alert(1)>";
const item = (code: string, over: Partial<ServiceItem> = {}): ServiceItem => ({
  code,
  name: `事项${code}`,
  department: "民政局",
  type: "行政确认",
  promisedDays: 5,
  legalDays: 20,
  maxVisits: 1,
  fullyOnline: false,
  fees: "不收费",
  conditions: "",
  materials: [],
  ...over,
});
const v = (version: number, items: ServiceItem[]) => ({ version, source: "online" as const, importedAt: "2026-11-25T01:00:00.000Z", itemCount: items.length, format: "json" as const, skippedRows: 0, items });
const base = { version: null, imported: 0, rejectedRows: 0, dryRun: true };
const CUSTOM = ["编号", "服务事项", "牵头单位", "办结时限", "跑腿次数", "要件清单", "备注"];

let api: FakeApi;
beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = "";
  api = new FakeApi().install();
  api.versions.set("h1:online", [
    v(1, [item("A-1")]),
    v(2, [
      item("MZ-001", { name: XSS, promisedDays: 0, fullyOnline: true, conditions: "双方到场", materials: [{ name: XSS, form: "copy", copies: 2, required: false }, { name: "户口簿", form: "original", copies: 1, required: true }] }),
      item("MZ-002"),
    ]),
  ]);
});
afterEach(() => vi.unstubAllGlobals());

async function pickFile(wrapper: Awaited<ReturnType<typeof mountAdmin>>["wrapper"], name: string, text: string) {
  const input = wrapper.get('[data-test="import-file"]');
  Object.defineProperty(input.element, "files", { value: [new File([text], name, { type: "text/csv" })], configurable: true });
  await input.trigger("change");
  await wrapper.get('[data-test="import-check"]').trigger("click");
  await settle();
}

describe("ItemsPage", () => {
  it("shows the current version's items, 即办件, and opens a row onto conditions and materials, as text", async () => {
    const { wrapper } = await mountAdmin(ItemsPage, { path: "/admin/items", token: api.principal("adm", "admin") });
    expect(wrapper.get('[data-test="list-version"]').text()).toBe("v2 · 共 2 项");
    const row = wrapper.get('tr[data-item-code="MZ-001"]');
    expect(row.text()).toContain(XSS);
    expect(row.text()).toContain("即办件");
    expect(row.text()).toContain("2 项");
    expect(wrapper.get('tr[data-item-code="MZ-002"]').text()).toContain("5 个工作日");
    await row.get('[data-test="toggle-item"]').trigger("click");
    const detail = wrapper.get('[data-test="item-detail"]');
    expect(detail.text()).toContain("双方到场");
    expect(detail.get('[data-test="item-materials"]').text()).toContain("复印件");
    expect(detail.text()).toContain("2 份");
    expect(detail.text()).toContain("非必要");
    expect(document.querySelector('img[src="x"]')).toBeNull();
    expect(wrapper.findAll("[data-version]").map((r) => r.attributes("data-version"))).toEqual(["2", "1"]);
    expect(wrapper.get('[data-version="2"] [data-test="compare-version"]').attributes("href")).toBe("/admin/items/diff?source=online&from=1&to=2");
  });

  it("asks to map the columns, pre-filled, and checks again with the choice", async () => {
    api.importReplies = [
      { status: 200, body: { ...base, errors: [{ row: 1, column: "code", message: "no column for the required field code (事项编码): map one of the file's columns to it" }], headers: CUSTOM, unmapped: CUSTOM, missing: ["code", "name", "department", "promisedDays", "maxVisits"], rejectedRows: 1 } },
      { status: 200, body: { ...base, errors: [], headers: CUSTOM, unmapped: ["备注"], missing: [] } },
      { status: 201, body: { ...base, version: 3, imported: 2, errors: [], dryRun: false } },
    ];
    const { wrapper } = await mountAdmin(ItemsPage, { path: "/admin/items", token: api.principal("adm", "admin") });
    await pickFile(wrapper, "custom.csv", "编号,服务事项\nA,B\nC,D\n");
    const step = wrapper.get('[data-test="mapping-step"]');
    expect(step.get('[data-test="mapping-missing"]').text()).toContain("事项编码");
    expect((step.get('[data-map-field="code"]').element as HTMLSelectElement).value).toBe("编号");
    expect((step.get('[data-map-field="materials"]').element as HTMLSelectElement).value).toBe("要件清单");
    expect((step.get('[data-map-field="type"]').element as HTMLSelectElement).value).toBe("");
    expect(step.get('[data-test="mapping-unused"]').text()).toContain("备注");
    await step.get('[data-map-field="code"]').setValue("");
    expect(wrapper.get('[data-test="apply-mapping"]').attributes("disabled")).toBeDefined();
    await step.get('[data-map-field="code"]').setValue("编号");
    await wrapper.get('[data-test="apply-mapping"]').trigger("click");
    await settle();
    expect(api.calls.at(-1)?.path).toContain("mapping=");
    expect(wrapper.get('[data-test="report-ok"]').text()).toBe("检查通过：2 条事项可以导入。");
    await wrapper.get('[data-test="import"]').trigger("click");
    await settle();
    expect(wrapper.get('[data-test="import-done"]').text()).toContain("v3");
  });

  it("lists every error in a table, disables import, and imports only the good rows on request", async () => {
    const errors = [
      { row: 3, column: "承诺时限", message: 'expected a whole number, got "五个工作日"' },
      { row: 5, column: "申请材料", message: 'material 2: form must be original (原件) or copy (复印件), got "扫描件"' },
      { row: 11, column: "", message: "expected 14 cells as in the header, found 3" },
    ];
    api.importReplies = [
      { status: 200, body: { ...base, errors, headers: ["事项编码"], unmapped: [], missing: [], rejectedRows: 3, encoding: "utf-8" } },
      { status: 201, body: { ...base, version: 3, imported: 1, errors, rejectedRows: 3, dryRun: false } },
    ];
    const { wrapper } = await mountAdmin(ItemsPage, { path: "/admin/items", token: api.principal("adm", "admin") });
    await pickFile(wrapper, "bad.csv", "h\n1\n2\n3\n4\n");
    const table = wrapper.get('[data-test="error-table"]');
    const rows = table.findAll("tbody tr");
    expect(rows.map((r) => r.attributes("data-error-row"))).toEqual(["3", "5", "11"]);
    expect(rows[0]!.text()).toContain("承诺时限");
    expect(rows[0]!.text()).toContain("应为整数（如“5个工作日”或“即办”），实际为“五个工作日”");
    expect(rows[1]!.text()).toContain("第 2 项材料：应为原件或复印件，实际为“扫描件”");
    expect(rows[2]!.text()).toContain("单元格数与表头不一致（应为 14，实际 3）");
    expect(wrapper.get('[data-test="report-errors"]').text()).toContain("发现 3 处问题，涉及 3 行");
    expect(wrapper.get('[data-test="import"]').attributes("disabled")).toBeDefined();
    const partial = wrapper.get('[data-test="import-partial"]');
    expect(partial.text()).toBe("仅导入 1 条无误数据");
    expect(api.callsTo("POST", "/api/halls").length).toBe(1);
    await partial.trigger("click");
    await settle();
    expect(api.calls.find((c) => c.method === "POST" && c.path.includes("partial=true"))).toBeDefined();
    expect(wrapper.get('[data-test="import-done"]').text()).toBe("已导入，生成版本 v3：1 条事项；跳过 3 行有误数据。");
  });

  it("shows a manager the lists read only, without the import", async () => {
    const { wrapper } = await mountAdmin(ItemsPage, { path: "/admin/items", token: api.principal("mgr", "manager") });
    expect(wrapper.get('[data-test="read-only"]').text()).toContain("只读");
    expect(wrapper.find('[data-test="import-panel"]').exists()).toBe(false);
    expect(wrapper.findAll("tr[data-item-code]")).toHaveLength(2);
  });

  it("says so when a list was never imported, without asking for its items", async () => {
    const { wrapper, router } = await mountAdmin(ItemsPage, { path: "/admin/items?source=hall", token: api.principal("adm", "admin") });
    expect(router.currentRoute.value.query.source).toBe("hall");
    expect(wrapper.get('[data-test="no-list"]').text()).toContain("尚未导入大厅指南");
    expect(api.calls.some((c) => c.path === "/api/halls/h1/items/hall")).toBe(false);
  });
});
