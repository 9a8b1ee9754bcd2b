// 月度通报: the last full month by default (hall time zone), rankings of windows and departments by each
// measure with ranks, the last place and those last two months running highlighted and listed, names as
// text, CSV / XLSX with the token, month switching, the print button and the print layout's parts.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { MonthlyReport } from "../../../../../contract/index.js";
import { FakeApi, sampleHall, settle } from "../testing/fake-api.js";
import { installHistoryRoutes, mountWithCharts, XSS, type HistoryFake } from "../history/history-fake.js";
import MonthlyReportPage from "./MonthlyReportPage.vue";

let api: FakeApi;
let fake: HistoryFake;
const NOW = Date.parse("2026-11-30T16:30:00.000Z"); // already 1 Dec in Shanghai: the last full month is November

const november: MonthlyReport = {
  month: "2026-11",
  previousMonth: "2026-10",
  windows: [
    { key: "w1", served: 310, withinTargetShare: 0.92, poorRatings: 1, idleSeconds: 18_000 },
    { key: "w2", served: 420, withinTargetShare: 0.71, poorRatings: 4, idleSeconds: 3_600 },
    { key: "w3", served: 95, withinTargetShare: 0.98, poorRatings: 0, idleSeconds: 86_400 },
  ],
  departments: [
    { key: "人社局", served: 730, withinTargetShare: 0.8, poorRatings: 5, idleSeconds: 21_600 },
    { key: "自然资源局", served: 95, withinTargetShare: 0.98, poorRatings: 0, idleSeconds: 86_400 },
  ],
  lastTwoMonthsRunning: [
    { measure: "served", level: "window", key: "w3" },
    { measure: "idleSeconds", level: "window", key: "w3" },
    { measure: "poorRatings", level: "department", key: "人社局" },
  ],
};

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
  fake.reports["2026-11"] = november;
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const mountPage = () => mountWithCharts(MonthlyReportPage, "/admin/report", api.principal("mgr", "manager"));
const names = (level: string) => document.querySelectorAll(`[data-test="rank-${level}"] [data-test="rank-name"]`);

describe("monthly report page", () => {
  it("opens on the last full month in the hall's time zone", async () => {
    const { wrapper } = await mountPage();
    expect(api.callsTo("GET", "/api/halls/h1/report/monthly")[0]?.path).toBe("/api/halls/h1/report/monthly?month=2026-11");
    expect((wrapper.get('[data-test="month"]').element as HTMLSelectElement).value).toBe("2026-11");
    const options = wrapper.findAll('[data-test="month"] option');
    expect(options.slice(0, 2).map((o) => [o.attributes("value"), o.text()])).toEqual([
      ["2026-12", "2026 年 12 月"],
      ["2026-11", "2026 年 11 月"],
    ]);
    expect(options).toHaveLength(36);
    expect(wrapper.get('[data-test="month-text"]').text()).toBe("县政务服务中心 · 2026 年 11 月");
  });

  it("ranks windows by served by default, and by each measure on request, best first", async () => {
    const { wrapper } = await mountPage();
    const win = () => wrapper.get('[data-test="rank-window"]');
    const keys = () => win().findAll("tbody tr").map((tr) => tr.attributes("data-key"));
    expect(keys()).toEqual(["w2", "w1", "w3"]);
    expect(win().findAll('[data-test="rank-no"]').map((c) => c.text())).toEqual(["1", "2", "3"]);
    expect([...names("window")].map((n) => n.textContent)).toEqual(["2号窗口", "1号窗口", XSS]);
    await win().get('[data-rank-by="withinTargetShare"]').trigger("click");
    expect(keys()).toEqual(["w3", "w1", "w2"]);
    await win().get('[data-rank-by="poorRatings"]').trigger("click");
    expect(keys()).toEqual(["w3", "w1", "w2"]);
    await win().get('[data-rank-by="idleSeconds"]').trigger("click");
    expect(keys()).toEqual(["w2", "w1", "w3"]);
    const w1 = win().findAll('tr[data-key="w1"] td').map((td) => td.text());
    expect(w1).toEqual(["2", "1号窗口", "人社局", "310第 2", "92.0%第 2", "1第 2", "5 小时 0 分第 2"]);
    const dept = wrapper.get('[data-test="rank-department"]').findAll("tbody tr").map((tr) => tr.attributes("data-key"));
    expect(dept).toEqual(["人社局", "自然资源局"]);
  });

  it("marks the last place of each measure and those last two months running", async () => {
    const { wrapper } = await mountPage();
    const cell = (level: string, key: string, m: string) => wrapper.get(`[data-test="rank-${level}"] tr[data-key="${key}"] [data-measure="${m}"]`);
    expect(cell("window", "w3", "served").classes()).toEqual(expect.arrayContaining(["last", "running"]));
    expect(cell("window", "w2", "withinTargetShare").classes()).toContain("last");
    expect(cell("window", "w2", "withinTargetShare").classes()).not.toContain("running");
    expect(cell("window", "w1", "served").classes()).not.toContain("last");
    expect(wrapper.get('[data-test="rank-window"] tr[data-key="w3"] [data-test="running-badge"]').text()).toBe("连续两月末位");
    expect(wrapper.find('[data-test="rank-window"] tr[data-key="w1"] [data-test="running-badge"]').exists()).toBe(false);
    expect(cell("department", "人社局", "poorRatings").classes()).toContain("running");
    const items = wrapper.findAll('[data-test="two-months-item"]').map((li) => li.text());
    expect(items).toEqual([`窗口${XSS}办结量最少`, `窗口${XSS}空闲时长最长`, "部门人社局差评最多"]);
    expect(wrapper.get('[data-test="two-months"]').text()).toContain("2026-10 和 2026-11 两个月均排在末位");
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });

  it("says so when nobody was last two months running, and switches months", async () => {
    const { wrapper } = await mountPage();
    await wrapper.get('[data-test="month-prev"]').trigger("click");
    await settle();
    expect(api.callsTo("GET", "/api/halls/h1/report/monthly").at(-1)?.path).toBe("/api/halls/h1/report/monthly?month=2026-10");
    expect(wrapper.get('[data-test="report-body"]').attributes("data-month")).toBe("2026-10");
    expect(wrapper.get('[data-test="two-months-none"]').text()).toBe("没有连续两个月排名末位的窗口或部门。");
    const input = wrapper.get('[data-test="month"]');
    await input.setValue("2026-11");
    await settle();
    expect(api.callsTo("GET", "/api/halls/h1/report/monthly").at(-1)?.path).toBe("/api/halls/h1/report/monthly?month=2026-11");
    expect(wrapper.findAll('[data-test="two-months-item"]')).toHaveLength(3);
    await wrapper.get('[data-test="month-next"]').trigger("click"); // December: this month, allowed
    await settle();
    expect(api.callsTo("GET", "/api/halls/h1/report/monthly").at(-1)?.path).toBe("/api/halls/h1/report/monthly?month=2026-12");
    expect(wrapper.get('[data-test="month-next"]').attributes("disabled")).toBeDefined();
  });

  it("downloads CSV and XLSX with the token", async () => {
    Object.assign(URL, { createObjectURL: () => "blob:x", revokeObjectURL: () => undefined });
    const saved: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    const { wrapper } = await mountPage();
    await wrapper.get('[data-test="export-csv"]').trigger("click");
    await settle();
    await wrapper.get('[data-test="export-xlsx"]').trigger("click");
    await settle();
    const calls = api.calls.filter((c) => c.path.includes("format="));
    expect(calls.map((c) => [c.path, c.token])).toEqual([
      ["/api/halls/h1/report/monthly?month=2026-11&format=csv", "mgr"],
      ["/api/halls/h1/report/monthly?month=2026-11&format=xlsx", "mgr"],
    ]);
    expect(saved).toEqual(["monthly-report-h1-2026-11.csv", "monthly-report-h1-2026-11.xlsx"]);
    click.mockRestore();
  });

  it("prints through the browser, with a print heading of hall, month and generation time", async () => {
    const print = vi.fn();
    vi.stubGlobal("print", print);
    const { wrapper } = await mountPage();
    await wrapper.get('[data-test="print"]').trigger("click");
    expect(print).toHaveBeenCalledTimes(1);
    const head = wrapper.get('[data-test="print-head"]');
    expect(head.classes()).toContain("print-only");
    expect(head.text()).toContain("县政务服务中心 2026 年 11 月 月度通报");
    expect(head.text()).toContain("生成时间：2026-12-01 00:30:00（Asia/Shanghai）");
    // The controls are marked to stay off the paper.
    expect(wrapper.get(".adm-page-head").classes()).toContain("no-print");
    expect(wrapper.get(".month-bar").classes()).toContain("no-print");
  });
});
