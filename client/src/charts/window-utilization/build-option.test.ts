import { describe, expect, it } from "vitest";
import { renderSvg } from "../test-render.js";
import { CHART_COLORS } from "../palette.js";
import { buildUtilizationOption, compactNames, type UtilizationBar } from "./build-option.js";

const XSS = "<img src=x onerror=alert(1)>";
const labels = { series: "利用率", hot: "热", cold: "冷", hotLine: "热 85%", coldLine: "冷 35%" };
const bar = (windowId: string, name: string, utilization: number | null, extra: Partial<UtilizationBar> = {}): UtilizationBar => ({
  windowId,
  name,
  utilization,
  hot: false,
  cold: false,
  eligible: utilization !== null,
  ...extra,
});
const bars = [bar("w1", "1号窗口", 0.92, { hot: true }), bar("w2", XSS, 0.2, { cold: true }), bar("w3", "3号窗口", 0.5), bar("w4", "4号窗口", null)];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const build = (over: Partial<Parameters<typeof buildUtilizationOption>[0]> = {}): any => buildUtilizationOption({ bars, hotUtilization: 0.85, coldUtilization: 0.35, labels, ...over });

describe("utilization per window option", () => {
  it("has one bar per window in the hall's order, in percent, named by plain strings", () => {
    const o = build();
    expect(o.xAxis.data).toEqual(["1号窗口", XSS, "3号窗口", "4号窗口"]);
    expect(o.series[0].data.map((d: { value: number }) => d.value)).toEqual([92, 20, 50, 0]);
  });

  it("draws the hot and cold thresholds as mark lines at the hall's targets", () => {
    const o = build({ hotUtilization: 0.8, coldUtilization: 0.3 });
    const lines = o.series[0].markLine.data;
    expect(lines.map((l: { yAxis: number }) => l.yAxis)).toEqual([80, 30]);
    expect(lines[0].lineStyle.color).toBe(CHART_COLORS.hot);
    expect(lines[1].lineStyle.color).toBe(CHART_COLORS.cold);
    expect(lines[0].label.formatter()).toBe("热 85%");
  });

  it("colours hot, cold, normal and not-open bars differently and labels hot/cold with a word", () => {
    const o = build();
    expect(o.series[0].data.map((d: { itemStyle: { color: string } }) => d.itemStyle.color)).toEqual([CHART_COLORS.hot, CHART_COLORS.cold, CHART_COLORS.normal, CHART_COLORS.closed]);
    const label = o.series[0].label.formatter;
    expect([0, 1, 2, 3].map((dataIndex) => label({ dataIndex }))).toEqual(["热\n92%", "冷\n20%", "50%", ""]);
  });

  it("uses the safe rich-text tooltip and only function formatters (a name is never a template)", () => {
    const o = build();
    expect(o.tooltip.renderMode).toBe("richText");
    expect(typeof o.series[0].label.formatter).toBe("function");
    expect(typeof o.yAxis.axisLabel.formatter).toBe("function");
  });

  it("grows the axis past 100% when a window is busy while reported paused", () => {
    expect(build({ bars: [bar("w1", "1号窗口", 1.26)] }).yAxis.max).toBe(150);
    expect(build().yAxis.max).toBe(100);
  });

  it("renders with ECharts, drawing a hostile name as escaped text", () => {
    const svg = renderSvg(build());
    expect(svg).not.toContain("<img");
    expect(svg).toContain("&lt;img");
    expect(svg).toContain("热 85%");
  });

  it("shortens shared wording on the axis only: the data and tooltip keep the full names", () => {
    const names = Array.from({ length: 23 }, (_, i) => `${i + 1}号窗口`);
    const o = build({ bars: names.map((n, i) => bar(`w${i}`, n, 0.5)) });
    expect(o.xAxis.data).toEqual(names);
    expect(o.xAxis.axisLabel.formatter(names[10], 10)).toBe("11号");
    expect(o.xAxis.axisLabel.formatter(XSS, 0)).toBe("1号");
  });

  it("compacts names only on a shared non-alphanumeric wording and never empties one", () => {
    expect(compactNames(["1号窗口", "2号窗口", "23号窗口"])).toEqual(["1号", "2号", "23号"]);
    expect(compactNames(["综合窗口A", "综合窗口B"])).toEqual(["A", "B"]);
    expect(compactNames(["窗口1", "窗口11", "窗口21"])).toEqual(["1", "11", "21"]);
    expect(compactNames(["10号", "11号"])).toEqual(["10号", "11号"]);
    expect(compactNames(["窗口", "窗口"])).toEqual(["窗口", "窗口"]);
    expect(compactNames(["1号窗口", XSS])).toEqual(["1号窗口", XSS]);
    expect(compactNames(["只有一个"])).toEqual(["只有一个"]);
    expect(compactNames([])).toEqual([]);
  });

  it("builds an empty chart for a hall without windows", () => {
    const o = build({ bars: [] });
    expect(o.series[0].data).toEqual([]);
    expect(() => renderSvg(o)).not.toThrow();
  });
});
