// 模拟调配, the 调配建议: a live suggestion with its prediction applied to the editor on today's date; the
// advice of a past day (default: the date being edited) applied on that day; a future day refused at
// the date field.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { settle } from "../testing/fake-api.js";
import { endWhatIfTest, mountWhatIf, row, startWhatIfTest, type WhatIfFake } from "./whatif-fake.js";

let fake: WhatIfFake;
beforeEach(() => {
  fake = startWhatIfTest();
});
afterEach(endWhatIfTest);

const mountPage = () => mountWhatIf(fake.api);

describe("WhatIfPage advice", () => {
  it("shows a suggestion with its prediction and applies it to a replay of today", async () => {
    fake.advice = [
      { windowId: "w2", categoryId: "estate", reason: { oldestWaitSeconds: 2700, hotWindows: ["w3"] }, predicted: { currentAvgWaitSeconds: 3120, withChangeAvgWaitSeconds: 1080 } },
      { windowId: "w1", categoryId: "social", reason: { oldestWaitSeconds: null, hotWindows: [] }, predicted: { currentAvgWaitSeconds: null, withChangeAvgWaitSeconds: null } },
    ];
    const { wrapper } = await mountPage();
    const lines = wrapper.findAll('[data-test="advice-line"]').map((l) => l.text());
    expect(lines[0]).toBe("建议 2号窗口 协助 不动产登记：预计平均等候从 52 分钟降至 18 分钟");
    expect(lines[1]).toBe("建议 1号窗口 协助 社会保险：今天该业务还没有可重放的叫号，暂无预测");
    expect(wrapper.get('[data-advice="w2|estate"]').text()).toContain("最久已等 45 分钟 · 过热窗口：3号窗口");
    await wrapper.get('[data-advice="w2|estate"] [data-test="advice-apply"]').trigger("click");
    expect((wrapper.get('[data-test="whatif-date"]').element as HTMLInputElement).value).toBe("2026-11-26");
    expect(row(wrapper, "w2").get('[data-chip="estate"]').classes()).toContain("added");
    expect(wrapper.get('[data-advice="w2|estate"] [data-test="advice-applied"]').text()).toContain("已加入模拟");
    await wrapper.get('[data-test="whatif-run"]').trigger("click");
    await settle();
    expect(fake.posted).toEqual([{ date: "2026-11-26", allocation: { windows: [{ id: "w2", categories: ["social", "estate"] }] } }]);
  });

  it("loads the advice of a past day (default: the date being edited) and applies it on that day", async () => {
    fake.history["2026-11-20"] = [{ windowId: "w2", categoryId: "estate", reason: { oldestWaitSeconds: 3000, hotWindows: [] }, predicted: { currentAvgWaitSeconds: 1500, withChangeAvgWaitSeconds: 660 } }];
    const { wrapper } = await mountPage();
    expect(wrapper.get('[data-test="advice-for"]').text()).toBe("实时（今天） · 更新于 00:29");
    expect(wrapper.get('[data-test="advice-for"]').attributes("data-basis")).toBe("live");
    expect(wrapper.find('[data-test="advice-date"]').exists()).toBe(false);
    await wrapper.get('[data-test="advice-basis-history"]').trigger("click");
    await settle();
    // The what-if date being edited: yesterday.
    expect((wrapper.get('[data-test="advice-date"]').element as HTMLInputElement).value).toBe("2026-11-25");
    expect(wrapper.get('[data-test="advice-date"]').attributes("max")).toBe("2026-11-26");
    expect(fake.api.calls.at(-1)?.path).toBe("/api/halls/h1/rebalance?date=2026-11-25");
    expect(wrapper.get('[data-test="advice-basis-history"]').attributes("aria-checked")).toBe("true");
    expect(wrapper.get('[data-test="advice-for"]').text()).toBe("历史 · 2026-11-25");
    expect(wrapper.get('[data-test="advice-empty"]').text()).toBe("2026-11-25 没有调配建议：当天各业务的平均等候都未超过目标，或没有可以协助的空闲窗口。");

    const field = wrapper.get('[data-test="advice-date"]');
    await field.setValue("2026-11-20");
    await field.trigger("change");
    await settle();
    expect(fake.api.calls.at(-1)?.path).toBe("/api/halls/h1/rebalance?date=2026-11-20");
    expect(wrapper.get('[data-test="advice-for"]').attributes("data-date")).toBe("2026-11-20");
    expect(wrapper.get('[data-test="advice-line"]').text()).toBe("建议 2号窗口 协助 不动产登记：预计平均等候从 25 分钟降至 11 分钟");
    expect(wrapper.get('[data-advice="w2|estate"]').text()).toContain("当天最长等候 50 分钟");
    await wrapper.get('[data-advice="w2|estate"] [data-test="advice-apply"]').trigger("click");
    // The editor replays that day, with the window taking the category.
    expect((wrapper.get('[data-test="whatif-date"]').element as HTMLInputElement).value).toBe("2026-11-20");
    expect(row(wrapper, "w2").get('[data-chip="estate"]').classes()).toContain("added");
    expect(wrapper.get('[data-advice="w2|estate"] [data-test="advice-applied"]').text()).toContain("已加入模拟（2026-11-20）");
    await wrapper.get('[data-test="whatif-run"]').trigger("click");
    await settle();
    expect(fake.posted).toEqual([{ date: "2026-11-20", allocation: { windows: [{ id: "w2", categories: ["social", "estate"] }] } }]);

    // Back to live: no date in the request.
    await wrapper.get('[data-test="advice-basis-live"]').trigger("click");
    await settle();
    expect(fake.api.calls.filter((c) => c.path.startsWith("/api/halls/h1/rebalance")).at(-1)?.path).toBe("/api/halls/h1/rebalance");
    expect(wrapper.get('[data-test="advice-for"]').attributes("data-basis")).toBe("live");
    expect(wrapper.get('[data-test="advice-empty"]').text()).toContain("当前没有调配建议");
  });

  it("shows the server's 400 on a future day at the date field", async () => {
    const { wrapper } = await mountPage();
    await wrapper.get('[data-test="advice-basis-history"]').trigger("click");
    await settle();
    const field = wrapper.get('[data-test="advice-date"]');
    await field.setValue("2026-12-01");
    await field.trigger("change");
    await settle();
    expect(fake.api.calls.at(-1)?.path).toBe("/api/halls/h1/rebalance?date=2026-12-01");
    expect(wrapper.get('[data-test="advice-error"]').text()).toBe("无法加载 2026-12-01 的调配建议：只能选择今天或以前的日期");
    expect(wrapper.get('[data-test="advice-error"]').attributes("role")).toBe("alert");
    expect(field.attributes("aria-invalid")).toBe("true");
    expect(wrapper.find('[data-test="advice-empty"]').exists()).toBe(false);
    await field.setValue("2026-11-24");
    await field.trigger("change");
    await settle();
    expect(wrapper.find('[data-test="advice-error"]').exists()).toBe(false);
    expect(field.attributes("aria-invalid")).toBeUndefined();
    expect(wrapper.get('[data-test="advice-empty"]').text()).toContain("2026-11-24 没有调配建议");
  });
});
