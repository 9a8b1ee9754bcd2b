// Issue #10 in the hall-configuration form: `public` and `openingHours` load into the form, are edited
// there, map their problems onto their inputs — and saving never drops them.
import { describe, expect, it } from "vitest";
import type { HallConfig } from "../../../contract/index.js";
import { configFromForm, formFromConfig, inputKeyOf, newOpeningRow, validateForm } from "./admin-config-form.js";

const base: HallConfig = {
  name: "县政务服务中心",
  timezone: "Asia/Shanghai",
  categories: [{ id: "c1", name: "社保", itemCodes: [] }],
  windows: [{ id: "w1", name: "1号窗口", department: "人社局", categories: ["c1"] }],
  targets: { waitMinutes: 20, idleMinutes: 7 },
  followUp: { deadlineWorkingDays: 10 },
};
const hours = [
  { weekday: 1, from: "09:00", to: "12:00" },
  { weekday: 1, from: "13:30", to: "17:00" },
  { weekday: 6, from: "09:00", to: "12:00" },
];

describe("public and opening hours in the hall-configuration form", () => {
  it("round-trips a configuration with both exactly (and everything else the form does not edit)", () => {
    const config: HallConfig = { ...base, public: { enabled: true, minCellCount: 8, licence: "CC BY 4.0" }, openingHours: hours };
    expect(configFromForm(formFromConfig(config))).toEqual(config);
  });

  it("keeps a switched-off public section and an empty hours list as they were", () => {
    for (const config of [
      { ...base, public: { enabled: false } },
      { ...base, public: { enabled: false, licence: "CC0" } },
      { ...base, openingHours: [] },
      base,
    ] as HallConfig[])
      expect(configFromForm(formFromConfig(config))).toEqual(config);
  });

  it("edits them: opting in, a minimum, a licence, and hours", () => {
    const form = formFromConfig(base);
    form.publicEnabled = true;
    form.publicMinCellCount = 10;
    form.publicLicence = "  CC BY 4.0 ";
    form.openingHours.push(newOpeningRow(2, "08:30", "16:30"));
    const out = configFromForm(form);
    expect(out.public).toEqual({ enabled: true, minCellCount: 10, licence: "CC BY 4.0" });
    expect(out.openingHours).toEqual([{ weekday: 2, from: "08:30", to: "16:30" }]);
    expect(out.followUp).toEqual({ deadlineWorkingDays: 10 });
    expect(out.targets.idleMinutes).toBe(7);
    expect(validateForm(form).size).toBe(0);
  });

  it("turning the public page off keeps the licence and minimum for later", () => {
    const form = formFromConfig({ ...base, public: { enabled: true, minCellCount: 8, licence: "CC BY 4.0" } });
    form.publicEnabled = false;
    expect(configFromForm(form).public).toEqual({ enabled: false, minCellCount: 8, licence: "CC BY 4.0" });
  });

  it("removing the last opening hours of a hall that had some sends an empty list (open around the clock)", () => {
    const form = formFromConfig({ ...base, openingHours: hours });
    form.openingHours = [];
    expect(configFromForm(form).openingHours).toEqual([]);
  });

  it("puts the schema's problems on the right inputs", () => {
    const form = formFromConfig({ ...base, openingHours: hours });
    form.openingHours[1]!.to = "13:00"; // before its start
    form.publicEnabled = true;
    form.publicMinCellCount = 0;
    const issues = validateForm(form);
    expect(issues.get("openingHours.1.to")?.message).toBe("must end after it starts");
    expect(issues.get("public.minCellCount")?.message).toBe("must be at least 1");
    expect(inputKeyOf("openingHours.2.weekday")).toEqual({ key: "openingHours.2.weekday", rest: [] });
    expect(inputKeyOf("public.licence")).toEqual({ key: "public.licence", rest: [] });
    expect(inputKeyOf("public")).toEqual({ key: "public", rest: [] });
  });
});
