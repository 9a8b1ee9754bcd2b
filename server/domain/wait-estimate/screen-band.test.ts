import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { screenBand } from "./screen-band.js";

describe("screenBand", () => {
  it("rounds outward: whole minutes below 10, five minutes from 10 on", () => {
    expect(screenBand(11.2, 14.1)?.text).toBe("10–15 分钟");
    expect(screenBand(3.4, 6.1)?.text).toBe("3–7 分钟");
    expect(screenBand(8.5, 12)?.text).toBe("8–15 分钟");
    expect(screenBand(9.2, 10)?.text).toBe("9–10 分钟");
    expect(screenBand(0.2, 0.9)?.text).toBe("1 分钟内");
    expect(screenBand(0, 3.2)?.text).toBe("4 分钟内");
  });

  it("never shows a band of width 0", () => {
    expect(screenBand(4, 4)).toEqual({ lowMinutes: 4, highMinutes: 5, text: "4–5 分钟" });
    expect(screenBand(10, 10)).toEqual({ lowMinutes: 10, highMinutes: 15, text: "10–15 分钟" });
    expect(screenBand(0, 0)?.text).toBe("1 分钟内");
  });

  it("says nothing when the estimate is unknown", () => {
    expect(screenBand(null, 5)).toBeNull();
    expect(screenBand(3, null)).toBeNull();
  });

  it("always contains the estimated band, on its grid, with positive width", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 600, noNaN: true }), fc.double({ min: 0, max: 600, noNaN: true }), (a, b) => {
        const [p50, p80] = a <= b ? [a, b] : [b, a];
        const s = screenBand(p50, p80);
        expect(s).not.toBeNull();
        if (!s) return;
        expect(s.lowMinutes).toBeLessThanOrEqual(p50);
        expect(s.highMinutes).toBeGreaterThanOrEqual(p80);
        expect(s.highMinutes).toBeGreaterThan(s.lowMinutes);
        if (s.lowMinutes >= 10) expect(s.lowMinutes % 5).toBe(0);
        if (s.highMinutes > 10) expect(s.highMinutes % 5).toBe(0);
        expect(Number.isInteger(s.lowMinutes) && Number.isInteger(s.highMinutes)).toBe(true);
      }),
    );
  });
});
