import { describe, expect, it } from "vitest";
import { renderSvg } from "../../../charts/test-render.js";
import { buildFollowUpReportOption, sharePercent } from "./report-chart.js";

const labels = { followedUp: "跟进率", onTime: "按期率", target: "目标 100%" };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const build = (rows = [{ label: "2026-10", followedUpShare: 2 / 3, onTimeShare: 1 / 3 }, { label: "2026-11", followedUpShare: 1, onTimeShare: null }]): any =>
  buildFollowUpReportOption({ rows, labels });

describe("follow-up report option", () => {
  it("gives shares in percent, rounded down so that only a full 100% reaches the target", () => {
    expect(sharePercent(null)).toBeNull();
    expect(sharePercent(1)).toBe(100);
    expect(sharePercent(0.9996)).toBe(99.9);
    expect(sharePercent(2 / 3)).toBe(66.6);
    expect(sharePercent(0.29)).toBe(29);
    expect(sharePercent(0)).toBe(0);
  });

  it("draws both shares per category on a 0–100% axis with a dashed 100% target line", () => {
    const o = build();
    expect(o.xAxis.data).toEqual(["2026-10", "2026-11"]);
    expect(o.xAxis.axisLabel).toMatchObject({ interval: 0, rotate: 0 });
    expect(build([1, 2, 3, 4].map((i) => ({ label: `${i}号窗口`, followedUpShare: 1, onTimeShare: 1 }))).xAxis.axisLabel.rotate).toBe(30);
    expect(o.series.map((s: { id: string; name: string }) => [s.id, s.name])).toEqual([
      ["followedUp", "跟进率"],
      ["onTime", "按期率"],
    ]);
    expect(o.series[0].data).toEqual([66.6, 100]);
    expect(o.series[1].data).toEqual([33.3, null]);
    expect(o.yAxis).toMatchObject({ min: 0, max: 100 });
    expect(o.yAxis.axisLabel.formatter(75)).toBe("75%");
    expect(o.series[0].markLine.data).toEqual([{ name: "目标 100%", yAxis: 100 }]);
    expect(o.series[0].markLine.lineStyle.type).toBe("dashed");
    expect(o.series[0].markLine.label.formatter()).toBe("目标 100%");
    expect(o.legend.data).toEqual(["跟进率", "按期率"]);
    expect(o.tooltip.valueFormatter(66.6)).toBe("66.6%");
    expect(o.tooltip.valueFormatter(null)).toBe("—");
  });

  it("uses the safe rich-text tooltip and renders with ECharts, window names as text", () => {
    const o = build([{ label: "<b>窗口</b>", followedUpShare: 0.5, onTimeShare: 0.25 }]);
    expect(o.tooltip.renderMode).toBe("richText");
    const svg = renderSvg(o, 420, 190);
    expect(svg).toContain("&lt;b&gt;窗口&lt;/b&gt;");
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("目标 100%");
    expect(renderSvg(build([]), 420, 190)).not.toContain("NaN");
  });
});
