// FindingTracker: first and last sightings across evaluations, and closing only what an evaluated rule
// no longer produces.
import { describe, expect, it } from "vitest";
import type { Finding, RuleId } from "../../../contract/index.js";
import type { RawFinding } from "./rule.js";
import { FindingTracker } from "./tracker.js";

function raw(rule: RuleId, subject: string, evidence: Record<string, unknown> = {}, extra: Partial<RawFinding> = {}): RawFinding {
  return {
    key: `${rule}:${subject}`,
    rule,
    severity: "high",
    itemCode: subject,
    messages: { "zh-CN": `发现 ${subject}`, en: `Found ${subject}` },
    evidence,
    ...extra,
  };
}

const T1 = "2026-10-12T09:00:00.000Z";
const T2 = "2026-10-12T10:00:00.000Z";
const T3 = "2026-10-13T09:00:00.000Z";
const LISTS: RuleId[] = ["offline-only", "not-served", "department-mismatch", "guide-differs", "late-publication"];
const EVENTS: RuleId[] = ["visit-limit", "extra-materials", "unclear-guide"];

describe("FindingTracker", () => {
  it("opens new findings with firstSeen = lastSeen and the zh-CN message", () => {
    const t = new FindingTracker();
    const change = t.apply([raw("offline-only", "XX-900", { onlineVersion: 3 })], LISTS, T1);
    expect(change.opened).toEqual([
      {
        key: "offline-only:XX-900",
        rule: "offline-only",
        severity: "high",
        itemCode: "XX-900",
        message: "发现 XX-900",
        messages: { "zh-CN": "发现 XX-900", en: "Found XX-900" },
        evidence: { onlineVersion: 3 },
        firstSeen: T1,
        lastSeen: T1,
      },
    ]);
    expect(change.closed).toEqual([]);
    expect(change.open).toEqual(change.opened);
    expect(t.all()).toEqual(change.opened);
  });

  it("keeps firstSeen across re-evaluations, updates lastSeen and the content, and does not reopen", () => {
    const t = new FindingTracker();
    t.apply([raw("offline-only", "XX-900", { onlineVersion: 3 })], LISTS, T1);
    const change = t.apply([raw("offline-only", "XX-900", { onlineVersion: 4 })], LISTS, T2);
    expect(change.opened).toEqual([]);
    expect(change.closed).toEqual([]);
    expect(change.open).toHaveLength(1);
    expect(change.open[0]).toMatchObject({ firstSeen: T1, lastSeen: T2, evidence: { onlineVersion: 4 } });
    const again = t.apply([raw("offline-only", "XX-900", { onlineVersion: 4 })], LISTS, T3);
    expect(again.open[0]).toMatchObject({ firstSeen: T1, lastSeen: T3 });
  });

  it("drops a provisional mark that a later evaluation no longer sets", () => {
    const t = new FindingTracker();
    t.apply([raw("late-publication", "online:MZ-001", {}, { provisional: true })], LISTS, T1);
    const change = t.apply([raw("late-publication", "online:MZ-001")], LISTS, T2);
    expect(change.open[0]?.provisional).toBeUndefined();
    expect(change.open[0]?.firstSeen).toBe(T1);
  });

  it("closes a finding no longer produced by an evaluated rule", () => {
    const t = new FindingTracker();
    t.apply([raw("offline-only", "XX-900"), raw("offline-only", "XX-901")], LISTS, T1);
    const change = t.apply([raw("offline-only", "XX-901")], LISTS, T2);
    expect(change.closed.map((f) => [f.key, f.firstSeen, f.lastSeen])).toEqual([["offline-only:XX-900", T1, T1]]);
    expect(change.open.map((f) => f.key)).toEqual(["offline-only:XX-901"]);
    expect(t.all().map((f) => f.key)).toEqual(["offline-only:XX-901"]);
  });

  it("keeps findings of rules that were not evaluated open", () => {
    const t = new FindingTracker();
    t.apply([raw("offline-only", "XX-900"), raw("visit-limit", "case-1:MZ-001")], [...LISTS, ...EVENTS], T1);
    // An evaluation of the event rules only: the list finding is not judged, so it stays as it was.
    const events = t.apply([], EVENTS, T2);
    expect(events.closed.map((f) => f.key)).toEqual(["visit-limit:case-1:MZ-001"]);
    expect(events.open).toEqual([expect.objectContaining({ key: "offline-only:XX-900", firstSeen: T1, lastSeen: T1 })]);
    // An evaluation of one list rule leaves the other list rules alone too.
    const one = t.apply([], ["guide-differs"], T3);
    expect(one.closed).toEqual([]);
    expect(one.open.map((f) => f.key)).toEqual(["offline-only:XX-900"]);
  });

  it("starts from stored findings and keeps their firstSeen", () => {
    const stored: Finding = {
      key: "guide-differs:MZ-001",
      rule: "guide-differs",
      severity: "high",
      itemCode: "MZ-001",
      message: "旧",
      messages: { "zh-CN": "旧", en: "old" },
      evidence: { fields: ["fees"] },
      firstSeen: "2026-10-01T00:00:00.000Z",
      lastSeen: "2026-10-02T00:00:00.000Z",
    };
    const t = new FindingTracker([stored]);
    expect(t.all()).toEqual([stored]);
    const change = t.apply([raw("guide-differs", "MZ-001", { fields: ["fees", "materials"] })], LISTS, T1);
    expect(change.opened).toEqual([]);
    expect(change.open[0]).toMatchObject({ firstSeen: "2026-10-01T00:00:00.000Z", lastSeen: T1, message: "发现 MZ-001", evidence: { fields: ["fees", "materials"] } });
  });

  it("opens a closed finding again as a new sighting", () => {
    const t = new FindingTracker();
    t.apply([raw("offline-only", "XX-900")], LISTS, T1);
    t.apply([], LISTS, T2);
    const change = t.apply([raw("offline-only", "XX-900")], LISTS, T3);
    expect(change.opened.map((f) => [f.key, f.firstSeen, f.lastSeen])).toEqual([["offline-only:XX-900", T3, T3]]);
  });
});

describe("FindingTracker: changed", () => {
  it("says whether a reader sees anything move: opened, closed, or a kept finding's messages or evidence", () => {
    const t = new FindingTracker();
    expect(t.apply([raw("visit-limit", "A", { days: ["2026-10-12", "2026-10-13"] })], EVENTS, T1).changed).toBe(true);
    // The same findings again: only lastSeen moves, which nobody is told about.
    expect(t.apply([raw("visit-limit", "A", { days: ["2026-10-12", "2026-10-13"] })], EVENTS, T2).changed).toBe(false);
    expect(t.apply([raw("visit-limit", "A", { days: ["2026-10-12", "2026-10-13", "2026-10-14"] })], EVENTS, T2).changed).toBe(true);
    expect(t.apply([raw("visit-limit", "A", { days: ["2026-10-12", "2026-10-13", "2026-10-14"] }, { messages: { "zh-CN": "改了", en: "changed" } })], EVENTS, T3).changed).toBe(true);
    expect(t.apply([], EVENTS, T3).changed).toBe(true);
    expect(t.apply([], EVENTS, T3).changed).toBe(false);
  });

  it("compares findings read back from storage by value, not by the objects' identity or key order", () => {
    const stored: Finding = { ...raw("extra-materials", "B", { tickets: [{ no: "A001", date: "2026-10-12" }] }), message: "发现 B", firstSeen: T1, lastSeen: T1 };
    const t = new FindingTracker([JSON.parse(JSON.stringify(stored)) as Finding]);
    expect(t.apply([raw("extra-materials", "B", { tickets: [{ date: "2026-10-12", no: "A001" }] })], EVENTS, T2).changed).toBe(false);
  });
});

describe("FindingTracker: updated", () => {
  it("lists the findings kept open with another content — messages, evidence, severity, provisional — and no others", () => {
    const t = new FindingTracker();
    t.apply([raw("visit-limit", "A"), raw("visit-limit", "B"), raw("visit-limit", "C")], EVENTS, T1);
    const change = t.apply([raw("visit-limit", "A", {}, { severity: "medium" }), raw("visit-limit", "B", {}, { provisional: true }), raw("visit-limit", "C")], EVENTS, T2);
    expect(change.updated.map((f) => f.key)).toEqual(["visit-limit:A", "visit-limit:B"]);
    expect(change.updated[0]).toMatchObject({ severity: "medium", firstSeen: T1, lastSeen: T2 });
    expect(change.opened).toEqual([]);
    expect(t.apply([raw("visit-limit", "A", {}, { severity: "medium" }), raw("visit-limit", "B", {}, { provisional: true }), raw("visit-limit", "C")], EVENTS, T3).updated).toEqual([]);
  });
});
