import { describe, expect, it } from "vitest";
import { renderSvg } from "../test-render.js";
import { buildUtilizationCompareOption } from "./build-option.js";

const XSS = "<img src=x onerror=alert(1)>";
const labels = { actual: "实际", predicted: "模拟", hot: "热 85%", cold: "冷 35%" };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const build = (n = 3): any =>
  buildUtilizationCompareOption({
    rows: Array.from({ length: n }, (_, i) => ({ name: i === 1 ? XSS : `${i + 1}号窗口`, actual: i === 0 ? 0.956 : 0.1, predicted: i === 0 ? 0.71 : 0.4 })),
    hot: 0.85,
    cold: 0.35,
    labels,
  });

describe("what-if utilization option", () => {
  it("pairs actual and predicted utilization in percent per window, with the hot and cold lines", () => {
    const o = build();
    expect(o.xAxis.data).toEqual(["1号窗口", XSS, "3号窗口"]);
    expect(o.series[0].data).toEqual([95.6, 10, 10]);
    expect(o.series[1].data).toEqual([71, 40, 40]);
    expect(o.series[0].markLine.data.map((d: { yAxis: number; name: string }) => [d.name, d.yAxis])).toEqual([
      ["热 85%", 85],
      ["冷 35%", 35],
    ]);
    expect(o.xAxis.axisLabel.rotate).toBe(0);
    expect(build(23).xAxis.axisLabel.rotate).toBe(45);
    expect(o.tooltip.valueFormatter(71)).toBe("71%");
    expect(o.tooltip.renderMode).toBe("richText");
  });

  it("renders with ECharts, the hostile name as escaped text", () => {
    const svg = renderSvg(build(), 600, 240);
    expect(svg).not.toContain("<img src=x");
    expect(svg).toContain("&lt;img src=x");
  });
});
