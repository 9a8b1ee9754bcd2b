// 历史分析: the table of every field, formatted, with Chinese names (never ids alone) and untrusted names as
// text; sorting by a column; the period presets and the grouping as the query; the charts' options; the
// downloads and a chart's PNG; the 热力图 tab with its two charts; the pending notice and the admin-only
// 重新计算 with its progress.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { POLL_MS } from "../../../stores/admin-history-status.js";
import { setLocale } from "../../../i18n/index.js";
import { FakeApi, sampleHall, settle } from "../testing/fake-api.js";
import HistoryPage from "./HistoryPage.vue";
import { chartOptions, installHistoryRoutes, mountWithCharts, XSS, type HistoryFake } from "./history-fake.js";

let api: FakeApi;
let fake: HistoryFake;
const NOW = Date.parse("2026-11-25T16:30:00.000Z"); // 26 Nov, 00:30 in Shanghai

beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = "";
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
  api = new FakeApi().install();
  const hall = sampleHall();
  hall.windows[2] = { ...hall.windows[2]!, name: XSS };
  api.halls.set("h1", hall);
  fake = installHistoryRoutes(api);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const mountPage = (role: "admin" | "manager" = "manager") => mountWithCharts(HistoryPage, "/admin/history", api.principal(role === "admin" ? "adm" : "mgr", role));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const option = (label: string): any => [...chartOptions.entries()].find(([k]) => k.startsWith(label))?.[1];
const lastQuery = () => Object.fromEntries(new URL(api.callsTo("GET", "/api/halls/h1/history?").at(-1)!.path, "http://x").searchParams);

describe("history page", () => {
  it("shows every field of the rows, formatted, by window name", async () => {
    const { wrapper } = await mountPage();
    expect(lastQuery()).toEqual({ from: "2026-11-19", to: "2026-11-25", groupBy: "window" });
    expect(wrapper.get('[data-test="period-range"]').text()).toBe("2026-11-19 至 2026-11-25，共 7 天");
    const heads = wrapper.findAll('[data-test="history-table"] th').map((th) => th.text());
    expect(heads).toEqual(["窗口", "到达", "办结", "过号", "利用率", "等候中位数", "等候 P90", "最长等候", "等候达标率", "平均办理", "平均评价", "差评"]);
    const cells = (key: string) => wrapper.findAll(`tr[data-key="${key}"] td`).map((td) => td.text());
    expect(cells("w1")).toEqual(["1号窗口人社局", "40", "36", "2", "62.5%", "10:05", "25:10", "45:00", "81.3%", "7:12", "4.6", "1"]);
    expect(cells("w3")).toEqual([`${XSS}自然资源局`, "0", "0", "0", "0.0%", "—", "—", "—", "—", "—", "—", "0"]);
    expect(wrapper.get('[data-test="row-count"]').text()).toBe("共 3 行");
  });

  it("adds the idle-while-waiting columns by window and compares priority waits (issue #9)", async () => {
    fake.rows.window = (fake.rows.window ?? []).map((r, i) => ({ ...r, idleMinutes: [32.4, 0, 7.6][i] as number, idleEpisodes: [3, 0, 1][i] as number }));
    const M = 60;
    fake.priorityWaits = [
      { categoryId: null, priority: "normal", count: 80, p50Seconds: 12 * M, p90Seconds: 30 * M, p50RatioToNormal: 1, p90RatioToNormal: 1 },
      { categoryId: null, priority: "green", count: 6, p50Seconds: 3 * M, p90Seconds: 5 * M, p50RatioToNormal: 0.25, p90RatioToNormal: 5 / 30 },
      { categoryId: "social", priority: "normal", count: 50, p50Seconds: 10 * M, p90Seconds: 20 * M, p50RatioToNormal: 1, p90RatioToNormal: 1 },
      { categoryId: "social", priority: "green", count: 6, p50Seconds: 3 * M, p90Seconds: 5 * M, p50RatioToNormal: 0.3, p90RatioToNormal: 0.25 },
      { categoryId: "estate", priority: "normal", count: 30, p50Seconds: 15 * M, p90Seconds: 40 * M, p50RatioToNormal: 1, p90RatioToNormal: 1 },
    ];
    const { wrapper } = await mountPage();
    const heads = wrapper.findAll('[data-test="history-table"] th').map((th) => th.text());
    expect(heads.slice(-2)).toEqual(["离岗空闲(分)", "离岗次数"]);
    expect(wrapper.findAll('tr[data-key="w1"] td').map((td) => td.text()).slice(-2)).toEqual(["32", "3"]);
    expect(wrapper.findAll('tr[data-key="w3"] td').map((td) => td.text()).slice(-2)).toEqual(["8", "1"]);
    expect(wrapper.find('[data-test="idle-hint"]').exists()).toBe(true);
    await wrapper.get('th [data-sort="idleMinutes"]').trigger("click");
    expect(wrapper.findAll('[data-test="history-table"] tbody tr').map((tr) => tr.attributes("data-key"))).toEqual(["w1", "w3", "w2"]);
    const card = wrapper.get('[data-test="priority-waits"]');
    const rows = card.findAll("tbody tr").map((tr) => tr.findAll("td").map((td) => td.text()));
    // The estate category had no priority ticket: nothing to compare, not shown.
    expect(rows).toEqual([
      ["全厅", "普通", "80", "12:00", "30:00", "—"],
      ["全厅", "绿色通道", "6", "3:00", "5:00", "×0.25"],
      ["社会保险", "普通", "50", "10:00", "20:00", "—"],
      ["社会保险", "绿色通道", "6", "3:00", "5:00", "×0.30"],
    ]);
  });

  it("renders untrusted names as text, never markup", async () => {
    const { wrapper } = await mountPage();
    expect(wrapper.get('tr[data-key="w3"] .name').text()).toBe(XSS);
    expect(document.querySelector('img[src="x"]')).toBeNull();
    expect(wrapper.html()).not.toContain("<img");
    // The charts get the name as a label to draw on the canvas as text.
    expect(option("到达与办结").xAxis.data).toEqual(["1号窗口", "2号窗口", XSS]);
  });

  it("sorts by a column on click, most first, again reversed, missing values last", async () => {
    const { wrapper } = await mountPage();
    const order = () => wrapper.findAll("tbody tr").map((tr) => tr.attributes("data-key"));
    expect(order()).toEqual(["w1", "w2", "w3"]);
    await wrapper.get('[data-sort="waitP90Seconds"]').trigger("click");
    expect(order()).toEqual(["w1", "w2", "w3"]);
    expect(wrapper.get('th[aria-sort="descending"]').text()).toContain("等候 P90");
    await wrapper.get('[data-sort="waitP90Seconds"]').trigger("click");
    expect(order()).toEqual(["w2", "w1", "w3"]);
    await wrapper.get('[data-sort="key"]').trigger("click");
    expect(order()).toEqual(["w1", "w2", "w3"]);
    await wrapper.get('[data-sort="key"]').trigger("click");
    expect(order()).toEqual(["w3", "w2", "w1"]);
  });

  it("turns the presets and the grouping into the query", async () => {
    const { wrapper } = await mountPage();
    expect(wrapper.findAll("[data-preset]").map((b) => b.text())).toEqual(["日", "周", "月", "年", "自定义"]);
    expect(wrapper.findAll("[data-group]").map((b) => b.text())).toEqual(["窗口", "部门", "业务类别", "时段", "星期", "日期"]);
    expect(wrapper.get('[data-preset="week"]').attributes("aria-checked")).toBe("true");
    await wrapper.get('[data-preset="month"]').trigger("click");
    await settle();
    expect(lastQuery()).toEqual({ from: "2026-10-27", to: "2026-11-25", groupBy: "window" });
    await wrapper.get('[data-group="weekday"]').trigger("click");
    await settle();
    expect(lastQuery()).toEqual({ from: "2026-10-27", to: "2026-11-25", groupBy: "weekday" });
    expect(wrapper.findAll('[data-col="key"]').map((td) => td.text())).toEqual(["周一", "周五"]);
    expect(wrapper.get('[data-test="history-table"] th').text()).toBe("星期");
    await wrapper.get('[data-group="hour"]').trigger("click");
    await settle();
    expect(wrapper.findAll('[data-col="key"]').map((td) => td.text())).toEqual(["09:00–10:00", "10:00–11:00"]);
    await wrapper.get('[data-group="category"]').trigger("click");
    await settle();
    expect(wrapper.findAll('[data-col="key"]').map((td) => td.text())).toEqual(["社会保险", "不动产登记"]);
    await wrapper.get('[data-group="department"]').trigger("click");
    await settle();
    expect(wrapper.findAll('[data-col="key"]').map((td) => td.text())).toEqual(["人社局", "自然资源局"]);
  });

  it("takes a custom period from the two dates and says what is wrong with a bad one", async () => {
    const { wrapper } = await mountPage();
    await wrapper.get('[data-preset="custom"]').trigger("click");
    const calls = api.callsTo("GET", "/api/halls/h1/history?").length;
    await wrapper.get('[data-test="period-from"]').setValue("2026-11-20");
    await wrapper.get('[data-test="period-to"]').setValue("2026-11-10");
    await wrapper.get('[data-test="period-to"]').trigger("change");
    await settle();
    expect(wrapper.get('[data-test="period-error"]').text()).toBe("开始日期不能晚于结束日期");
    await wrapper.get('[data-test="period-to"]').setValue("2026-11-24");
    await wrapper.get('[data-test="period-to"]').trigger("change");
    await settle();
    expect(wrapper.find('[data-test="period-error"]').exists()).toBe(false);
    expect(lastQuery()).toEqual({ from: "2026-11-20", to: "2026-11-24", groupBy: "window" });
    expect(api.callsTo("GET", "/api/halls/h1/history?").length).toBeGreaterThan(calls);
    expect(wrapper.get('[data-test="period-range"]').text()).toBe("2026-11-20 至 2026-11-24，共 5 天");
  });

  it("gives the charts their series: served & arrivals, waits against the target, the imbalance per day", async () => {
    await mountPage();
    const volume = option("到达与办结");
    expect(volume.series.map((s: { name: string }) => s.name)).toEqual(["到达", "办结"]);
    expect(volume.series[1].data).toEqual([36, 11, 0]);
    const wait = option("等候时长");
    expect(wait.series[1].markLine.data[0].yAxis).toBe(20);
    expect(wait.series[1].markLine.label.formatter()).toBe("目标 20 分钟");
    expect(wait.tooltip.renderMode).toBe("richText");
    const cv = option("冷热不均指数");
    // Every day of the period, a gap where a day has no figures.
    expect(cv.xAxis.data).toEqual(["11-19", "11-20", "11-21", "11-22", "11-23", "11-24", "11-25"]);
    expect(cv.series[0].data).toEqual([0.42, 0.31, null, null, null, null, null]);
  });

  it("downloads the table (CSV, XLSX) with the token and a chart as PNG", async () => {
    const created: Blob[] = [];
    Object.assign(URL, { createObjectURL: (b: Blob) => (created.push(b), "blob:x"), revokeObjectURL: () => undefined });
    const saved: { href: string; download: string }[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ href: this.getAttribute("href") ?? "", download: this.download });
    });
    const { wrapper } = await mountPage();
    await wrapper.get('[data-test="export-csv"]').trigger("click");
    await settle();
    await wrapper.get('[data-test="export-xlsx"]').trigger("click");
    await settle();
    const exports = api.calls.filter((c) => c.path.includes("format="));
    expect(exports.map((c) => [new URL(c.path, "http://x").searchParams.get("format"), c.token])).toEqual([
      ["csv", "mgr"],
      ["xlsx", "mgr"],
    ]);
    expect(saved.map((s) => s.download)).toEqual(["history-h1-window-2026-11-19_2026-11-25.csv", "history-h1-window-2026-11-19_2026-11-25.xlsx"]);
    await wrapper.get('[data-test="chart-wait"] [data-test="export-png"]').trigger("click");
    expect(saved.at(-1)?.download).toBe("waits-h1-window-2026-11-19_2026-11-25.png");
    expect(saved.at(-1)?.href).toMatch(/^data:image\/png;base64,/);
    click.mockRestore();
  });

  it("shows the 热力图 tab: two heatmaps with weekday names and window names", async () => {
    const { wrapper } = await mountPage();
    expect(wrapper.find('[data-test="heatmaps"]').exists()).toBe(false);
    await wrapper.get('[data-test="tab-heatmap"]').trigger("click");
    await settle();
    expect(wrapper.get('[data-test="tab-heatmap"]').attributes("aria-selected")).toBe("true");
    expect(wrapper.findAll('[data-test="heatmaps"] .chart-stub')).toHaveLength(2);
    expect(wrapper.find('[data-test="group-by"]').exists()).toBe(false);
    const arrivals = option("到达热力图");
    expect(arrivals.yAxis.data).toEqual(["周一", "周二", "周三", "周四", "周五", "周六", "周日"]);
    expect(arrivals.visualMap[0].max).toBe(26);
    const util = option("窗口利用率热力图");
    expect(util.yAxis.data).toEqual(["1号窗口", "2号窗口", XSS]);
    expect(util.visualMap[0]).toMatchObject({ min: 0, max: 100 });
    expect(util.tooltip.renderMode).toBe("richText");
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });

  it("shows the pending days with progress, and reloads when they are done", async () => {
    vi.useRealTimers();
    vi.useFakeTimers({ now: NOW });
    fake.status = { pendingDays: 2, running: "2026-11-24", completed: 0, failed: 0, fromLiveFacts: 0 };
    const { wrapper } = await mountPage();
    const notice = wrapper.get('[data-test="pending-notice"]');
    expect(notice.attributes("role")).toBe("status");
    expect(notice.text()).toContain("历史统计正在计算");
    expect(notice.text()).toContain("还有 2 天的数据等待计算（已完成 0/2 天）");
    expect(notice.text()).toContain("正在计算 2026-11-24");
    expect(wrapper.find('[data-test="rebuild"]').exists()).toBe(false); // a manager: no 重新计算
    fake.statusSteps = [{ pendingDays: 1, running: "2026-11-25", completed: 1, failed: 0, fromLiveFacts: 0 }];
    await vi.advanceTimersByTimeAsync(POLL_MS);
    await settle();
    expect(wrapper.get('[data-test="pending-progress"]').attributes("aria-valuenow")).toBe("50");
    fake.status = { pendingDays: 0, running: null, completed: 2, failed: 0, fromLiveFacts: 0 };
    const loads = api.callsTo("GET", "/api/halls/h1/history?").length;
    await vi.advanceTimersByTimeAsync(POLL_MS);
    await settle();
    expect(wrapper.find('[data-test="pending-notice"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="pending-done"]').text()).toBe("历史统计已更新到最新。");
    expect(api.callsTo("GET", "/api/halls/h1/history?").length).toBe(loads + 1);
    wrapper.unmount();
  });

  it("lets an admin recompute, with progress, while the page stays usable", async () => {
    vi.useRealTimers();
    vi.useFakeTimers({ now: NOW });
    fake.markedDays = 4;
    const { wrapper } = await mountPage("admin");
    const button = wrapper.get('[data-test="rebuild"]');
    expect(button.text()).toContain("重新计算");
    fake.statusSteps = [{ pendingDays: 3, running: "2026-11-21", completed: 1, failed: 0, fromLiveFacts: 0 }];
    await button.trigger("click");
    await settle();
    expect(api.callsTo("POST", "/api/halls/h1/history/rebuild")[0]?.token).toBe("adm");
    expect(wrapper.get('[data-test="pending-notice"]').text()).toContain("已完成 0/4 天");
    expect(wrapper.get('[data-test="rebuild-started"]').text()).toBe("已开始重新计算 4 天的历史统计。");
    expect(button.attributes("disabled")).toBeDefined();
    // The page stays usable meanwhile.
    await wrapper.get('[data-group="hour"]').trigger("click");
    await settle();
    expect(lastQuery().groupBy).toBe("hour");
    await vi.advanceTimersByTimeAsync(POLL_MS);
    await settle();
    expect(wrapper.get('[data-test="pending-notice"]').text()).toContain("已完成 1/4 天");
    await vi.advanceTimersByTimeAsync(POLL_MS);
    await settle();
    expect(wrapper.find('[data-test="pending-notice"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="rebuild"]').attributes("disabled")).toBeUndefined();
    wrapper.unmount();
  });

  it("speaks English when the page is in English", async () => {
    const { wrapper } = await mountPage();
    setLocale("en");
    await settle();
    expect(wrapper.get("h1").text()).toBe("History");
    expect(wrapper.findAll("[data-preset]").map((b) => b.text())).toEqual(["Day", "Week", "Month", "Year", "Custom"]);
    expect(wrapper.get('[data-test="period-range"]').text()).toBe("2026-11-19 to 2026-11-25, 7 days");
    expect(wrapper.findAll('[data-test="history-table"] th').map((th) => th.text()).slice(0, 3)).toEqual(["Window", "Arrivals", "Served"]);
    await wrapper.get('[data-group="weekday"]').trigger("click");
    await settle();
    expect(wrapper.findAll('[data-col="key"]').map((td) => td.text())).toEqual(["Mon", "Fri"]);
    setLocale("zh-CN");
  });

  it("shows a failed load as a message and keeps the page usable", async () => {
    const { wrapper } = await mountPage();
    api.override = { method: "GET", reply: { status: 400, body: { error: { code: "bad_request", message: "to: the period may be at most 367 days", field: "to" } } } };
    await wrapper.get('[data-preset="year"]').trigger("click");
    await settle();
    expect(wrapper.get('[data-test="history-error"]').text()).toBe("无法加载历史数据：请求有误");
    await wrapper.get('[data-preset="week"]').trigger("click");
    await settle();
    expect(wrapper.find('[data-test="history-error"]').exists()).toBe(false);
    expect(wrapper.findAll("tbody tr")).toHaveLength(3);
  });
});
