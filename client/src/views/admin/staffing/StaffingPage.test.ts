// 人员配置: the weekday's hour × category table with Chinese names and the sentence of each cell,
// understaffed cells red and overstaffed amber, weekday / target / weeks controls → the request, CSV and
// XLSX downloads, the chart's PNG, and hostile names as text.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h } from "vue";
import type { StaffingResponse, StaffingRow } from "../../../../../contract/index.js";
import { setLocale } from "../../../i18n/index.js";
import { FakeApi, mountAdmin, settle } from "../testing/fake-api.js";
import StaffingPage from "./StaffingPage.vue";

const XSS = "<img src=x onerror=alert(1)>";
const row = (weekday: number, hour: number, categoryId: string, needed: number, hadOpen: number): StaffingRow => ({ weekday, hour, categoryId, arrivalsPerHour: 7.5, avgHandleSeconds: 720, needed, hadOpen });
const rows: StaffingRow[] = [
  row(1, 9, "social", 3, 2),
  row(1, 9, "estate", 4, 1.5),
  row(1, 10, "social", 1, 2.5),
  row(1, 10, "estate", 2, 2),
  row(3, 14, "social", 2, 2),
];

// A chart stand-in that can be asked for its picture (the real one needs a canvas).
const FakeChart = defineComponent({
  props: { option: { type: Object, required: true }, label: { type: String, required: true } },
  setup(props, { expose }) {
    expose({ dataUrl: () => "data:image/png;base64,AAAA" });
    return () => h("div", { class: "fake-chart", "aria-label": props.label });
  },
});

let api: FakeApi;
beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = "";
  api = new FakeApi().install();
  api.extraRoutes.push((method, url) => {
    if (method !== "GET" || url.pathname !== "/api/halls/h1/staffing") return null;
    const format = url.searchParams.get("format");
    if (format) return { status: 200, text: "\uFEFFweekday,hour,categoryId\r\n", type: format === "csv" ? "text/csv" : "application/octet-stream" };
    const body: StaffingResponse = { weeks: Number(url.searchParams.get("weeks")), target: Number(url.searchParams.get("target")), waitMinutes: 20, rows };
    return { status: 200, body };
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  setLocale("zh-CN");
});

const mountPage = () =>
  mountAdmin(StaffingPage, { path: "/admin/staffing", token: api.principal("mgr", "manager"), stubs: { BaseChart: FakeChart } as unknown as Record<string, boolean> });
const staffingCalls = () => api.callsTo("GET", "/api/halls/h1/staffing").map((c) => c.path);

describe("StaffingPage", () => {
  it("shows the weekday's table with Chinese names, red understaffed and amber overstaffed cells", async () => {
    const { wrapper } = await mountPage();
    expect(staffingCalls()).toEqual(["/api/halls/h1/staffing?weeks=8&target=0.8"]);
    expect(wrapper.get('[data-test="weekday-1"]').attributes("aria-selected")).toBe("true");
    const matrix = wrapper.get('[data-test="staffing-matrix"]');
    expect(matrix.findAll("thead th").map((th) => th.text())).toEqual(["业务", "9–10 点", "10–11 点"]);
    // The hall's order: 社会保险 before 不动产登记.
    expect(matrix.findAll("tbody th").map((th) => th.text())).toEqual(["社会保险", "不动产登记"]);
    const cell = (key: string) => matrix.get(`[data-cell="${key}"]`);
    expect(cell("9|social").attributes("title")).toBe("周一 9–10 点 社会保险：需要 3 个窗口，实际 2 个");
    expect(cell("9|estate").attributes("aria-label")).toBe("周一 9–10 点 不动产登记：需要 4 个窗口，实际 1.5 个");
    expect(cell("9|estate").text()).toBe("4/1.5");
    expect(cell("9|social").classes()).toContain("under");
    expect(cell("9|estate").attributes("data-status")).toBe("under");
    expect(cell("10|social").classes()).toContain("over");
    expect(cell("10|estate").classes()).toContain("ok");
    expect(wrapper.get('[data-test="staffing-summary"]').text()).toBe("人手不足 2人手富余 1");
    // The worst understaffed cell opens first, with its figures.
    expect(wrapper.get('[data-test="cell-detail"]').text()).toContain("周一 9–10 点 不动产登记：需要 4 个窗口，实际 1.5 个");
    expect(wrapper.get('[data-test="cell-detail"]').text()).toContain("到达 7.5 人/小时 · 平均办理 12 分钟");
    expect(wrapper.findAll('[data-issue="under"]').map((li) => li.text())).toEqual(["周一 9–10 点 不动产登记：需要 4 个窗口，实际 1.5 个", "周一 9–10 点 社会保险：需要 3 个窗口，实际 2 个"]);
    expect(wrapper.findAll('[data-issue="over"]').map((li) => li.text())).toEqual(["周一 10–11 点 社会保险：需要 1 个窗口，实际 2.5 个"]);
    expect(wrapper.get('[data-test="erlang"]').text()).toContain("80% 的群众在 20 分钟内");
  });

  it("opens a clicked cell and charts its category; switches weekdays", async () => {
    const { wrapper } = await mountPage();
    await wrapper.get('[data-cell="10|social"]').trigger("click");
    expect(wrapper.get('[data-test="cell-detail"]').text()).toContain("周一 10–11 点 社会保险：需要 1 个窗口，实际 2.5 个");
    expect((wrapper.get('[data-test="chart-category"]').element as HTMLSelectElement).value).toBe("social");
    expect(wrapper.get(".fake-chart").attributes("aria-label")).toBe("周一 社会保险 各时段需要与实际开放的窗口数");
    await wrapper.get('[data-test="weekday-3"]').trigger("click");
    expect(wrapper.get('[data-test="staffing-matrix"]').attributes("data-weekday")).toBe("3");
    expect(wrapper.findAll("[data-cell]").map((c) => c.attributes("data-cell"))).toEqual(["14|social"]);
    expect(wrapper.get('[data-test="weekday-5"]').classes()).toContain("empty");
    await wrapper.get('[data-test="weekday-5"]').trigger("click");
    expect(wrapper.get('[data-test="weekday-empty"]').text()).toBe("周五没有数据：统计期内这一天既没有取号，也没有窗口开放。");
  });

  it("asks again for another target or number of weeks", async () => {
    const { wrapper } = await mountPage();
    await wrapper.get('[data-test="target-95"]').trigger("click");
    await settle();
    const weeks = wrapper.get('[data-test="weeks"]');
    await weeks.setValue("4");
    await weeks.trigger("change");
    await settle();
    await weeks.setValue("60");
    await weeks.trigger("change");
    await settle();
    expect((weeks.element as HTMLInputElement).value).toBe("4");
    expect(staffingCalls()).toEqual(["/api/halls/h1/staffing?weeks=8&target=0.8", "/api/halls/h1/staffing?weeks=8&target=0.95", "/api/halls/h1/staffing?weeks=4&target=0.95"]);
    expect(wrapper.get('[data-test="target-95"]').attributes("aria-checked")).toBe("true");
    expect(wrapper.get('[data-test="erlang"]').text()).toContain("95%");
  });

  it("downloads the table as CSV and XLSX and the chart as PNG", async () => {
    Object.assign(URL, { createObjectURL: () => "blob:x", revokeObjectURL: () => undefined });
    const downloads: [string, string][] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push([this.download, this.href]);
    });
    const { wrapper } = await mountPage();
    await wrapper.get('[data-test="export-csv"]').trigger("click");
    await settle();
    await wrapper.get('[data-test="export-xlsx"]').trigger("click");
    await settle();
    await wrapper.get('[data-test="chart-png"]').trigger("click");
    expect(staffingCalls().slice(1)).toEqual(["/api/halls/h1/staffing?weeks=8&target=0.8&format=csv", "/api/halls/h1/staffing?weeks=8&target=0.8&format=xlsx"]);
    expect(downloads.map(([name]) => name)).toEqual(["staffing-h1-8w-80.csv", "staffing-h1-8w-80.xlsx", "staffing-h1-1-estate.png"]);
    expect(downloads[2]![1]).toBe("data:image/png;base64,AAAA");
    click.mockRestore();
  });

  it("shows hostile category names as text", async () => {
    api.halls.get("h1")!.categories[1]!.name = XSS;
    const { wrapper } = await mountPage();
    expect(wrapper.get('[data-category-row="estate"] th').text()).toBe(XSS);
    expect(wrapper.get('[data-cell="9|estate"]').attributes("title")).toBe(`周一 9–10 点 ${XSS}：需要 4 个窗口，实际 1.5 个`);
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });

  it("says so when the period has no data, and shows a failed load", async () => {
    rows.splice(0, rows.length);
    const { wrapper } = await mountPage();
    expect(wrapper.get('[data-test="staffing-empty"]').text()).toContain("统计期内还没有数据");
    api.override = { method: "GET", reply: { status: 503, body: { error: { code: "storage_unavailable", message: "x" } } } };
    await wrapper.get('[data-test="refresh"]').trigger("click");
    await settle();
    expect(wrapper.get('[data-test="load-error"]').text()).toContain("无法加载人员配置");
  });
});
