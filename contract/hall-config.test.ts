// The hall configuration's optional sections added by issues #9 and #10: opening hours and the public
// opt-in. Each refusal names the field, so an administrator knows what to fix.
import { describe, expect, it } from "vitest";
import { hallConfigSchema, isPublicHall, type HallConfig } from "./hall-config.js";

const base = {
  name: "县政务服务中心",
  timezone: "Asia/Shanghai",
  categories: [{ id: "social", name: "社会保险", itemCodes: [] }],
  windows: [{ id: "w1", name: "1号窗口", department: "人社局", categories: ["social"] }],
  targets: { waitMinutes: 20 },
};

function issuePaths(value: unknown): string[] {
  const r = hallConfigSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
}

describe("hall configuration: opening hours and public opt-in", () => {
  it("accepts a hall without either (always open, not public)", () => {
    const r = hallConfigSchema.safeParse(base);
    expect(r.success).toBe(true);
    expect(isPublicHall(r.data as HallConfig)).toBe(false);
  });

  it("accepts ISO weekdays with HH:MM intervals, 24:00 as the end of the day", () => {
    const hall = { ...base, openingHours: [{ weekday: 1, from: "08:30", to: "12:00" }, { weekday: 7, from: "00:00", to: "24:00" }] };
    expect(hallConfigSchema.safeParse(hall).success).toBe(true);
  });

  it.each([
    [{ weekday: 0, from: "08:30", to: "12:00" }, "openingHours.0.weekday"],
    [{ weekday: 8, from: "08:30", to: "12:00" }, "openingHours.0.weekday"],
    [{ weekday: 1.5, from: "08:30", to: "12:00" }, "openingHours.0.weekday"],
    [{ weekday: 1, from: "8:30", to: "12:00" }, "openingHours.0.from"],
    [{ weekday: 1, from: "08:60", to: "12:00" }, "openingHours.0.from"],
    [{ weekday: 1, from: "08:30", to: "24:01" }, "openingHours.0.to"],
    [{ weekday: 1, from: "12:00", to: "08:30" }, "openingHours.0.to"],
    [{ weekday: 1, from: "12:00", to: "12:00" }, "openingHours.0.to"],
    [{ weekday: 1, from: "08:30", to: "12:00", note: "x" }, "openingHours.0"],
  ])("refuses %j, naming %s", (interval, path) => {
    expect(issuePaths({ ...base, openingHours: [interval] })).toContain(path);
  });

  it("takes the public opt-in with its optional threshold and licence", () => {
    const r = hallConfigSchema.safeParse({ ...base, public: { enabled: true, minCellCount: 10, licence: "CC BY 4.0" } });
    expect(r.success).toBe(true);
    expect(isPublicHall(r.data as HallConfig)).toBe(true);
    expect(isPublicHall({ ...(r.data as HallConfig), public: { enabled: false } })).toBe(false);
  });

  it.each([
    [{ enabled: "yes" }, "public.enabled"],
    [{}, "public.enabled"],
    [{ enabled: true, minCellCount: 0 }, "public.minCellCount"],
    [{ enabled: true, minCellCount: 2.5 }, "public.minCellCount"],
    [{ enabled: true, extra: 1 }, "public"],
  ])("refuses public %j, naming %s", (pub, path) => {
    expect(issuePaths({ ...base, public: pub })).toContain(path);
  });
});
