// Rules 5, 6 and 8 over what happens on the floor: visit-limit (最多跑一次), extra-materials and
// unclear-guide, on the real official calendar.
import { describe, expect, it } from "vitest";
import { officialCalendarYears } from "../../../adapters/calendar/official-calendar.js";
import { WorkingCalendar } from "../../calendar/working-calendar.js";
import type { ConsistencyInputs, ItemOutcomes, Visit } from "../inputs.js";
import { inputsOf, item, list, material, materialRequest, run, visit } from "../test-fixtures.js";
import { extraMaterials, unclearGuide, visitLimit } from "./event-rules.js";

const cal = new WorkingCalendar(officialCalendarYears());

// MZ-001: at most one visit, promised 5 working days (window: 5 + 5 grace = 10 working days).
// MZ-000: no visit needed. MZ-002: at most two visits.
const online = list(3, [item("MZ-001"), item("MZ-000", { maxVisits: 0 }), item("MZ-002", { maxVisits: 2 })]);

function visits(vs: Visit[], over: Partial<ConsistencyInputs> = {}) {
  return run(visitLimit, inputsOf(cal, { online, visits: vs, ...over }));
}

describe("visit-limit (最多跑一次)", () => {
  it("fires for a one-visit item visited on two days within the window, naming both tickets", () => {
    const found = visits([visit("case-1", "MZ-001", "2026-10-14", "A017"), visit("case-1", "MZ-001", "2026-10-12", "A001")]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ key: "visit-limit:case-1:MZ-001", rule: "visit-limit", severity: "high", itemCode: "MZ-001" });
    expect(found[0]?.evidence).toEqual({
      caseRef: "case-1",
      days: ["2026-10-12", "2026-10-14"],
      tickets: [
        { ticketId: "t-A001", ticketNo: "A001", date: "2026-10-12" },
        { ticketId: "t-A017", ticketNo: "A017", date: "2026-10-14" },
      ],
      limit: 1,
      until: "2026-10-26", // 10 working days after Monday 10-12
    });
    expect(found[0]?.provisional).toBeUndefined();
    expect(found[0]?.messages["zh-CN"]).toContain("A001");
    expect(found[0]?.messages["zh-CN"]).toContain("A017");
    expect(found[0]?.messages.en).toContain("A001");
  });

  it("does not fire for two visits on the same day (days are counted, not tickets)", () => {
    expect(visits([visit("case-1", "MZ-001", "2026-10-12", "A001"), visit("case-1", "MZ-001", "2026-10-12", "A044")])).toEqual([]);
  });

  it("names every ticket of the window, same-day ones included", () => {
    const found = visits([
      visit("case-1", "MZ-001", "2026-10-12", "A001"),
      visit("case-1", "MZ-001", "2026-10-12", "A044"),
      visit("case-1", "MZ-001", "2026-10-15", "B002"),
    ]);
    expect(found.map((f) => f.evidence.days)).toEqual([["2026-10-12", "2026-10-15"]]);
    expect((found[0]?.evidence.tickets as { ticketNo: string }[]).map((t) => t.ticketNo)).toEqual(["A001", "A044", "B002"]);
  });

  it("counts the window in working days: the last day of promisedDays + grace fires, the next does not", () => {
    expect(visits([visit("case-1", "MZ-001", "2026-10-12", "A001"), visit("case-1", "MZ-001", "2026-10-26", "A002")])).toHaveLength(1);
    expect(visits([visit("case-1", "MZ-001", "2026-10-12", "A001"), visit("case-1", "MZ-001", "2026-10-27", "A002")])).toEqual([]);
  });

  it("skips the National Day break and counts the make-up Saturday 10-10 when counting the window", () => {
    // From Wednesday 09-30: 10-08, 10-09, 10-10, 10-12 … 10-20 is the 10th working day.
    const fires = visits([visit("case-1", "MZ-001", "2026-09-30", "A001"), visit("case-1", "MZ-001", "2026-10-20", "A002")]);
    expect(fires.map((f) => f.evidence.until)).toEqual(["2026-10-20"]);
    expect(visits([visit("case-1", "MZ-001", "2026-09-30", "A001"), visit("case-1", "MZ-001", "2026-10-21", "A002")])).toEqual([]);
  });

  it("uses the grace period from the settings (0 → only the promised 5 working days)", () => {
    const vs = [visit("case-1", "MZ-001", "2026-10-12", "A001"), visit("case-1", "MZ-001", "2026-10-20", "A002")];
    expect(visits(vs)).toHaveLength(1);
    expect(visits(vs, { settings: { visitGraceWorkingDays: 0 } })).toEqual([]);
    expect(visits([vs[0] as Visit, visit("case-1", "MZ-001", "2026-10-19", "A002")], { settings: { visitGraceWorkingDays: 0 } })).toMatchObject([
      { evidence: { until: "2026-10-19" } },
    ]);
  });

  it("counts from any visit: a later pair of days fires even when the first visit is long past", () => {
    const found = visits([
      visit("case-1", "MZ-001", "2026-10-12", "A001"),
      visit("case-1", "MZ-001", "2026-11-02", "A002"),
      visit("case-1", "MZ-001", "2026-11-04", "A003"),
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]?.evidence).toMatchObject({ days: ["2026-11-02", "2026-11-04"], until: "2026-11-16" });
    expect((found[0]?.evidence.tickets as { ticketNo: string }[]).map((t) => t.ticketNo)).toEqual(["A002", "A003"]);
  });

  it("allows a zero-visit item one day (the citizen's choice) but not two", () => {
    expect(visits([visit("case-1", "MZ-000", "2026-10-12", "A001"), visit("case-1", "MZ-000", "2026-10-12", "A002")])).toEqual([]);
    const found = visits([visit("case-1", "MZ-000", "2026-10-12", "A001"), visit("case-1", "MZ-000", "2026-10-13", "A002")]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ key: "visit-limit:case-1:MZ-000", itemCode: "MZ-000", evidence: { limit: 1, days: ["2026-10-12", "2026-10-13"] } });
  });

  it("allows a two-visit item two days and fires on the third", () => {
    const two = [visit("case-1", "MZ-002", "2026-10-12", "A001"), visit("case-1", "MZ-002", "2026-10-13", "A002")];
    expect(visits(two)).toEqual([]);
    const found = visits([...two, visit("case-1", "MZ-002", "2026-10-14", "A003")]);
    expect(found).toHaveLength(1);
    expect(found[0]?.evidence).toMatchObject({ limit: 2, days: ["2026-10-12", "2026-10-13", "2026-10-14"] });
  });

  it("ignores items that are not in the online list", () => {
    expect(visits([visit("case-1", "XX-900", "2026-10-12", "A001"), visit("case-1", "XX-900", "2026-10-13", "A002")])).toEqual([]);
    expect(visits([visit("case-1", "MZ-001", "2026-10-12", "A001"), visit("case-1", "MZ-001", "2026-10-13", "A002")], { online: null })).toEqual([]);
  });

  it("keeps cases and items apart", () => {
    expect(
      visits([
        visit("case-1", "MZ-001", "2026-10-12", "A001"),
        visit("case-2", "MZ-001", "2026-10-13", "A002"),
        visit("case-1", "MZ-002", "2026-10-14", "A003"),
      ]),
    ).toEqual([]);
    const found = visits([
      visit("case-1", "MZ-001", "2026-10-12", "A001"),
      visit("case-1", "MZ-001", "2026-10-13", "A002"),
      visit("case-2", "MZ-001", "2026-10-12", "A003"),
      visit("case-2", "MZ-001", "2026-10-14", "A004"),
    ]);
    expect(found.map((f) => f.key).sort()).toEqual(["visit-limit:case-1:MZ-001", "visit-limit:case-2:MZ-001"]);
  });

  it("is provisional when the window runs into 2027 (no official data)", () => {
    const found = visits([visit("case-1", "MZ-001", "2026-12-28", "A001"), visit("case-1", "MZ-001", "2026-12-29", "A002")]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ provisional: true, evidence: { until: "2027-01-11" } });
  });
});

describe("extra-materials (办事指南之外不得增加要求)", () => {
  const guide = list(3, [item("MZ-001", { materials: [material("身份证"), material("申请表"), material("户口簿（户主页）")] })]);
  const judge = (materials: string[], code = "MZ-001") =>
    run(extraMaterials, inputsOf(cal, { online: guide, materialRequests: [materialRequest("A001", code, materials, "w2")] }));

  it("fires for a requested material the online guide does not list, naming it", () => {
    const found = judge(["身份证（原件）", "结婚证", "申请表"]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      key: "extra-materials:t-A001:w2",
      rule: "extra-materials",
      severity: "high",
      itemCode: "MZ-001",
      windowId: "w2",
    });
    expect(found[0]?.evidence).toEqual({
      ticketId: "t-A001",
      ticketNo: "A001",
      ts: "2026-10-12T10:00:00+08:00",
      requested: ["身份证（原件）", "结婚证", "申请表"],
      notInGuide: ["结婚证"],
    });
    expect(found[0]?.messages["zh-CN"]).toContain("结婚证");
  });

  it("does not fire for a listed material written with a bracketed note or spaces", () => {
    expect(judge(["身份证（原件）"])).toEqual([]);
    expect(judge(["身份证(复印件)", "申 请 表", "户口簿"])).toEqual([]);
    expect(judge(["户口簿（户主页）"])).toEqual([]);
  });

  it("does not fire for items that are not online", () => {
    expect(judge(["结婚证"], "XX-900")).toEqual([]);
  });

  it("reports each completion separately", () => {
    const found = run(
      extraMaterials,
      inputsOf(cal, {
        online: guide,
        materialRequests: [materialRequest("A001", "MZ-001", ["结婚证"], "w1"), materialRequest("A002", "MZ-001", ["身份证"], "w1"), materialRequest("A003", "MZ-001", ["无犯罪记录证明"], "w3")],
      }),
    );
    expect(found.map((f) => [f.key, f.evidence.notInGuide])).toEqual([
      ["extra-materials:t-A001:w1", ["结婚证"]],
      ["extra-materials:t-A003:w3", ["无犯罪记录证明"]],
    ]);
  });
});

describe("unclear-guide: a high share of needs_materials over 30 days", () => {
  const judge = (outcomes: ItemOutcomes[], settings?: ConsistencyInputs["settings"]) =>
    run(unclearGuide, inputsOf(cal, { online, outcomes, ...(settings ? { settings } : {}) }));

  it("fires above 10% with at least 10 completions", () => {
    const found = judge([{ itemCode: "MZ-001", completions: 20, needsMaterials: 3 }]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      key: "unclear-guide:MZ-001",
      rule: "unclear-guide",
      severity: "low",
      itemCode: "MZ-001",
      evidence: { completions: 20, needsMaterials: 3, share: 0.15 },
    });
    expect(found[0]?.messages["zh-CN"]).toContain("15%");
    expect(judge([{ itemCode: "MZ-001", completions: 10, needsMaterials: 2 }])).toHaveLength(1);
  });

  it("does not fire at exactly 10% nor below 10 completions", () => {
    expect(judge([{ itemCode: "MZ-001", completions: 20, needsMaterials: 2 }])).toEqual([]);
    expect(judge([{ itemCode: "MZ-001", completions: 9, needsMaterials: 9 }])).toEqual([]);
    expect(judge([{ itemCode: "MZ-001", completions: 0, needsMaterials: 0 }])).toEqual([]);
  });

  it("uses the threshold and minimum from the settings", () => {
    expect(judge([{ itemCode: "MZ-001", completions: 20, needsMaterials: 3 }], { unclearShare: 0.2 })).toEqual([]);
    expect(judge([{ itemCode: "MZ-001", completions: 5, needsMaterials: 1 }], { unclearMinCompletions: 5 })).toHaveLength(1);
  });
});
