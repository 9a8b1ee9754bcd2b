// 一致性: findings with Chinese rule names, severity, the message in the chosen language, 暂定, times in
// the hall's zone; the evidence with a link to the diff viewer; filters → query string; CSV export.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Finding } from "../../../../../contract/index.js";
import { setLocale } from "../../../i18n/index.js";
import { FakeApi, mountAdmin, settle } from "../testing/fake-api.js";
import ConsistencyPage from "./ConsistencyPage.vue";

const XSS = "<img src=x onerror=alert(1)>";
const findings: Finding[] = [
  {
    key: "late-publication:online:XK-0115",
    rule: "late-publication",
    severity: "medium",
    itemCode: "XK-0115",
    message: "线上清单：事项「食品经营许可」至今未公开",
    messages: { "zh-CN": "线上清单：事项「食品经营许可」至今未公开", en: 'online list: "Food" is still unpublished' },
    evidence: { source: "online", version: 2, approvedAt: "2026-12-30", publishedAt: null, workingDays: 3, deadline: "2026-12-31" },
    provisional: true,
    firstSeen: "2026-11-25T01:00:00.000Z",
    lastSeen: "2026-11-25T02:00:00.000Z",
  },
  {
    key: "extra-materials:t-A001:w2",
    rule: "extra-materials",
    severity: "high",
    itemCode: "SB-001",
    windowId: "w2",
    message: XSS,
    messages: { "zh-CN": `票号 A001 要求了办事指南之外的材料：${XSS}`, en: XSS },
    evidence: { ticketId: "t-A001", ticketNo: "A001", ts: "2026-11-25T10:00:00+08:00", requested: ["身份证", XSS], notInGuide: [XSS] },
    firstSeen: "2026-11-24T16:30:00.000Z",
    lastSeen: "2026-11-25T02:00:00.000Z",
  },
];

let api: FakeApi;
beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = "";
  api = new FakeApi().install();
  api.report = { findings, advice: [{ kind: "promote-online", itemCode: "SB-002", message: "「社保」可全程网办", messages: { "zh-CN": "「社保」可全程网办", en: "promote" }, evidence: { completions: 40 } }] };
  api.history = [{ rule: "extra-materials", firstSeen: "2026-11-20T01:00:00.000Z", closedAt: null }];
});
afterEach(() => {
  vi.unstubAllGlobals();
  setLocale("zh-CN");
});

const mountPage = (role: "admin" | "manager" = "admin") => mountAdmin(ConsistencyPage, { path: "/admin/consistency", token: api.principal(role === "admin" ? "adm" : "mgr", role), stubs: { BaseChart: true } });

describe("ConsistencyPage", () => {
  it("lists findings most severe first, with Chinese rule names, messages as text, 暂定 and hall times", async () => {
    const { wrapper } = await mountPage("manager");
    const rows = wrapper.findAll("tr[data-finding]");
    expect(rows.map((r) => r.attributes("data-rule"))).toEqual(["extra-materials", "late-publication"]);
    expect(rows[0]!.text()).toContain("高");
    expect(rows[0]!.text()).toContain("索要指南外材料");
    expect(rows[0]!.text()).toContain(`票号 A001 要求了办事指南之外的材料：${XSS}`);
    expect(rows[0]!.text()).toContain("2号窗口");
    expect(rows[0]!.text()).toContain("2026-11-25 00:30:00"); // 16:30Z in Asia/Shanghai
    expect(rows[1]!.text()).toContain("公开不及时");
    expect(rows[1]!.get('[data-test="provisional"]').text()).toBe("暂定");
    expect(rows[0]!.find('[data-test="provisional"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="advice"]').text()).toContain("「社保」可全程网办");
    expect(wrapper.find('[data-test="history-chart"]').exists()).toBe(true);
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });

  it("opens a finding's evidence; version evidence links to the diff viewer", async () => {
    const { wrapper } = await mountPage();
    await wrapper.get('tr[data-finding="late-publication:online:XK-0115"]').trigger("click");
    const detail = wrapper.get('[data-test="finding-detail"]');
    expect(detail.get('[data-evidence="approvedAt"]').text()).toBe("2026-12-30");
    expect(detail.get('[data-evidence="publishedAt"]').text()).toBe("未公开");
    expect(detail.get('[data-evidence="source"]').text()).toBe("线上清单");
    expect(detail.get('[data-test="evidence-version"]').attributes("href")).toBe("/admin/items/diff?source=online&from=1&to=2");
    await wrapper.get('tr[data-finding="extra-materials:t-A001:w2"]').trigger("click");
    expect(wrapper.get('[data-evidence="notInGuide"]').text()).toBe(XSS);
    expect(wrapper.findAll('[data-test="finding-detail"]')).toHaveLength(1);
  });

  it("shows the English message when the page is in English", async () => {
    const { wrapper } = await mountPage();
    setLocale("en");
    await settle();
    expect(wrapper.get('tr[data-finding="late-publication:online:XK-0115"]').text()).toContain('online list: "Food" is still unpublished');
    expect(wrapper.get('tr[data-finding="late-publication:online:XK-0115"]').text()).toContain("Late publication");
  });

  it("turns the filters into the query string", async () => {
    const { wrapper } = await mountPage();
    await wrapper.get('[data-test="filter-rule"]').setValue("late-publication");
    await settle();
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h1/consistency?rule=late-publication");
    expect(wrapper.findAll("tr[data-finding]")).toHaveLength(1);
    await wrapper.get('[data-test="filter-department"]').setValue("人社局");
    await wrapper.get('[data-test="filter-severity"]').setValue("high");
    await wrapper.get('[data-test="filter-from"]').setValue("2026-11-01");
    await settle();
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h1/consistency?rule=late-publication&severity=high&department=%E4%BA%BA%E7%A4%BE%E5%B1%80&from=2026-11-01");
    expect(wrapper.findAll('[data-test="filter-window"] option').map((o) => o.text())).toEqual(["全部", "1号窗口", "2号窗口"]);
    await wrapper.get('[data-test="filter-reset"]').trigger("click");
    await settle();
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h1/consistency");
  });

  it("exports the filtered findings as a CSV download", async () => {
    const created: Blob[] = [];
    Object.assign(URL, { createObjectURL: (b: Blob) => (created.push(b), "blob:csv"), revokeObjectURL: () => undefined });
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    const { wrapper } = await mountPage();
    await wrapper.get('[data-test="export-csv"]').trigger("click");
    await settle();
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h1/consistency?format=csv");
    expect(click).toHaveBeenCalledTimes(1);
    expect(created).toHaveLength(1);
    click.mockRestore();
  });
});
