// Every rule together (and only those over lists or over events), settings passed through, and the
// "promote online" advice (推动更多事项网上办理).
import { describe, expect, it } from "vitest";
import { RULE_IDS } from "../../../contract/index.js";
import { officialCalendarYears } from "../../adapters/calendar/official-calendar.js";
import { WorkingCalendar } from "../calendar/working-calendar.js";
import { evaluateRules, promoteOnlineAdvice, RULES } from "./evaluate.js";
import type { ConsistencyInputs, ItemOutcomes } from "./inputs.js";
import { hallOf, inputsOf, item, keys, list, materialRequest, visit } from "./test-fixtures.js";

const cal = new WorkingCalendar(officialCalendarYears());

/** A hall where every rule fires exactly once. */
function scenario(over: Partial<ConsistencyInputs> = {}): ConsistencyInputs {
  return inputsOf(cal, {
    today: "2026-10-12",
    hall: hallOf(
      [
        { id: "c-civil", itemCodes: ["MZ-001", "XX-900"] },
        { id: "c-social", itemCodes: ["SB-001"] },
        { id: "c-extra", itemCodes: ["MZ-002"] },
      ],
      [
        { id: "w1", department: "民政局", categories: ["c-civil"] },
        { id: "w2", department: "人社局", categories: ["c-social", "c-extra"] },
      ],
    ),
    online: list(3, [
      item("MZ-001", { approvedAt: "2026-09-30", publishedAt: "2026-10-09" }),
      item("MZ-002", { fullyOnline: true }),
      item("MZ-003"),
      item("SB-001", { department: "人社局" }),
    ]),
    hallList: list(4, [item("MZ-001", { promisedDays: 10 }), item("SB-001", { department: "人社局" })]),
    visits: [visit("case-1", "MZ-001", "2026-10-12", "A001"), visit("case-1", "MZ-001", "2026-10-13", "A002")],
    materialRequests: [materialRequest("A003", "MZ-001", ["结婚证"])],
    outcomes: [
      { itemCode: "MZ-001", completions: 20, needsMaterials: 3 },
      { itemCode: "MZ-002", completions: 50, needsMaterials: 0 },
    ],
    ...over,
  });
}

const LIST_KEYS = [
  "department-mismatch:w2:MZ-002",
  "guide-differs:MZ-001",
  "late-publication:online:MZ-001",
  "not-served:MZ-003",
  "offline-only:XX-900",
];
const EVENT_KEYS = ["extra-materials:t-A003:w1", "unclear-guide:MZ-001", "visit-limit:case-1:MZ-001"];

describe("RULES", () => {
  it("has every rule of the contract exactly once", () => {
    expect(RULES.map((r) => r.id).sort()).toEqual([...RULE_IDS].sort());
  });

  it("splits the rules over lists and over events", () => {
    expect(RULES.filter((r) => r.over === "lists").map((r) => r.id).sort()).toEqual([
      "department-mismatch",
      "guide-differs",
      "late-publication",
      "not-served",
      "offline-only",
    ]);
    expect(RULES.filter((r) => r.over === "events").map((r) => r.id).sort()).toEqual(["extra-materials", "unclear-guide", "visit-limit"]);
  });
});

describe("evaluateRules", () => {
  it("runs every rule, each finding under a unique key of its rule", () => {
    const found = evaluateRules(scenario());
    expect(keys(found)).toEqual([...LIST_KEYS, ...EVENT_KEYS].sort());
    expect(new Set(found.map((f) => f.key)).size).toBe(found.length);
    for (const f of found) {
      expect(f.key.startsWith(`${f.rule}:`)).toBe(true);
      expect(RULES.find((r) => r.id === f.rule)?.severity).toBe(f.severity);
      expect(f.messages["zh-CN"].length).toBeGreaterThan(0);
      expect(f.messages.en.length).toBeGreaterThan(0);
    }
  });

  it("runs only the rules over lists, or only those over events", () => {
    expect(keys(evaluateRules(scenario(), "lists"))).toEqual(LIST_KEYS);
    expect(keys(evaluateRules(scenario(), "events"))).toEqual(EVENT_KEYS);
  });

  it("applies the defaults and the hall's settings", () => {
    // 10-12 and 10-20 are 6 working days apart: inside 5 + 5 (default), outside 5 + 0.
    const visits = [visit("case-9", "MZ-001", "2026-10-12", "B001"), visit("case-9", "MZ-001", "2026-10-20", "B002")];
    expect(keys(evaluateRules(scenario({ visits }), "events"))).toContain("visit-limit:case-9:MZ-001");
    expect(keys(evaluateRules(scenario({ visits, settings: { visitGraceWorkingDays: 0 } }), "events"))).not.toContain("visit-limit:case-9:MZ-001");
    expect(keys(evaluateRules(scenario({ settings: { unclearShare: 0.5 } }), "events"))).not.toContain("unclear-guide:MZ-001");
  });

  it("finds nothing in a consistent hall", () => {
    const hall = hallOf([{ id: "c-civil", itemCodes: ["MZ-001"] }], [{ id: "w1", department: "民政局", categories: ["c-civil"] }]);
    const online = list(1, [item("MZ-001", { approvedAt: "2026-09-30", publishedAt: "2026-10-08" })]);
    const found = evaluateRules(
      inputsOf(cal, {
        hall,
        online,
        hallList: list(1, [item("MZ-001")]),
        visits: [visit("case-1", "MZ-001", "2026-10-12", "A001"), visit("case-1", "MZ-001", "2026-10-12", "A002")],
        materialRequests: [materialRequest("A003", "MZ-001", ["身份证（原件）"])],
        outcomes: [{ itemCode: "MZ-001", completions: 30, needsMaterials: 3 }],
      }),
    );
    expect(found).toEqual([]);
  });
});

describe("promoteOnlineAdvice", () => {
  const online = list(3, [
    item("MZ-001", { fullyOnline: true }),
    item("MZ-002", { fullyOnline: true }),
    item("MZ-003", { fullyOnline: false }),
    item("MZ-004", { fullyOnline: true }),
  ]);
  const advise = (outcomes: ItemOutcomes[], settings?: ConsistencyInputs["settings"]) =>
    promoteOnlineAdvice(inputsOf(cal, { online, outcomes, ...(settings ? { settings } : {}) }));
  const o = (itemCode: string, completions: number): ItemOutcomes => ({ itemCode, completions, needsMaterials: 0 });

  it("advises fully-online items among the most served, with their completions", () => {
    const advice = advise([o("MZ-003", 90), o("MZ-001", 40), o("MZ-002", 70)]);
    expect(advice.map((a) => [a.kind, a.itemCode, a.evidence])).toEqual([
      ["promote-online", "MZ-002", { completions: 70 }],
      ["promote-online", "MZ-001", { completions: 40 }],
    ]);
    expect(advice[0]?.message).toBe(advice[0]?.messages["zh-CN"]);
    expect(advice[0]?.message).toContain("70");
  });

  it("does not advise fully-online items outside the top items", () => {
    // Top 2: MZ-003 (not fully online) and MZ-002; MZ-001 is third.
    expect(advise([o("MZ-003", 90), o("MZ-001", 40), o("MZ-002", 70)], { adviceTopItems: 2 }).map((a) => a.itemCode)).toEqual(["MZ-002"]);
  });

  it("does not advise items that are not fully online, not online, or not served", () => {
    expect(advise([o("MZ-003", 90), o("XX-900", 80), o("MZ-004", 0)])).toEqual([]);
  });

  it("orders ties by item code", () => {
    expect(advise([o("MZ-004", 10), o("MZ-001", 10)]).map((a) => a.itemCode)).toEqual(["MZ-001", "MZ-004"]);
  });
});
