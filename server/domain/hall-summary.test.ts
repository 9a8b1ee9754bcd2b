// The hall summary a display receives: names and thresholds, and the public opt-in only when given.
import { describe, expect, it } from "vitest";
import { summarizeHall } from "./hall-summary.js";
import { hallConfig } from "./test-fixtures.js";

describe("summarizeHall", () => {
  it("says a hall is public only when it opted in", () => {
    const hall = hallConfig();
    expect(summarizeHall("h", hall)).not.toHaveProperty("public");
    expect(summarizeHall("h", { ...hall, public: { enabled: false } })).not.toHaveProperty("public");
    expect(summarizeHall("h", { ...hall, public: { enabled: true, minCellCount: 5 } }).public).toBe(true);
  });

  it("applies the default thresholds and keeps the configured order", () => {
    const s = summarizeHall("h", hallConfig());
    expect(s.targets.hotUtilization).toBe(0.85);
    expect(s.targets.coldUtilization).toBe(0.35);
    expect(s.windows.map((w) => w.id)).toEqual(hallConfig().windows.map((w) => w.id));
  });
});
