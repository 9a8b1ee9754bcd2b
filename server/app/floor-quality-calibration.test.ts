// The verdict the admin page turns into its sentence: within ±0.08 of 0.8 called by the P80 is
// trusted, fewer is optimistic, more is cautious, under 20 judged tickets says nothing.
import { describe, expect, it } from "vitest";
import { calibrationVerdict } from "./floor-quality-calibration.js";

describe("calibrationVerdict", () => {
  it("judges the share called by the P80 against 0.8 ± 0.08, ends included", () => {
    expect(calibrationVerdict(100, 0.8)).toBe("trusted");
    expect(calibrationVerdict(100, 0.72)).toBe("trusted");
    expect(calibrationVerdict(100, 0.88)).toBe("trusted");
    expect(calibrationVerdict(100, 0.71)).toBe("optimistic");
    expect(calibrationVerdict(100, 0.89)).toBe("cautious");
  });

  it("says nothing from fewer than 20 judged tickets", () => {
    expect(calibrationVerdict(19, 0.8)).toBe("too_few");
    expect(calibrationVerdict(20, 0.8)).toBe("trusted");
    expect(calibrationVerdict(0, null)).toBe("too_few");
  });
});
