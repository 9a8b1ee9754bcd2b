import { describe, expect, it } from "vitest";
import { renderSvg } from "../test-render.js";
import { buildVolumeOption } from "./build-option.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const build = (labels = ["1号窗口", "2号窗口"]): any => buildVolumeOption({ labels, arrivals: [40, 12], served: [38, 11], names: { arrivals: "到达", served: "办结" } });

describe("history volume option", () => {
  it("draws arrivals and served as two bar series per group", () => {
    const o = build();
    expect(o.series.map((s: { id: string; type: string }) => [s.id, s.type])).toEqual([
      ["arrivals", "bar"],
      ["served", "bar"],
    ]);
    expect(o.series[0].data).toEqual([40, 12]);
    expect(o.series[1].data).toEqual([38, 11]);
    expect(o.xAxis.data).toEqual(["1号窗口", "2号窗口"]);
    expect(o.legend.data).toEqual(["到达", "办结"]);
    expect(o.yAxis.minInterval).toBe(1);
  });

  it("angles the names when there are many groups", () => {
    expect(build().xAxis.axisLabel.rotate).toBe(0);
    expect(build(Array.from({ length: 12 }, (_, i) => `${i + 1}号窗口`)).xAxis.axisLabel.rotate).toBe(40);
    // A hall's 23 windows: upright, so that neighbouring labels do not run into each other.
    expect(build(Array.from({ length: 23 }, (_, i) => `${i + 1}号窗口`)).xAxis.axisLabel.rotate).toBe(90);
  });

  it("uses the safe rich-text tooltip and draws names as text", () => {
    const o = build(["<img src=x onerror=alert(1)>", "2号窗口"]);
    expect(o.tooltip.renderMode).toBe("richText");
    const svg = renderSvg(o, 600, 240);
    expect(svg).not.toContain("<img");
    expect(svg).toContain("2号窗口");
  });
});
