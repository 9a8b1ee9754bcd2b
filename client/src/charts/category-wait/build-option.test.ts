import { describe, expect, it } from "vitest";
import { CHART_COLORS } from "../palette.js";
import { renderSvg } from "../test-render.js";
import { buildCategoryWaitOption, type CategoryWaitRow } from "./build-option.js";

const XSS = '"><svg onload=alert(1)>';
const rows: CategoryWaitRow[] = [
  { categoryId: "social", name: "社会保险", waitingNow: 4, oldestWaitSeconds: 480 },
  { categoryId: "estate", name: XSS, waitingNow: 17, oldestWaitSeconds: 2_130 },
  { categoryId: "health", name: "卫生健康", waitingNow: 0, oldestWaitSeconds: null },
];
const labels = { waitingNow: "等候人数", oldestWait: "最长等候（分钟）", target: "目标 20 分钟" };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const build = (over: Partial<Parameters<typeof buildCategoryWaitOption>[0]> = {}): any => buildCategoryWaitOption({ rows, waitMinutes: 20, labels, ...over });

describe("waiting per category option", () => {
  it("shows waiting now and the longest wait in minutes per category, names as plain strings", () => {
    const o = build();
    expect(o.yAxis[0].data).toEqual(["社会保险", XSS, "卫生健康"]);
    expect(o.series[0].data).toEqual([4, 17, 0]);
    expect(o.series[1].data.map((d: { value: number }) => d.value)).toEqual([8, 35.5, 0]);
  });

  it("draws the wait target as a mark line and marks categories over it", () => {
    const o = build({ waitMinutes: 30 });
    expect(o.series[1].markLine.data).toEqual([{ name: labels.target, xAxis: 30 }]);
    expect(o.series[1].data.map((d: { itemStyle: { color: string } }) => d.itemStyle.color)).toEqual([CHART_COLORS.warn, CHART_COLORS.hot, CHART_COLORS.warn]);
    expect(o.xAxis[1].max).toBeGreaterThanOrEqual(37.5);
  });

  it("labels values through functions; nobody waiting shows no minutes", () => {
    const o = build();
    const minutes = o.series[1].label.formatter;
    expect([0, 1, 2].map((dataIndex) => minutes({ dataIndex }))).toEqual(["8", "36", ""]);
    expect(o.series[0].label.formatter({ dataIndex: 1 })).toBe("17");
    expect(o.tooltip.renderMode).toBe("richText");
  });

  it("renders with ECharts, the hostile name as escaped text", () => {
    const svg = renderSvg(build(), 600, 380);
    expect(svg).not.toContain("<svg onload");
    expect(svg).toContain("&lt;svg onload");
  });
});
