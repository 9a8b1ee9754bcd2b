import { describe, expect, it } from "vitest";
import { renderSvg } from "../test-render.js";
import { buildImbalanceOption } from "./build-option.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const build = (days = ["2026-11-19", "2026-11-20", "2026-11-21", "2026-11-23"], cv: (number | null)[] = [0.41234, 0.5, null, 0.287]): any => buildImbalanceOption({ days, cv, name: "冷热不均指数" });

describe("history imbalance option", () => {
  it("draws one line of the day's cv, two decimals, days as MM-DD, a gap where a day has none", () => {
    const o = build();
    expect(o.series).toHaveLength(1);
    expect(o.series[0].type).toBe("line");
    expect(o.series[0].name).toBe("冷热不均指数");
    expect(o.series[0].data).toEqual([0.41, 0.5, null, 0.29]);
    expect(o.series[0].connectNulls).toBe(false);
    expect(o.xAxis.data).toEqual(["11-19", "11-20", "11-21", "11-23"]);
    expect(o.yAxis.min).toBe(0);
  });

  it("uses the safe rich-text tooltip and renders, empty too", () => {
    const o = build();
    expect(o.tooltip.renderMode).toBe("richText");
    expect(o.tooltip.valueFormatter(0.5)).toBe("0.50");
    expect(renderSvg(o, 600, 200)).toContain("冷热不均指数");
    expect(renderSvg(build([], []), 600, 200)).not.toContain("NaN");
  });
});
