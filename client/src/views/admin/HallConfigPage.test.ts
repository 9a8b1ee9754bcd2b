// The hall-configuration page: per-field messages next to their inputs (as you type, from the contract's
// schema, in Chinese), the server's 400 field shown at the right input, read-only for managers, and
// untrusted names rendered as text.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import HallConfigPage from "./HallConfigPage.vue";
import { FakeApi, mountAdmin, settle } from "./testing/fake-api.js";

let api: FakeApi;
beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = "";
  api = new FakeApi().install();
});
afterEach(() => vi.unstubAllGlobals());

describe("HallConfigPage", () => {
  it("shows a client-side message under the input as soon as it is edited", async () => {
    const { wrapper } = await mountAdmin(HallConfigPage, { token: api.principal("adm", "admin") });
    const name = wrapper.get('[data-field="windows.1.name"]');
    expect((name.element as HTMLInputElement).value).toBe("2号窗口");
    expect(wrapper.find('[data-error-for="windows.1.name"]').exists()).toBe(false);
    await name.setValue("");
    const error = wrapper.get('[data-row="windows.1"] [data-error-for="windows.1.name"]');
    expect(error.text()).toBe("不能为空");
    expect(error.attributes("data-source")).toBe("client");
    expect(name.attributes("aria-invalid")).toBe("true");
    expect(name.attributes("aria-describedby")).toBe(error.attributes("id"));

    await wrapper.get('[data-field="targets.coldUtilization"]').setValue("0.9");
    expect(wrapper.get('[data-error-for="targets.coldUtilization"]').text()).toBe("须小于过热阈值");
    await wrapper.get('[data-field="timezone"]').setValue("Asia/Shangai");
    expect(wrapper.get('[data-error-for="timezone"]').text()).toContain("不是有效的 IANA 时区");
  });

  it("chooses a window's categories from the categories above, and follows a renamed category", async () => {
    const { wrapper } = await mountAdmin(HallConfigPage, { token: api.principal("adm", "admin") });
    const cell = () => wrapper.get('[data-field="windows.0.categories"]');
    expect(cell().findAll(".chip").map((c) => c.text())).toEqual(["社会保险"]);
    await cell().get('input[data-category="estate"]').setValue(true);
    await cell().get('input[data-category="social"]').setValue(false);
    expect(cell().findAll(".chip").map((c) => c.text())).toEqual(["不动产登记"]);
    await wrapper.get('[data-field="categories.1.id"]').setValue("real-estate");
    expect(cell().get(".chip").attributes("title")).toBe("real-estate");
    expect(wrapper.findAll("[data-error-for]")).toHaveLength(0);
    await wrapper.get('[data-test="save"]').trigger("click");
    await settle();
    expect(api.halls.get("h1")?.windows[0]?.categories).toEqual(["real-estate"]);
    expect(api.halls.get("h1")?.windows[2]?.categories).toEqual(["real-estate"]);
  });

  it("refuses to save an invalid form, counting the problems", async () => {
    const { wrapper } = await mountAdmin(HallConfigPage, { token: api.principal("adm", "admin") });
    await wrapper.get('[data-field="name"]').setValue("");
    await wrapper.get('[data-test="save"]').trigger("click");
    await settle();
    expect(wrapper.get('[data-test="save-status"]').text()).toBe("有 1 处需要修正，请查看标红的字段");
    expect(api.callsTo("PUT", "/api/halls")).toEqual([]);
  });

  it("saves, and says so", async () => {
    const { wrapper } = await mountAdmin(HallConfigPage, { token: api.principal("adm", "admin") });
    await wrapper.get('[data-field="windows.0.name"]').setValue("1号窗口（社保）");
    expect(wrapper.get('[data-test="save-status"]').text()).toBe("有未保存的修改");
    await wrapper.get('[data-test="save"]').trigger("click");
    await settle();
    expect(wrapper.get('[data-test="save-status"]').text()).toContain("配置已保存");
    expect(api.halls.get("h1")?.windows[0]?.name).toBe("1号窗口（社保）");
  });

  it("puts the server's 400 field next to the right input (windows.2.categories.0)", async () => {
    const { wrapper } = await mountAdmin(HallConfigPage, { token: api.principal("adm", "admin") });
    api.override = { method: "PUT", reply: { status: 400, body: { error: { code: "bad_request", field: "windows.2.categories.0", message: 'windows.2.categories.0: unknown category "c9"' } } } };
    await wrapper.get('[data-test="save"]').trigger("click");
    await settle();
    const error = wrapper.get('[data-row="windows.2"] [data-error-for="windows.2.categories"]');
    expect(error.text()).toBe("分类“c9”不存在");
    expect(error.attributes("data-source")).toBe("server");
    expect(wrapper.get('[data-field="windows.2.categories"]').attributes("aria-invalid")).toBe("true");
    expect(wrapper.findAll('[data-error-for]')).toHaveLength(1);
    expect(wrapper.get('[data-test="save-status"]').text()).toBe("保存失败：服务器指出“windows.2.categories.0”有误");
    // Focus moves to the input the server named.
    expect(document.activeElement?.getAttribute("data-field")).toBe("windows.2.categories");
  });

  it("shows the item-code position for a problem inside the codes list", async () => {
    const { wrapper } = await mountAdmin(HallConfigPage, { token: api.principal("adm", "admin") });
    api.override = { method: "PUT", reply: { status: 400, body: { error: { code: "bad_request", field: "categories.1.itemCodes.0", message: "categories.1.itemCodes.0: must be at most 64 characters" } } } };
    await wrapper.get('[data-test="save"]').trigger("click");
    await settle();
    expect(wrapper.get('[data-row="categories.1"] [data-error-for="categories.1.itemCodes"]').text()).toBe("第 1 项：最多 64 个字符");
  });

  it("is read only for a manager: disabled inputs, a note, no save or row buttons", async () => {
    const { wrapper } = await mountAdmin(HallConfigPage, { token: api.principal("mgr", "manager") });
    expect(wrapper.get('[data-test="read-only"]').text()).toContain("仅管理员可以修改");
    expect(wrapper.get("fieldset").attributes("disabled")).toBeDefined();
    expect(wrapper.find('[data-test="save"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="add-window"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="add-category"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="new-hall"]').exists()).toBe(false);
    expect(wrapper.text()).not.toContain("删除");
  });

  it("renders untrusted names as text", async () => {
    const hall = api.halls.get("h1")!;
    hall.name = "<img src=x onerror=alert(1)>";
    hall.categories[0]!.name = '"><svg onload=alert(1)>';
    const { wrapper } = await mountAdmin(HallConfigPage, { token: api.principal("adm", "admin") });
    expect((wrapper.get('[data-field="name"]').element as HTMLInputElement).value).toBe("<img src=x onerror=alert(1)>");
    expect(wrapper.get('[data-row="windows.0"] .chip').text()).toBe('"><svg onload=alert(1)>');
    expect(document.querySelector('img[src="x"]')).toBeNull();
    expect(document.querySelector("svg")).toBeNull();
  });

  it("creates a new hall for a global admin", async () => {
    const { wrapper } = await mountAdmin(HallConfigPage, { token: api.principal("adm", "admin", null) });
    await wrapper.get('[data-test="new-hall"]').trigger("click");
    await wrapper.get('[data-field="hallId"]').setValue("h1");
    expect(wrapper.get('[data-error-for="hallId"]').text()).toBe("大厅“h1”已存在");
    await wrapper.get('[data-field="hallId"]').setValue("east");
    await wrapper.get('[data-field="name"]').setValue("东区便民服务中心");
    await wrapper.get('[data-test="add-category"]').trigger("click");
    await wrapper.get('[data-field="categories.0.id"]').setValue("social");
    await wrapper.get('[data-field="categories.0.name"]').setValue("社会保险");
    await wrapper.get('[data-test="save"]').trigger("click");
    await settle();
    expect(api.halls.get("east")).toMatchObject({ name: "东区便民服务中心", categories: [{ id: "social", name: "社会保险", itemCodes: [] }] });
  });
});
