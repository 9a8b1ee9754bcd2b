// 模拟调配, the editor: every window with its department, 综合 flag and categories from the configuration;
// the server's 400 at the interval (or the categories) it names, other failures as a banner; 把业务并入
// 综合窗口 and 重置. The result is in WhatIfPage.result.test.ts, the 调配建议 in WhatIfPage.advice.test.ts;
// the fake server in whatif-fake.ts.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { settle } from "../testing/fake-api.js";
import { endWhatIfTest, mountWhatIf, row, startWhatIfTest, tick, type WhatIfFake } from "./whatif-fake.js";

let fake: WhatIfFake;
beforeEach(() => {
  fake = startWhatIfTest();
});
afterEach(endWhatIfTest);

const mountPage = () => mountWhatIf(fake.api);

describe("WhatIfPage", () => {
  it("lists every window with department, 综合 flag and its categories; yesterday in hall time", async () => {
    const { wrapper } = await mountPage();
    expect(wrapper.findAll("tr[data-window]").map((r) => r.attributes("data-window"))).toEqual(["w1", "w2", "w3"]);
    expect(row(wrapper, "w2").get(".w-name").text()).toBe("2号窗口综合");
    expect(row(wrapper, "w3").get(".w-dept").text()).toBe("自然资源局");
    expect(row(wrapper, "w3").findAll("[data-chip]").map((c) => c.text())).toEqual(["不动产登记"]);
    expect(row(wrapper, "w1").text()).toContain("按实际开放");
    expect((wrapper.get('[data-test="whatif-date"]').element as HTMLInputElement).value).toBe("2026-11-25");
    expect(wrapper.get('[data-test="whatif-date"]').attributes("max")).toBe("2026-11-26");
    expect(wrapper.get('[data-test="changed-count"]').text()).toBe("与实际配置相同");
    expect(wrapper.get('[data-test="advice-empty"]').text()).toContain("当前没有调配建议");
  });

  it("shows the server's 400 at the interval it names", async () => {
    const { wrapper } = await mountPage();
    await tick(wrapper, "w1", "estate");
    await wrapper.get('[data-test="add-interval-w3"]').trigger("click");
    await wrapper.get('[data-test="from-w3-0"]').setValue("12:00");
    await wrapper.get('[data-test="from-w3-0"]').trigger("change");
    await wrapper.get('[data-test="to-w3-0"]').setValue("09:00");
    await wrapper.get('[data-test="to-w3-0"]').trigger("change");
    await wrapper.get('[data-test="whatif-run"]').trigger("click");
    await settle();
    // w3 is the second window of the request: allocation.windows.1 → w3.
    expect(fake.posted[0]?.allocation.windows.map((w) => w.id)).toEqual(["w1", "w3"]);
    expect(wrapper.get('[data-test="whatif-field-failed"]').text()).toBe("模拟参数有误，请修改标红的项目。");
    const error = row(wrapper, "w3").get('[data-field-error="w3.open.0"]');
    expect(error.text()).toBe("结束时间须晚于开始时间");
    expect(wrapper.findAll("[data-field-error]")).toHaveLength(1);
    expect(wrapper.get('[data-test="from-w3-0"]').attributes("aria-invalid")).toBe("true");
    expect(wrapper.get('[data-test="to-w3-0"]').attributes("aria-invalid")).toBe("true");
    expect(row(wrapper, "w3").classes()).toContain("invalid");
    expect(wrapper.find('[data-test="whatif-result"]').exists()).toBe(false);
    // Fixing the interval clears the message.
    await wrapper.get('[data-test="to-w3-0"]').setValue("13:00");
    await wrapper.get('[data-test="to-w3-0"]').trigger("change");
    expect(wrapper.findAll("[data-field-error]")).toHaveLength(0);
  });

  it("shows a category error at the window's categories and other failures as a banner", async () => {
    const { wrapper } = await mountPage();
    await tick(wrapper, "w2", "estate");
    fake.api.override = { method: "POST", reply: { status: 400, body: { error: { code: "bad_request", field: "allocation.windows.0.categories.1", message: 'allocation.windows.0.categories.1: unknown category "estate"' } } } };
    await wrapper.get('[data-test="whatif-run"]').trigger("click");
    await settle();
    expect(row(wrapper, "w2").get('[data-field-error="w2.categories"]').text()).toBe("分类“estate”不存在");
    fake.api.override = { method: "POST", reply: { status: 503, body: { error: { code: "storage_unavailable", message: "storage unavailable" } } } };
    await wrapper.get('[data-test="whatif-run"]').trigger("click");
    await settle();
    expect(wrapper.get('[data-test="whatif-failed"]').text()).toContain("模拟失败");
    expect(wrapper.findAll("[data-field-error]")).toHaveLength(0);
  });

  it("adds a category to every comprehensive window at once, and resets", async () => {
    const { wrapper } = await mountPage();
    await wrapper.get('[data-test="merge-category"]').setValue("estate");
    await wrapper.get('[data-test="merge-apply"]').trigger("click");
    expect(wrapper.get('[data-test="merge-note"]').text()).toBe("已把「不动产登记」加入 1 个综合窗口。");
    expect(row(wrapper, "w2").findAll("[data-chip]").map((c) => c.text())).toEqual(["社会保险", "不动产登记"]);
    expect(row(wrapper, "w1").findAll("[data-chip]").map((c) => c.text())).toEqual(["社会保险"]);
    expect(row(wrapper, "w2").classes()).toContain("changed");
    await wrapper.get('[data-test="whatif-reset"]').trigger("click");
    expect(row(wrapper, "w2").findAll("[data-chip]").map((c) => c.text())).toEqual(["社会保险"]);
    expect(wrapper.get('[data-test="changed-count"]').text()).toBe("与实际配置相同");
  });
});
