// 版本对比: added, removed, and each changed field as old → new with materials added (+) and removed (−),
// one by one, as text.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ServiceItem } from "../../../../../contract/index.js";
import { FakeApi, mountAdmin } from "../testing/fake-api.js";
import DiffPage from "./DiffPage.vue";

const XSS = "<img src=x onerror=alert(1)>";
const item = (code: string, name: string): ServiceItem => ({ code, name, department: "民政局", type: "", promisedDays: 3, maxVisits: 1, fullyOnline: false, fees: "", conditions: "", materials: [] });
const v = (version: number, items: ServiceItem[]) => ({ version, source: "online" as const, importedAt: "2026-11-2" + version + "T01:00:00.000Z", itemCount: items.length, format: "json" as const, skippedRows: 0, items });

let api: FakeApi;
beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = "";
  api = new FakeApi().install();
  api.versions.set("h1:online", [v(1, [item("A", "甲")]), v(2, [item("A", "甲（新）"), item("B", XSS)])]);
  api.diffs = [
    {
      from: 1,
      to: 2,
      added: [item("B", XSS)],
      removed: [item("C", "丙")],
      changed: [
        {
          code: "A",
          fields: { name: ["甲", "甲（新）"], promisedDays: [5, 0], fullyOnline: [false, true] },
          materialsAdded: [{ name: "婚姻关系证明", form: "copy", copies: 1, required: true }],
          materialsRemoved: [{ name: XSS, form: "original", copies: 2, required: false }],
        },
      ],
    },
  ];
});
afterEach(() => vi.unstubAllGlobals());

describe("DiffPage", () => {
  it("compares the newest two versions by default, field by field and material by material", async () => {
    const { wrapper } = await mountAdmin(DiffPage, { path: "/admin/items/diff?source=online", token: api.principal("mgr", "manager") });
    expect(api.calls.some((c) => c.path === "/api/halls/h1/items/online/diff?from=1&to=2")).toBe(true);
    expect(wrapper.get('[data-test="diff-summary"]').text()).toContain("新增 1 项 · 删除 1 项 · 变更 1 项");
    const change = wrapper.get('[data-diff-code="A"]');
    expect(change.get("h3").text()).toContain("甲（新）");
    expect(change.get('[data-diff-field="name"]').text()).toBe("事项名称甲→甲（新）");
    expect(change.get('[data-diff-field="promisedDays"]').text()).toBe("承诺时限5 个工作日→即办件");
    expect(change.get('[data-diff-field="fullyOnline"]').text()).toBe("全程网办否→是");
    expect(change.get('[data-test="material-added"]').text()).toBe("+婚姻关系证明（复印件 · 1 份 · 必要）");
    expect(change.get('[data-test="material-removed"]').text()).toBe(`−${XSS}（原件 · 2 份 · 非必要）`);
    expect(wrapper.get('[data-test="diff-added"]').text()).toContain(XSS);
    expect(wrapper.get('[data-test="diff-removed"]').text()).toContain("丙");
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });

  it("asks for two versions when there is only one", async () => {
    api.versions.set("h1:hall", [v(1, [item("A", "甲")])]);
    const { wrapper } = await mountAdmin(DiffPage, { path: "/admin/items/diff?source=hall", token: api.principal("adm", "admin") });
    expect(wrapper.get('[data-test="need-two"]').text()).toBe("至少导入两个版本后才能对比。");
    expect(api.calls.some((c) => c.path.includes("/diff"))).toBe(false);
  });
});
