import { describe, expect, it } from "vitest";
import { SAFE_TOOLTIP } from "./echarts.js";
import { commonOption, niceAxis } from "./palette.js";

describe("chart palette", () => {
  it("gives about three even steps whose top is a step multiple (no crowded top label)", () => {
    expect(niceAxis(45.5)).toEqual({ max: 60, interval: 20 });
    expect(niceAxis(25)).toEqual({ max: 30, interval: 10 });
    expect(niceAxis(146)).toEqual({ max: 150, interval: 50 });
    expect(niceAxis(0)).toEqual({ max: 1, interval: 0.5 });
  });

  it("shares the safe rich-text tooltip with every chart", () => {
    expect(commonOption().tooltip).toMatchObject(SAFE_TOOLTIP);
    expect(SAFE_TOOLTIP.renderMode).toBe("richText");
  });
});
