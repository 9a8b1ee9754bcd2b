import { describe, expect, it } from "vitest";
import { CHART_COLORS } from "../palette.js";
import { renderSvg } from "../test-render.js";
import { buildStaffingHoursOption, hourStatus } from "./build-option.js";

const labels = { needed: "需要", hadOpen: "实际开放", hour: (h: number) => `${h} 点` };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const build = (over: Partial<Parameters<typeof buildStaffingHoursOption>[0]> = {}): any =>
  buildStaffingHoursOption({ hours: [8, 9, 10, 11], needed: [1, 4, 2, 0], hadOpen: [0.5, 2, 3.5, 0], labels, ...over });

describe("staffing per hour option", () => {
  it("draws windows needed as bars and windows open as a line, per hour", () => {
    const o = build();
    expect(o.xAxis.data).toEqual(["8 点", "9 点", "10 点", "11 点"]);
    expect(o.series[0].type).toBe("bar");
    expect(o.series[0].data.map((d: { value: number }) => d.value)).toEqual([1, 4, 2, 0]);
    expect(o.series[1].type).toBe("line");
    expect(o.series[1].data).toEqual([0.5, 2, 3.5, 0]);
    expect(o.legend.data).toEqual(["需要", "实际开放"]);
    expect(o.yAxis.max).toBe(5);
    expect(o.tooltip.renderMode).toBe("richText");
  });

  it("colours understaffed hours hot and overstaffed ones amber, outlines the chosen hour", () => {
    expect([hourStatus(1, 0.5), hourStatus(2, 3.5), hourStatus(2, 3), hourStatus(0, 0)]).toEqual(["under", "over", "ok", "ok"]);
    const o = build({ selectedHour: 9 });
    expect(o.series[0].data.map((d: { itemStyle: { color: string } }) => d.itemStyle.color)).toEqual([CHART_COLORS.hot, CHART_COLORS.hot, CHART_COLORS.warn, CHART_COLORS.accent]);
    expect(o.series[0].data[1].itemStyle.borderWidth).toBe(2);
    expect(o.series[0].data[0].itemStyle.borderWidth).toBeUndefined();
  });

  it("renders with ECharts", () => {
    const svg = renderSvg(build(), 600, 260);
    expect(svg).toContain("需要");
    expect(svg).toContain("9 点");
  });
});
