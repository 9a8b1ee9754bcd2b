// 模拟调配: every window in the editor with its department, 综合 flag and categories from the
// configuration; the request body built from the editor exactly; the side-by-side result with the
// change green when lower; the server's 400 at the interval it names; 把业务并入综合窗口; a 调配建议
// applied to the editor on today's date, one of a past day on that day; the comparison exported as CSV
// with the request that produced it; hostile names as text.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RebalanceAdvice, WhatIfRequest, WhatIfResponse } from "../../../../../contract/index.js";
import { setLocale } from "../../../i18n/index.js";
import { FakeApi, mountAdmin, settle } from "../testing/fake-api.js";
import WhatIfPage from "./WhatIfPage.vue";

const XSS = "<img src=x onerror=alert(1)>";
// 00:30 on 2026-11-26 in Asia/Shanghai: yesterday there is the 25th, today the 26th.
const NOW = Date.parse("2026-11-25T16:30:00.000Z");

const answer = (date: string): WhatIfResponse => ({
  date,
  actual: {
    categories: [
      { categoryId: "social", avgWaitSeconds: 300, maxWaitSeconds: 900 },
      { categoryId: "estate", avgWaitSeconds: 1800, maxWaitSeconds: 3600 },
    ],
    windows: [
      { windowId: "w1", utilization: 0.6 },
      { windowId: "w2", utilization: 0.2 },
      { windowId: "w3", utilization: 0.97 },
    ],
    cv: 0.52,
  },
  predicted: {
    categories: [
      { categoryId: "social", avgWaitSeconds: 342, maxWaitSeconds: 900 },
      { categoryId: "estate", avgWaitSeconds: 600, maxWaitSeconds: 1500 },
    ],
    windows: [
      { windowId: "w1", utilization: 0.62 },
      { windowId: "w2", utilization: 0.55 },
      { windowId: "w3", utilization: 0.8 },
    ],
    cv: 0.21,
  },
});

const CSV = "\uFEFF类型,编号,名称,实际平均等候(分钟)\r\n业务,estate,不动产登记,30.0\r\n";

let api: FakeApi;
let posted: WhatIfRequest[];
let advice: RebalanceAdvice[];
/** The advice of past days (GET …/rebalance?date=), by date. */
let history: Record<string, RebalanceAdvice[]>;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
  localStorage.clear();
  document.body.innerHTML = "";
  posted = [];
  advice = [];
  history = {};
  api = new FakeApi().install();
  api.extraRoutes.push((method, url, _me, body) => {
    if (method === "GET" && url.pathname === "/api/halls/h1/rebalance") {
      const date = url.searchParams.get("date");
      if (date === null) return { status: 200, body: { at: "2026-11-25T16:29:00.000Z", advice } };
      if (date > "2026-11-26") return { status: 400, body: { error: { code: "bad_request", field: "date", message: "date: must be a day that has begun" } } };
      return { status: 200, body: { at: "2026-11-25T16:29:00.000Z", advice: history[date] ?? [] } };
    }
    if (method !== "POST" || url.pathname !== "/api/halls/h1/whatif") return null;
    if (url.searchParams.get("format") === "csv") return { status: 200, text: CSV, type: "text/csv; charset=utf-8" };
    const req = body as WhatIfRequest;
    posted.push(req);
    // The server's check of the intervals, with its field path.
    for (const [i, w] of req.allocation.windows.entries())
      for (const [j, [from, to]] of (w.open ?? []).entries())
        if (to <= from) return { status: 400, body: { error: { code: "bad_request", field: `allocation.windows.${i}.open.${j}`, message: `allocation.windows.${i}.open.${j}: must end after it starts` } } };
    return { status: 200, body: answer(req.date) };
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  setLocale("zh-CN");
});

const mountPage = () => mountAdmin(WhatIfPage, { path: "/admin/whatif", token: api.principal("mgr", "manager"), stubs: { BaseChart: true } });
const row = (wrapper: Awaited<ReturnType<typeof mountPage>>["wrapper"], id: string) => wrapper.get(`tr[data-window="${id}"]`);
async function tick(wrapper: Awaited<ReturnType<typeof mountPage>>["wrapper"], windowId: string, categoryId: string, on = true) {
  await row(wrapper, windowId).get(`[data-test="pick-${windowId}"] input[data-category="${categoryId}"]`).setValue(on);
}

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

  it("posts exactly what the editor says and shows the result side by side", async () => {
    const { wrapper } = await mountPage();
    await tick(wrapper, "w1", "estate");
    await wrapper.get('[data-test="add-interval-w3"]').trigger("click");
    // Typed as people type it: 9:00 and a full-width １２：００ become HH:MM.
    await wrapper.get('[data-test="from-w3-0"]').setValue("9:00");
    await wrapper.get('[data-test="from-w3-0"]').trigger("change");
    await wrapper.get('[data-test="to-w3-0"]').setValue("１２：００");
    await wrapper.get('[data-test="to-w3-0"]').trigger("change");
    expect((wrapper.get('[data-test="from-w3-0"]').element as HTMLInputElement).value).toBe("09:00");
    await wrapper.get('[data-test="closed-w2"]').setValue(true);
    const date = wrapper.get('[data-test="whatif-date"]');
    await date.setValue("2026-11-20");
    await date.trigger("change");
    expect(wrapper.get('[data-test="changed-count"]').text()).toBe("已调整 3 个窗口");
    expect(row(wrapper, "w1").get('[data-chip="estate"]').classes()).toContain("added");
    expect(row(wrapper, "w2").text()).toContain("全天关闭");
    await wrapper.get('[data-test="whatif-run"]').trigger("click");
    await settle();
    expect(posted).toEqual([
      {
        date: "2026-11-20",
        allocation: {
          windows: [
            { id: "w1", categories: ["social", "estate"] },
            { id: "w2", categories: ["social"], open: [] },
            { id: "w3", categories: ["estate"], open: [["09:00", "12:00"]] },
          ],
        },
      },
    ]);
    const result = wrapper.get('[data-test="whatif-result"]');
    expect(result.get("h2").text()).toBe("模拟结果 · 2026-11-20");
    const estate = result.get('tr[data-result-category="estate"]');
    expect(estate.get(".name").text()).toBe("不动产登记");
    expect(estate.get('[data-test="avg-actual"]').text()).toBe("30.0");
    expect(estate.get('[data-test="avg-predicted"]').text()).toBe("10.0");
    expect(estate.get('[data-test="avg-diff"]').text()).toBe("−20.0");
    expect(estate.get('[data-test="avg-diff"]').classes()).toContain("lower");
    expect(estate.get('[data-test="max-diff"]').text()).toBe("−35.0");
    const social = result.get('tr[data-result-category="social"]');
    expect(social.get('[data-test="avg-diff"]').text()).toBe("+0.7");
    expect(social.get('[data-test="avg-diff"]').attributes("data-tone")).toBe("higher");
    expect(social.get('[data-test="max-diff"]').attributes("data-tone")).toBe("same");
    expect(result.get('[data-test="cv"]').text()).toContain("0.52");
    expect(result.get('[data-test="cv-predicted"]').text()).toBe("0.21");
    expect(result.get('[data-test="cv"]').text()).toContain("−0.31");
    expect(result.get('[data-test="lower-count"]').text()).toBe("1");
    expect(result.get('[data-test="tolerance"]').text()).toContain("40% 或 3 分钟");
    expect(result.find('[data-test="result-outdated"]').exists()).toBe(false);
    await tick(wrapper, "w1", "estate", false);
    expect(result.find('[data-test="result-outdated"]').exists()).toBe(true);
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
    expect(posted[0]?.allocation.windows.map((w) => w.id)).toEqual(["w1", "w3"]);
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
    api.override = { method: "POST", reply: { status: 400, body: { error: { code: "bad_request", field: "allocation.windows.0.categories.1", message: 'allocation.windows.0.categories.1: unknown category "estate"' } } } };
    await wrapper.get('[data-test="whatif-run"]').trigger("click");
    await settle();
    expect(row(wrapper, "w2").get('[data-field-error="w2.categories"]').text()).toBe("分类“estate”不存在");
    api.override = { method: "POST", reply: { status: 503, body: { error: { code: "storage_unavailable", message: "storage unavailable" } } } };
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

  it("shows a suggestion with its prediction and applies it to a replay of today", async () => {
    advice = [
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
    expect(posted).toEqual([{ date: "2026-11-26", allocation: { windows: [{ id: "w2", categories: ["social", "estate"] }] } }]);
  });

  it("exports the shown comparison as CSV: the request that produced it again, with ?format=csv", async () => {
    const blobs: Blob[] = [];
    const names: string[] = [];
    Object.assign(URL, { createObjectURL: (b: Blob) => (blobs.push(b), "blob:whatif"), revokeObjectURL: () => undefined });
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    const { wrapper } = await mountPage();
    expect(wrapper.find('[data-test="whatif-export-csv"]').exists()).toBe(false);
    await tick(wrapper, "w2", "estate");
    await wrapper.get('[data-test="whatif-run"]').trigger("click");
    await settle();
    const csv = wrapper.get('[data-test="whatif-export-csv"]');
    expect(csv.text()).toContain("导出 CSV");
    expect(wrapper.get('[data-test="whatif-export-xlsx"]').text()).toContain("导出 Excel");
    expect(csv.attributes("disabled")).toBeUndefined();
    // The editor moves on; the export is still of the result shown.
    await tick(wrapper, "w1", "estate");
    await csv.trigger("click");
    await settle();
    const call = api.calls.at(-1)!;
    expect([call.method, call.path, call.token]).toEqual(["POST", "/api/halls/h1/whatif?format=csv", "mgr"]);
    expect(call.body).toEqual(posted[0]);
    expect(call.body).toEqual({ date: "2026-11-25", allocation: { windows: [{ id: "w2", categories: ["social", "estate"] }] } });
    expect(names).toEqual(["whatif-h1-2026-11-25.csv"]);
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // A failed export says so.
    api.override = { method: "POST", reply: { status: 503, body: { error: { code: "storage_unavailable", message: "storage unavailable" } } } };
    await wrapper.get('[data-test="whatif-export-xlsx"]').trigger("click");
    await settle();
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h1/whatif?format=xlsx");
    expect(wrapper.get('[data-test="whatif-export-error"]').text()).toContain("导出失败");
    expect(names).toHaveLength(1);
  });

  it("loads the advice of a past day (default: the date being edited) and applies it on that day", async () => {
    history["2026-11-20"] = [{ windowId: "w2", categoryId: "estate", reason: { oldestWaitSeconds: 3000, hotWindows: [] }, predicted: { currentAvgWaitSeconds: 1500, withChangeAvgWaitSeconds: 660 } }];
    const { wrapper } = await mountPage();
    expect(wrapper.get('[data-test="advice-for"]').text()).toBe("实时（今天） · 更新于 00:29");
    expect(wrapper.get('[data-test="advice-for"]').attributes("data-basis")).toBe("live");
    expect(wrapper.find('[data-test="advice-date"]').exists()).toBe(false);
    await wrapper.get('[data-test="advice-basis-history"]').trigger("click");
    await settle();
    // The what-if date being edited: yesterday.
    expect((wrapper.get('[data-test="advice-date"]').element as HTMLInputElement).value).toBe("2026-11-25");
    expect(wrapper.get('[data-test="advice-date"]').attributes("max")).toBe("2026-11-26");
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h1/rebalance?date=2026-11-25");
    expect(wrapper.get('[data-test="advice-basis-history"]').attributes("aria-checked")).toBe("true");
    expect(wrapper.get('[data-test="advice-for"]').text()).toBe("历史 · 2026-11-25");
    expect(wrapper.get('[data-test="advice-empty"]').text()).toBe("2026-11-25 没有调配建议：当天各业务的平均等候都未超过目标，或没有可以协助的空闲窗口。");

    const field = wrapper.get('[data-test="advice-date"]');
    await field.setValue("2026-11-20");
    await field.trigger("change");
    await settle();
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h1/rebalance?date=2026-11-20");
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
    expect(posted).toEqual([{ date: "2026-11-20", allocation: { windows: [{ id: "w2", categories: ["social", "estate"] }] } }]);

    // Back to live: no date in the request.
    await wrapper.get('[data-test="advice-basis-live"]').trigger("click");
    await settle();
    expect(api.calls.filter((c) => c.path.startsWith("/api/halls/h1/rebalance")).at(-1)?.path).toBe("/api/halls/h1/rebalance");
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
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h1/rebalance?date=2026-12-01");
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

  it("shows hostile names as text everywhere", async () => {
    const hall = api.halls.get("h1")!;
    hall.windows[1]!.name = XSS;
    hall.windows[1]!.department = XSS;
    hall.categories[1]!.name = XSS;
    advice = [{ windowId: "w2", categoryId: "estate", reason: { oldestWaitSeconds: 2700, hotWindows: [] }, predicted: null }];
    const { wrapper } = await mountPage();
    expect(row(wrapper, "w2").get(".w-name span").text()).toBe(XSS);
    expect(row(wrapper, "w2").get(".w-dept").text()).toBe(XSS);
    expect(row(wrapper, "w3").get('[data-chip="estate"]').text()).toBe(XSS);
    expect(wrapper.get('[data-test="advice-line"]').text()).toContain(`建议 ${XSS} 协助 ${XSS}`);
    await wrapper.get('[data-test="whatif-run"]').trigger("click");
    await settle();
    expect(wrapper.get('tr[data-result-category="estate"] .name').text()).toBe(XSS);
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });
});
