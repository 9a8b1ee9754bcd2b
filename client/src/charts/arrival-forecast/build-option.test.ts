import { describe, expect, it } from "vitest";
import { renderSvg } from "../test-render.js";
import { buildForecastOption, type ForecastChartInput } from "./build-option.js";

const names = { today: "今日到达", history: "同期均值", expected: "预测", low: "P10", high: "P90", now: "现在" };
const input: ForecastChartInput = {
  labels: ["09:00", "09:15", "09:30", "09:45", "10:00"],
  today: [4, 6, 2, null, null],
  historyMean: [3.5, 3.75, 4, 4.25, 3.333333],
  forecast: [null, null, { expected: 7.26, low: 5, high: 10 }, { expected: 7.9, low: 4, high: 12 }, null],
  nowIndex: 2,
  names,
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const build = (over: Partial<ForecastChartInput> = {}): any => buildForecastOption({ ...input, ...over });

describe("arrival forecast option", () => {
  it("draws today's arrivals as bars, the history mean dashed, the forecast and its band for the next hour only", () => {
    const o = build();
    expect(o.xAxis.data).toEqual(input.labels);
    expect(o.series.map((s: { id: string; type: string }) => `${s.id}:${s.type}`)).toEqual(["today:bar", "history:line", "expected:line", "low:line", "high:line"]);
    expect(o.series[0].data).toEqual([4, 6, 2, null, null]);
    expect(o.series[1].data).toEqual([3.5, 3.8, 4, 4.3, 3.3]);
    expect(o.series[1].lineStyle.type).toBe("dashed");
    expect(o.series[2].data).toEqual([null, null, 7.3, 7.9, null]);
    expect(o.series[3].data).toEqual([null, null, 5, 4, null]);
    expect(o.series[4].data).toEqual([null, null, 10, 12, null]);
    expect(o.legend.data).toEqual(["今日到达", "同期均值", "预测", "P10", "P90"]);
    expect(o.tooltip.renderMode).toBe("richText");
  });

  it("marks the slot under way, and nothing without one", () => {
    expect(build().series[0].markLine.data).toEqual([{ xAxis: "09:30" }]);
    expect(build({ nowIndex: null }).series[0].markLine).toBeUndefined();
  });

  it("renders with ECharts", () => {
    const svg = renderSvg(build(), 800, 280);
    expect(svg).toContain("今日到达");
    expect(svg).toContain("09:30");
    expect(svg).toContain("现在");
  });
});
