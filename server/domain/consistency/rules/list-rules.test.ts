// Rules 1–4 over the lists and the configuration, against the rule definitions: offline-only,
// not-served, department-mismatch and guide-differs.
import { describe, expect, it } from "vitest";
import { officialCalendarYears } from "../../../adapters/calendar/official-calendar.js";
import { WorkingCalendar } from "../../calendar/working-calendar.js";
import { hallOf, inputsOf, item, keys, list, material, run } from "../test-fixtures.js";
import { departmentMismatch, differingGuideFields, guideDiffers, notServed, offlineOnly } from "./list-rules.js";

const cal = new WorkingCalendar(officialCalendarYears());

describe("offline-only: served in the hall but not in the current online list", () => {
  const hall = hallOf(
    [
      { id: "c-civil", itemCodes: ["MZ-001", "XX-900"] },
      { id: "c-misc", itemCodes: ["XX-900", "XX-901"] },
    ],
    [{ id: "w1", department: "民政局", categories: ["c-civil", "c-misc"] }],
  );

  it("fires once per code missing online, naming every category that serves it", () => {
    const found = run(offlineOnly, inputsOf(cal, { hall, online: list(3, [item("MZ-001")]) }));
    expect(keys(found)).toEqual(["offline-only:XX-900", "offline-only:XX-901"]);
    const x900 = found.find((f) => f.itemCode === "XX-900");
    expect(x900).toMatchObject({
      rule: "offline-only",
      severity: "high",
      itemCode: "XX-900",
      categoryId: "c-civil",
      evidence: { categories: ["c-civil", "c-misc"], onlineVersion: 3 },
    });
    expect(x900?.messages["zh-CN"]).toContain("XX-900");
    expect(x900?.messages.en).toContain("XX-900");
    expect(found.find((f) => f.itemCode === "XX-901")).toMatchObject({ categoryId: "c-misc", evidence: { categories: ["c-misc"] } });
  });

  it("does not fire when every served code is online", () => {
    const online = list(3, [item("MZ-001"), item("XX-900"), item("XX-901")]);
    expect(run(offlineOnly, inputsOf(cal, { hall, online }))).toEqual([]);
  });

  it("does not fire for online items the hall does not serve", () => {
    const online = list(3, [item("MZ-001"), item("XX-900"), item("XX-901"), item("GA-001", { department: "公安局" })]);
    expect(run(offlineOnly, inputsOf(cal, { hall, online }))).toEqual([]);
  });

  it("judges nothing while there is no online list", () => {
    expect(run(offlineOnly, inputsOf(cal, { hall, online: null }))).toEqual([]);
  });
});

describe("not-served: an on-site online item of a hall department that no window category covers", () => {
  const hall = hallOf(
    [
      { id: "c-civil", itemCodes: ["MZ-001"] },
      { id: "c-social", itemCodes: ["SB-001"] },
      { id: "c-spare", itemCodes: ["MZ-004"] }, // a category no window serves
    ],
    [
      { id: "w1", department: "民政局", categories: ["c-civil"] },
      { id: "w2", department: "人社局", categories: ["c-social"] },
    ],
  );

  it("fires for a one-visit item of a window's department that no category lists", () => {
    const online = list(5, [item("MZ-001"), item("MZ-003", { maxVisits: 1 }), item("SB-002", { department: "人社局", maxVisits: 2 })]);
    const found = run(notServed, inputsOf(cal, { hall, online }));
    expect(keys(found)).toEqual(["not-served:MZ-003", "not-served:SB-002"]);
    expect(found.find((f) => f.itemCode === "MZ-003")).toMatchObject({
      rule: "not-served",
      severity: "medium",
      itemCode: "MZ-003",
      evidence: { department: "民政局", maxVisits: 1, onlineVersion: 5 },
    });
    expect(found.find((f) => f.itemCode === "SB-002")).toMatchObject({ evidence: { department: "人社局", maxVisits: 2 } });
  });

  it("fires when the only category listing the item belongs to no window", () => {
    const found = run(notServed, inputsOf(cal, { hall, online: list(5, [item("MZ-001"), item("MZ-004")]) }));
    expect(keys(found)).toEqual(["not-served:MZ-004"]);
  });

  it("does not fire for an item that needs no visit (maxVisits 0)", () => {
    expect(run(notServed, inputsOf(cal, { hall, online: list(5, [item("MZ-001"), item("MZ-005", { maxVisits: 0 })]) }))).toEqual([]);
  });

  it("does not fire for an item of a department no window belongs to", () => {
    expect(run(notServed, inputsOf(cal, { hall, online: list(5, [item("MZ-001"), item("GA-001", { department: "公安局" })]) }))).toEqual([]);
  });

  it("does not fire for items a window category covers, even through a window of another department", () => {
    const covered = hallOf(
      [
        { id: "c-civil", itemCodes: ["MZ-001"] },
        { id: "c-mixed", itemCodes: ["MZ-003"] },
      ],
      [
        { id: "w1", department: "民政局", categories: ["c-civil"] },
        { id: "w9", department: "政务服务中心", categories: ["c-mixed"], comprehensive: true },
      ],
    );
    expect(run(notServed, inputsOf(cal, { hall: covered, online: list(5, [item("MZ-001"), item("MZ-003")]) }))).toEqual([]);
  });
});

describe("department-mismatch: a non-comprehensive window serving another department's item", () => {
  const online = list(2, [item("MZ-001"), item("SB-001", { department: "人社局" })]);

  it("fires for each window and item of another department, naming the category", () => {
    const hall = hallOf(
      [
        { id: "c-civil", itemCodes: ["MZ-001"] },
        { id: "c-social", itemCodes: ["SB-001"] },
      ],
      [
        { id: "w1", department: "民政局", categories: ["c-civil"] },
        { id: "w2", department: "人社局", categories: ["c-social", "c-civil"] },
        { id: "w3", department: "民政局", categories: ["c-social"], comprehensive: false },
      ],
    );
    const found = run(departmentMismatch, inputsOf(cal, { hall, online }));
    expect(keys(found)).toEqual(["department-mismatch:w2:MZ-001", "department-mismatch:w3:SB-001"]);
    expect(found.find((f) => f.windowId === "w2")).toMatchObject({
      rule: "department-mismatch",
      severity: "medium",
      itemCode: "MZ-001",
      windowId: "w2",
      categoryId: "c-civil",
      evidence: { windowDepartment: "人社局", itemDepartment: "民政局" },
    });
    expect(found.find((f) => f.windowId === "w3")).toMatchObject({
      itemCode: "SB-001",
      categoryId: "c-social",
      evidence: { windowDepartment: "民政局", itemDepartment: "人社局" },
    });
  });

  it("does not fire for a comprehensive window (综合窗口)", () => {
    const hall = hallOf(
      [{ id: "c-all", itemCodes: ["MZ-001", "SB-001"] }],
      [{ id: "w9", department: "政务服务中心", categories: ["c-all"], comprehensive: true }],
    );
    expect(run(departmentMismatch, inputsOf(cal, { hall, online }))).toEqual([]);
  });

  it("does not fire for a window serving its own department's items", () => {
    const hall = hallOf([{ id: "c-civil", itemCodes: ["MZ-001"] }], [{ id: "w1", department: "民政局", categories: ["c-civil"] }]);
    expect(run(departmentMismatch, inputsOf(cal, { hall, online }))).toEqual([]);
  });

  it("does not fire for an item the online list does not know (its department is unknown)", () => {
    const hall = hallOf([{ id: "c-x", itemCodes: ["XX-900"] }], [{ id: "w1", department: "民政局", categories: ["c-x"] }]);
    expect(run(departmentMismatch, inputsOf(cal, { hall, online }))).toEqual([]);
  });

  it("reports a window and item once even when two of the window's categories list it", () => {
    const hall = hallOf(
      [
        { id: "c-a", itemCodes: ["MZ-001"] },
        { id: "c-b", itemCodes: ["MZ-001"] },
      ],
      [{ id: "w2", department: "人社局", categories: ["c-a", "c-b"] }],
    );
    const found = run(departmentMismatch, inputsOf(cal, { hall, online }));
    expect(found.map((f) => f.key)).toEqual(["department-mismatch:w2:MZ-001"]);
    expect(found[0]).toMatchObject({ windowId: "w2", categoryId: "c-a" });
  });
});

describe("guide-differs: the hall guide differs from the online guide", () => {
  const onlineItem = item("MZ-001", {
    promisedDays: 5,
    maxVisits: 1,
    fees: "不收费",
    materials: [material("身份证"), material("申请表"), material("户口簿", { form: "copy" })],
  });
  const online = list(7, [onlineItem]);
  const judge = (hallItem: ReturnType<typeof item>) => run(guideDiffers, inputsOf(cal, { online, hallList: list(4, [hallItem]) }));

  it("does not fire for the same guide, whatever the order of the materials", () => {
    expect(judge({ ...onlineItem, materials: [...onlineItem.materials].reverse() })).toEqual([]);
  });

  it("does not fire for fields outside the guide comparison (name, conditions, legal days, type, dates)", () => {
    expect(
      judge({ ...onlineItem, name: "另一个名称", conditions: "条件", legalDays: 20, type: "其他", approvedAt: "2026-09-30", fullyOnline: true }),
    ).toEqual([]);
  });

  it("does not fire for fees that differ only in surrounding spaces", () => {
    expect(judge({ ...onlineItem, fees: " 不收费 " })).toEqual([]);
  });

  it("fires naming only the promised limit when only it differs", () => {
    const found = judge({ ...onlineItem, promisedDays: 10 });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      key: "guide-differs:MZ-001",
      rule: "guide-differs",
      severity: "high",
      itemCode: "MZ-001",
      evidence: {
        fields: ["promisedDays"],
        hall: { promisedDays: 10, maxVisits: 1, fees: "不收费", materialsOnlyInHall: [] },
        online: { promisedDays: 5, maxVisits: 1, fees: "不收费", materialsOnlyOnline: [] },
        hallVersion: 4,
        onlineVersion: 7,
      },
    });
  });

  it("names every differing field and the materials on each side", () => {
    const found = judge({
      ...onlineItem,
      promisedDays: 3,
      maxVisits: 2,
      fees: "10元",
      materials: [material("身份证"), material("申请表"), material("结婚证")],
    });
    expect(found).toHaveLength(1);
    expect(found[0]?.evidence).toEqual({
      fields: ["promisedDays", "maxVisits", "fees", "materials"],
      hall: { promisedDays: 3, maxVisits: 2, fees: "10元", materialsOnlyInHall: ["结婚证"] },
      online: { promisedDays: 5, maxVisits: 1, fees: "不收费", materialsOnlyOnline: ["户口簿"] },
      hallVersion: 4,
      onlineVersion: 7,
    });
  });

  it("fires for maxVisits alone and for fees alone", () => {
    expect(judge({ ...onlineItem, maxVisits: 0 })[0]?.evidence.fields).toEqual(["maxVisits"]);
    expect(judge({ ...onlineItem, fees: "" })[0]?.evidence.fields).toEqual(["fees"]);
  });

  it("treats a material's form, copies or being required as part of the material", () => {
    const variants = [
      [material("身份证", { form: "copy" }), material("申请表"), material("户口簿", { form: "copy" })],
      [material("身份证", { copies: 2 }), material("申请表"), material("户口簿", { form: "copy" })],
      [material("身份证"), material("申请表", { required: false }), material("户口簿", { form: "copy" })],
      [material("身份证"), material("申请表")],
    ];
    for (const materials of variants) expect(judge({ ...onlineItem, materials })[0]?.evidence.fields).toEqual(["materials"]);
  });

  it("ignores hall items that are not online and judges nothing without a hall list", () => {
    expect(run(guideDiffers, inputsOf(cal, { online, hallList: list(4, [item("XX-900", { promisedDays: 1 })]) }))).toEqual([]);
    expect(run(guideDiffers, inputsOf(cal, { online, hallList: null }))).toEqual([]);
    expect(run(guideDiffers, inputsOf(cal, { online: null, hallList: list(4, [{ ...onlineItem, promisedDays: 1 }]) }))).toEqual([]);
  });

  it("differingGuideFields is symmetric", () => {
    const other = { ...onlineItem, fees: "5元", materials: [material("身份证")] };
    expect(differingGuideFields(other, onlineItem)).toEqual(["fees", "materials"]);
    expect(differingGuideFields(onlineItem, other)).toEqual(["fees", "materials"]);
  });
});
