// The quarantine page: rows of what was rejected and why, receivedAt in the hall's time zone, the payload
// as indented JSON text on demand, "older"/"newer" paging, and "admin only" for a manager.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import QuarantinePage from "./QuarantinePage.vue";
import { FakeApi, mountAdmin, settle } from "./testing/fake-api.js";

let api: FakeApi;
beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = "";
  api = new FakeApi().install();
  api.quarantine = Array.from({ length: 30 }, (_, i) => ({
    id: i + 1,
    hallId: "h1",
    source: i % 2 ? "socket" : "http",
    eventId: `e${i + 1}`,
    field: "windowId",
    error: `windowId: unknown window "w${i + 1}"`,
    payload: JSON.stringify({ id: `e${i + 1}`, windowId: `w${i + 1}`, note: "<img src=x onerror=alert(1)>" }),
    receivedAt: "2026-11-25T01:30:05.000Z",
  }));
});
afterEach(() => vi.unstubAllGlobals());

describe("QuarantinePage", () => {
  it("lists what was rejected and why, newest first, in the hall's time zone", async () => {
    const { wrapper } = await mountAdmin(QuarantinePage, { path: "/admin/quarantine", token: api.principal("adm", "admin") });
    const rows = wrapper.findAll("tr[data-quarantine-id]");
    expect(rows).toHaveLength(25);
    const first = rows[0]!.text();
    expect(first).toContain("2026-11-25 09:30:05"); // 01:30Z in Asia/Shanghai
    expect(first).toContain("实时连接");
    expect(first).toContain("e30");
    expect(first).toContain("窗口“w30”不存在");
    expect(first).toContain('windowId: unknown window "w30"');
    expect(wrapper.text()).toContain("接收时间（Asia/Shanghai）");
  });

  it("opens the payload as indented JSON text, never markup", async () => {
    const { wrapper } = await mountAdmin(QuarantinePage, { path: "/admin/quarantine", token: api.principal("adm", "admin") });
    expect(wrapper.find('[data-test="payload"]').exists()).toBe(false);
    await wrapper.get('tr[data-quarantine-id="30"] [data-test="toggle-payload"]').trigger("click");
    const pre = wrapper.get('[data-test="payload"]');
    expect(pre.element.tagName).toBe("PRE");
    expect(pre.text()).toBe('{\n  "id": "e30",\n  "windowId": "w30",\n  "note": "<img src=x onerror=alert(1)>"\n}');
    expect(document.querySelector('img[src="x"]')).toBeNull();
    await wrapper.get('tr[data-quarantine-id="30"] [data-test="toggle-payload"]').trigger("click");
    expect(wrapper.find('[data-test="payload"]').exists()).toBe(false);
  });

  it("pages to older items with before=<last id> and back", async () => {
    const { wrapper } = await mountAdmin(QuarantinePage, { path: "/admin/quarantine", token: api.principal("adm", "admin") });
    expect(wrapper.get('[data-test="newer"]').attributes("disabled")).toBeDefined();
    await wrapper.get('[data-test="older"]').trigger("click");
    await settle();
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h1/quarantine?limit=26&before=6");
    expect(wrapper.findAll("tr[data-quarantine-id]").map((r) => r.attributes("data-quarantine-id"))).toEqual(["5", "4", "3", "2", "1"]);
    expect(wrapper.get('[data-test="page"]').text()).toBe("第 2 页");
    expect(wrapper.get('[data-test="older"]').attributes("disabled")).toBeDefined();
    await wrapper.get('[data-test="newer"]').trigger("click");
    await settle();
    expect(wrapper.findAll("tr[data-quarantine-id]")[0]?.attributes("data-quarantine-id")).toBe("30");
  });

  it("says so when nothing was rejected", async () => {
    api.quarantine = [];
    const { wrapper } = await mountAdmin(QuarantinePage, { path: "/admin/quarantine", token: api.principal("adm", "admin") });
    expect(wrapper.get('[data-test="quarantine-empty"]').text()).toBe("没有被拒事件");
  });

  it("says 'admin only' to a manager and requests nothing", async () => {
    const { wrapper } = await mountAdmin(QuarantinePage, { path: "/admin/quarantine", token: api.principal("mgr", "manager") });
    expect(wrapper.get('[data-test="admin-only"]').text()).toContain("仅管理员可用");
    expect(api.calls.filter((c) => c.path.includes("quarantine"))).toEqual([]);
  });
});
