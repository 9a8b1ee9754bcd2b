import { describe, expect, it } from "vitest";
import { CHART_COLORS } from "../palette.js";
import { renderSvg } from "../test-render.js";
import { ACTUAL_COLOR, buildWaitCompareOption } from "./build-option.js";

const XSS = '"><svg onload=alert(1)>';
const rows = [
  { name: "不动产登记", actual: 52.345, predicted: 18.04 },
  { name: XSS, actual: 4, predicted: 6.5 },
  { name: "卫生健康", actual: null, predicted: 1.2 },
];
const labels = { actual: "实际", predicted: "模拟" };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const build = (): any => buildWaitCompareOption({ rows, labels });

describe("what-if waits option", () => {
  it("pairs actual and predicted minutes per category, names as plain strings", () => {
    const o = build();
    expect(o.yAxis.data).toEqual(["不动产登记", XSS, "卫生健康"]);
    expect(o.series[0].data).toEqual([52.3, 4, null]);
    expect(o.series[1].data).toEqual([18, 6.5, 1.2]);
    expect(o.series[0].itemStyle.color).toBe(ACTUAL_COLOR);
    expect(o.series[1].itemStyle.color).toBe(CHART_COLORS.accent);
    expect(o.tooltip.renderMode).toBe("richText");
  });

  it("labels bars with their value, none for a missing one", () => {
    const f = build().series[0].label.formatter;
    expect(f({ value: 52.3 })).toBe("52.3");
    expect(f({ value: 4 })).toBe("4.0");
    expect(f({ value: null })).toBe("");
  });

  it("renders with ECharts, the hostile name as escaped text", () => {
    const svg = renderSvg(build(), 500, 200);
    expect(svg).not.toContain("<svg onload");
    expect(svg).toContain("&lt;svg onload");
  });
});
