// Rejections never echo a personal number (the event's id included) and always name a field.
import { describe, expect, it } from "vitest";
import { parseIsoTimestamp } from "../../contract/index.js";
import { describeIssue, parseHallEvent, rawEventId } from "./parse-event.js";

describe("parseHallEvent and personal data", () => {
  it("gives no id back when the id is a personal number, even when another field is found first", () => {
    const r = parseHallEvent({ reason: "电话13912345678", id: "13912345678", type: "window.paused" });
    expect(r).toMatchObject({ ok: false, id: null, field: "reason" });
    expect(rawEventId({ id: "T-110105491231002" })).toBeNull();
    expect(rawEventId({ id: "ev-1" })).toBe("ev-1");
  });

  it("names an empty unknown key as \"\" (a field is never the empty string)", () => {
    const r = parseHallEvent({ id: "e1", type: "window.closed", hallId: "h", ts: "2026-01-01T00:00:00Z", windowId: "w1", "": 1 });
    expect(r).toMatchObject({ ok: false, field: '""', message: "unknown field" });
    expect(describeIssue({ code: "unrecognized_keys", keys: [""], path: ["a"], message: "", input: {} } as never, {})).toEqual({ field: 'a.""', message: "unknown field" });
  });

  it("refuses years before 1000, which Date.UTC would read as 1900–1999", () => {
    expect(parseIsoTimestamp("0099-12-31T23:59:59Z")).toBeNull();
    expect(parseIsoTimestamp("0001-01-01T00:00:00Z")).toBeNull();
    expect(parseIsoTimestamp("1000-01-01T00:00:00Z")).toBe(Date.parse("1000-01-01T00:00:00Z"));
  });

  it("refuses text with a lone surrogate (not Unicode, not storable as UTF-8)", () => {
    const r = parseHallEvent({ id: "e2", type: "window.paused", hallId: "h", ts: "2026-01-01T00:00:00Z", windowId: "w1", reason: "a\uD800b" });
    expect(r).toMatchObject({ ok: false, field: "reason" });
    expect(parseHallEvent({ id: "e3", type: "window.paused", hallId: "h", ts: "2026-01-01T00:00:00Z", windowId: "w1", reason: "𠜎🙂" }).ok).toBe(true);
  });
});
