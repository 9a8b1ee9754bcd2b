// 到达预测与预警: the live warnings as a table by the hall's names and times, the chart of the warned
// category first (its input: today, the same weekdays, the next hour's band), the category picker, a hall
// without history told so (no chart of zeros), a failed request shown, and the 30 s reload.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h } from "vue";
import type { CategoryForecast, ForecastResponse, FloorWarning } from "../../../../../contract/index.js";
import { setLocale } from "../../../i18n/index.js";
import { FORECAST_RELOAD_MS } from "../../../stores/admin-forecast.js";
import { FakeApi, mountAdmin, settle } from "../testing/fake-api.js";
import { forecastChartInput } from "./chart-input.js";
import ForecastPage from "./ForecastPage.vue";

const XSS = "<img src=x onerror=alert(1)>";
// Local midnight of 2026-11-25 in Asia/Shanghai, and slots of 15 minutes from there.
const DAY = Date.parse("2026-11-24T16:00:00.000Z");
const slotIso = (s: number) => new Date(DAY + s * 15 * 60_000).toISOString();
/** Slots 0–43 (to 11:00): arrivals from 08:00 (slot 32), now in slot 40 (10:00–10:15). */
function series(categoryId: string, perSlot: number, status: "ok" | "no-history" = "ok"): CategoryForecast {
  return {
    categoryId,
    status,
    factor: status === "ok" ? 1.46 : null,
    slots: Array.from({ length: 44 }, (_, s) => ({
      start: slotIso(s),
      historyMean: status === "ok" ? (s >= 32 ? perSlot : 0) : null,
      today: s <= 40 ? (s >= 32 ? perSlot + 2 : 0) : null,
      forecast: status === "ok" && s >= 40 ? { expected: perSlot * 1.46, low: perSlot, high: perSlot * 2 } : null,
    })),
  };
}
const warning: FloorWarning = {
  categoryId: "estate",
  expectedBreachAt: "2026-11-25T02:40:00.000Z",
  predictedWaitMinutes: 27.6,
  targetMinutes: 20,
  helperWindowId: "w2",
  openWindows: ["w3"],
  forecastArrivals: { expected: 31.2, low: 24, high: 39 },
};
const answer = (over: Partial<ForecastResponse> = {}): ForecastResponse => ({
  at: "2026-11-25T02:05:00.000Z",
  dayStart: new Date(DAY).toISOString(),
  slotMinutes: 15,
  horizonMinutes: 60,
  historyDays: 8,
  categories: [series("social", 4), series("estate", 6)],
  warnings: [warning],
  ...over,
});

const FakeChart = defineComponent({
  props: { option: { type: Object, required: true }, label: { type: String, required: true } },
  setup: (props) => () => h("div", { class: "fake-chart", "aria-label": props.label, "data-series": JSON.stringify((props.option as { series: { id: string }[] }).series.map((s) => s.id)) }),
});

let api: FakeApi;
let reply: { status: number; body: unknown };
beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = "";
  api = new FakeApi().install();
  reply = { status: 200, body: answer() };
  api.extraRoutes.push((method, url) => (method === "GET" && url.pathname === "/api/halls/h1/forecast" ? reply : null));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  setLocale("zh-CN");
});

const mountPage = () => mountAdmin(ForecastPage, { token: api.principal("mgr", "manager"), stubs: { BaseChart: FakeChart } as unknown as Record<string, boolean> });

describe("ForecastPage", () => {
  it("lists the live warnings by the hall's names and charts the warned category first", async () => {
    const { wrapper } = await mountPage();
    expect(api.callsTo("GET", "/api/halls/h1/forecast")).toHaveLength(1);
    expect(wrapper.get('[data-test="forecast-status"]').text()).toBe("计算时间 10:05:00 · 每 30 秒更新 · 依据最近 8 个相同星期几的历史数据");
    const row = wrapper.get('[data-warning="estate"]');
    expect(row.findAll("td").map((td) => td.text())).toEqual(["不动产登记", "10:40", "28 分钟", "20 分钟", "2号窗口", "31 人（24–39）"]);
    expect(wrapper.get('[data-test="chart-category"]').element).toHaveProperty("value", "estate");
    expect(wrapper.get(".fake-chart").attributes("aria-label")).toBe("不动产登记 今日每 15 分钟到达人数、同期均值与未来 60 分钟预测");
    expect(wrapper.get(".fake-chart").attributes("data-series")).toBe('["today","history","expected","low","high"]');
    expect(wrapper.get('[data-test="factor"]').text()).toBe("今日需求系数 ×1.46（1 = 与往常相同）");
    await wrapper.get('[data-test="chart-category"]').setValue("social");
    expect(wrapper.get(".fake-chart").attributes("aria-label")).toContain("社会保险");
  });

  it("says there is no warning, and tells a hall without history that nothing is forecast", async () => {
    reply = { status: 200, body: answer({ warnings: [] }) };
    const first = await mountPage();
    expect(first.wrapper.get('[data-test="no-warnings"]').text()).toContain("当前没有预警");
    first.wrapper.unmount();
    reply = { status: 200, body: answer({ historyDays: 0, warnings: [], categories: [series("social", 0, "no-history"), series("estate", 0, "no-history")] }) };
    const { wrapper } = await mountPage();
    expect(wrapper.get('[data-test="no-history"]').text()).toContain("还没有相同星期几的历史数据");
    expect(wrapper.find(".fake-chart").exists()).toBe(false);
  });

  it("shows a failed request, and asks again every 30 s", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    reply = { status: 403, body: { error: { code: "forbidden", message: "no" } } };
    const { wrapper } = await mountPage();
    expect(wrapper.find('[data-test="load-error"]').exists()).toBe(true);
    reply = { status: 200, body: answer() };
    vi.advanceTimersByTime(FORECAST_RELOAD_MS);
    await settle();
    expect(api.callsTo("GET", "/api/halls/h1/forecast")).toHaveLength(2);
    expect(wrapper.find('[data-test="load-error"]').exists()).toBe(false);
    expect(wrapper.find('[data-warning="estate"]').exists()).toBe(true);
  });

  it("renders hostile names as text", async () => {
    api.halls.set("h1", { ...api.halls.get("h1")!, categories: [{ id: "social", name: XSS, itemCodes: [] }, { id: "estate", name: XSS, itemCodes: [] }] });
    const { wrapper } = await mountPage();
    expect(wrapper.get('[data-warning="estate"] td').text()).toBe(XSS);
    expect(wrapper.find("img").exists()).toBe(false);
  });
});

describe("forecast chart input", () => {
  it("starts an hour before the first arrival, labels slots in hall time and marks the slot under way", () => {
    const names = { today: "a", history: "b", expected: "c", low: "d", high: "e", now: "f" };
    // At 10:00 the horizon ends at 11:00: every forecast slot is whole.
    const input = forecastChartInput(series("social", 4), { at: "2026-11-25T02:00:00.000Z", horizonMinutes: 60, slotMinutes: 15 }, "Asia/Shanghai", names);
    expect(input.labels[0]).toBe("07:00");
    expect(input.labels.at(-1)).toBe("10:45");
    expect(input.labels[input.nowIndex as number]).toBe("10:00");
    expect(input.today.at(-1)).toBeNull();
    expect(input.forecast.filter((f) => f !== null)).toHaveLength(4);
    // At 10:05 the horizon ends at 11:05: the 11:00 slot would be covered for 5 minutes only — left out.
    const partial = series("social", 4);
    partial.slots.push({ start: slotIso(44), historyMean: 4, today: null, forecast: { expected: 1.3, low: 0, high: 3 } });
    const later = forecastChartInput(partial, { at: "2026-11-25T02:05:00.000Z", horizonMinutes: 60, slotMinutes: 15 }, "Asia/Shanghai", names);
    expect(later.labels.at(-1)).toBe("10:45");
  });
});
