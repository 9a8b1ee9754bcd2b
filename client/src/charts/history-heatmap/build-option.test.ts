import { describe, expect, it } from "vitest";
import { renderSvg } from "../test-render.js";
import { buildHeatmapOption, cellText, cellValue, heatmapRange, HEAT_COLORS, visibleHours, type HeatmapInput } from "./build-option.js";

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const WEEKDAYS = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
const row = (values: Record<number, number | null>, fill: number | null) => HOURS.map((h) => (h in values ? (values[h] as number | null) : fill));
const labels = { value: "平均到达", unit: "人/小时", closed: "未开放", high: "高", low: "低" };

const arrivals: HeatmapInput = {
  kind: "arrivals",
  rows: WEEKDAYS,
  hours: HOURS,
  cells: WEEKDAYS.map((_, i) => (i < 5 ? row({ 9: 31.26, 10: 24, 16: 3.04 }, 0) : row({}, 0))),
  labels,
};
const utilization: HeatmapInput = {
  kind: "utilization",
  rows: ["1号窗口", "<b>2号</b>"],
  hours: HOURS,
  cells: [row({ 8: 0.5, 9: 0.925, 12: null, 17: 0.2 }, null), row({ 9: 0.3 }, null)],
  labels: { ...labels, value: "利用率" },
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const build = (input: HeatmapInput): any => buildHeatmapOption(input);

describe("history heatmap option", () => {
  it("draws only the hours from the first to the last with data", () => {
    expect(visibleHours("arrivals", HOURS, arrivals.cells)).toEqual([9, 10, 11, 12, 13, 14, 15, 16]);
    expect(visibleHours("utilization", HOURS, utilization.cells)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(visibleHours("arrivals", HOURS, [row({}, 0)])).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
  });

  it("sets the visualMap range: arrivals 0 … the busiest cell rounded up, utilization 0 … 100%", () => {
    expect(heatmapRange("arrivals", arrivals.cells)).toEqual({ min: 0, max: 32 });
    expect(heatmapRange("arrivals", [row({}, 0)])).toEqual({ min: 0, max: 1 });
    expect(heatmapRange("utilization", utilization.cells)).toEqual({ min: 0, max: 100 });
    const o = build(arrivals);
    expect(o.visualMap[0]).toMatchObject({ type: "continuous", min: 0, max: 32, seriesIndex: 0, calculable: true, text: ["高", "低"] });
    expect(o.visualMap[0].inRange.color).toEqual([...HEAT_COLORS]);
    expect(build(utilization).visualMap[0]).toMatchObject({ min: 0, max: 100 });
    expect(build(utilization).visualMap[0].formatter(92.5)).toBe("93%");
  });

  it("puts weekdays top to bottom and hours left to right, values rounded", () => {
    const o = build(arrivals);
    expect(o.yAxis.data).toEqual(WEEKDAYS);
    expect(o.yAxis.inverse).toBe(true);
    expect(o.xAxis.data[0]).toBe("09:00");
    expect(o.series[0].type).toBe("heatmap");
    const first = o.series[0].data.find((d: { value: number[] }) => d.value[0] === 0 && d.value[1] === 0);
    expect(first.value).toEqual([0, 0, 31.3]);
    expect(cellValue("utilization", 0.925)).toBe(92.5);
    expect(o.series[1].data).toEqual([]); // arrivals have no "never open" cells
    expect(o.series[0].label.formatter({ value: [0, 0, 31.3] })).toBe("31");
    expect(o.series[0].label.formatter({ value: [0, 5, 0] })).toBe(""); // nobody came: blank
    expect(cellText("arrivals", 3.04)).toBe("3.0");
    expect(cellText("utilization", 0)).toBe("0%");
  });

  it("draws never-open window hours grey, outside the colour scale", () => {
    const o = build(utilization);
    const closed = o.series[1];
    expect(closed.id).toBe("closed");
    expect(o.visualMap[1]).toMatchObject({ seriesIndex: 1, show: false });
    expect(new Set(o.visualMap[1].inRange.color).size).toBe(1);
    // Window 1 at 12:00 (x = 4) is never open; window 2 only opened at 09:00.
    expect(closed.data).toContainEqual([4, 0, 0]);
    expect(closed.data.filter((d: number[]) => d[1] === 1)).toHaveLength(9);
    expect(o.series[0].data.map((d: { value: number[] }) => d.value)).toContainEqual([1, 0, 92.5]);
    expect(o.tooltip.formatter({ seriesId: "closed", value: [4, 0, 0] })).toBe("1号窗口 12:00–13:00\n未开放");
    expect(o.tooltip.formatter({ seriesId: "values", value: [1, 0, 92.5] })).toBe("1号窗口 09:00–10:00\n利用率：93%");
  });

  it("uses the safe rich-text tooltip and renders names as text", () => {
    const o = build(utilization);
    expect(o.tooltip.renderMode).toBe("richText");
    expect(o.tooltip.trigger).toBe("item");
    const svg = renderSvg(o, 800, 300);
    expect(svg).toContain("&lt;b&gt;2号&lt;/b&gt;");
    expect(svg).not.toContain("<b>");
    expect(svg).not.toContain("NaN");
    expect(renderSvg(build(arrivals), 800, 300)).toContain("周日");
  });
});
