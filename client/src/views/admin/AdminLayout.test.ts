// The admin shell: the sign-in form without a token (and why a token failed), a clear refusal for tokens
// of other roles, the navigation with the coming pages disabled, the language switch, sign-out.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { i18n, setLocale } from "../../i18n/index.js";
import AdminLayout from "./AdminLayout.vue";
import { FakeApi, mountAdmin, settle } from "./testing/fake-api.js";

let api: FakeApi;
beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = "";
  api = new FakeApi().install();
});
afterEach(() => {
  vi.unstubAllGlobals();
  setLocale("zh-CN");
});

describe("AdminLayout", () => {
  it("asks for a token, and says why one was refused", async () => {
    const { wrapper } = await mountAdmin(AdminLayout);
    expect(wrapper.text()).toContain("登录管理后台");
    await wrapper.get("#adm-signin-token").setValue("wrong");
    await wrapper.get("form").trigger("submit");
    await settle();
    expect(wrapper.get('[data-test="signin-error"]').text()).toBe("无法登录：令牌无效或已吊销");
    await wrapper.get("#adm-signin-token").setValue(api.principal("adm", "admin"));
    await wrapper.get("form").trigger("submit");
    await settle();
    expect(wrapper.find('[data-test="signin-error"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="role"]').text()).toBe("管理员 · 本大厅");
    expect(wrapper.get('[data-test="hall-name"]').text()).toBe("县政务服务中心");
  });

  it("tells a display token it cannot open the admin pages", async () => {
    localStorage.setItem("hallpulse.admin.token", api.principal("wall", "display"));
    const { wrapper } = await mountAdmin(AdminLayout);
    const denied = wrapper.get('[data-test="denied"]');
    expect(denied.text()).toContain("此令牌无法打开管理页面");
    expect(denied.text()).toContain("“大屏”");
    await denied.findAll("button").find((b) => b.text() === "使用其他令牌")!.trigger("click");
    expect(wrapper.find("#adm-signin-token").exists()).toBe(true);
  });

  it("shows the navigation to every admin page, the allocation review included", async () => {
    localStorage.setItem("hallpulse.admin.token", api.principal("mgr", "manager"));
    const { wrapper } = await mountAdmin(AdminLayout);
    for (const [key, path] of [
      ["items", "/admin/items"],
      ["consistency", "/admin/consistency"],
      ["followups", "/admin/followups"],
      ["calendar", "/admin/calendar"],
      ["history", "/admin/history"],
      ["staffing", "/admin/staffing"],
      ["whatif", "/admin/whatif"],
      ["report", "/admin/report"],
    ]) {
      const entry = wrapper.get(`[data-test="nav-${key}"]`);
      expect(entry.attributes("href")).toBe(path);
      expect(entry.text()).not.toContain("即将推出");
    }
    expect(wrapper.get('[data-test="nav-history"]').text()).toBe("历史分析");
    expect(wrapper.get('[data-test="nav-whatif"]').text()).toBe("模拟调配");
    expect(wrapper.get('[data-test="nav-config"]').attributes("href")).toBe("/admin/config");
    expect(wrapper.get('[data-test="nav-followups"]').text()).toBe("差评整改");
    expect(wrapper.get('[data-test="nav-tokens"]').text()).toContain("仅管理员");
    expect(wrapper.get('[data-test="role"]').text()).toBe("大厅负责人 · 本大厅");
  });

  it("lets an overseer (issue #11) in read-only: every hall, the read pages only, a way back to the overview", async () => {
    api.halls.set("h2", { ...api.halls.get("h1")!, name: "城东政务服务中心" });
    // Coming from the overview: its token is under the overview's key, none under the admin pages'.
    localStorage.setItem("hallpulse.admin.token.overview", api.principal("ovs", "overseer", null));
    const { wrapper } = await mountAdmin(AdminLayout);
    expect(wrapper.get('[data-test="role"]').text()).toBe("只读 · 省级总览");
    expect(wrapper.get('[data-test="back-overview"]').attributes("href")).toBe("/overview");
    expect(wrapper.get('[data-test="overseer-note"]').text()).toContain("不能修改");
    expect(wrapper.findAll('[data-test="hall-picker"] option').map((o) => o.text())).toEqual(["县政务服务中心 · h1", "城东政务服务中心 · h2"]);
    for (const key of ["config", "items", "consistency", "followups", "calendar", "history", "staffing", "forecast", "report", "quality"]) expect(wrapper.find(`[data-test="nav-${key}"]`).exists(), key).toBe(true);
    for (const key of ["tokens", "quarantine", "whatif"]) expect(wrapper.find(`[data-test="nav-${key}"]`).exists(), key).toBe(false);
    expect(localStorage.getItem("hallpulse.admin.token")).toBeNull();

    await wrapper.get('[data-test="sign-out"]').trigger("click");
    expect(localStorage.getItem("hallpulse.admin.token.overview")).toBeNull();
  });

  it("gives a global admin a hall picker, switches language, signs out", async () => {
    api.halls.set("h2", { ...api.halls.get("h1")!, name: "<img src=x onerror=alert(1)>" });
    localStorage.setItem("hallpulse.admin.token", api.principal("root", "admin", null));
    const { wrapper } = await mountAdmin(AdminLayout);
    const options = wrapper.findAll('[data-test="hall-picker"] option').map((o) => o.text());
    expect(options).toEqual(["县政务服务中心 · h1", "<img src=x onerror=alert(1)> · h2"]);
    expect(document.querySelector('img[src="x"]')).toBeNull();
    await wrapper.get('[data-test="hall-picker"]').setValue("h2");
    await settle();
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h2");

    await wrapper.get('button[aria-label="语言"]').trigger("click");
    expect(i18n.global.locale.value).toBe("en");
    expect(wrapper.get('[data-test="nav-config"]').text()).toBe("Hall configuration");
    expect(document.documentElement.lang).toBe("en");

    await wrapper.get('[data-test="sign-out"]').trigger("click");
    expect(wrapper.find("#adm-signin-token").exists()).toBe(true);
    expect(localStorage.getItem("hallpulse.admin.token")).toBeNull();
  });
});
