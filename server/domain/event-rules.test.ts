import { describe, expect, it } from "vitest";
import { hallEventSchema, type HallEvent } from "../../contract/index.js";
import { checkEventRules, MAX_FUTURE_SKEW_MS } from "./event-rules.js";
import { at, ev, HALL_ID, hallConfig, iso, MINUTE } from "./test-fixtures.js";

const hall = hallConfig(); // windows w1, w2, w3; categories c1, c2
const now = at(10);

describe("checkEventRules", () => {
  it("accepts a valid event of every type", () => {
    const events: HallEvent[] = [
      ev.opened(at(9), "w1"),
      ev.paused(at(9), "w1"),
      ev.resumed(at(9), "w1"),
      ev.closed(at(9), "w1"),
      ev.issued(at(9), "t1", "c1"),
      ev.called(at(9), "t1", "w2"),
      ev.noShow(at(9), "t1", "w2"),
      ev.transferred(at(9), "t1", "w3", "c2"),
      ev.started(at(9), "t1", "w3"),
      ev.completed(at(9), "t1", "w3"),
      ev.evaluated(at(9), "t1", "w3", 5),
    ];
    for (const e of events) {
      expect(hallEventSchema.safeParse(e).success).toBe(true);
      expect(checkEventRules(e, HALL_ID, hall, now)).toBeNull();
    }
  });

  it("rejects an event for another hall, before any other check", () => {
    const e = { ...ev.called(at(11), "t1", "nope"), hallId: "hall-2" };
    expect(checkEventRules(e, HALL_ID, hall, now)).toEqual({ field: "hallId", message: 'does not match the hall "hall-1"' });
  });

  describe("future timestamps", () => {
    it("allows up to 5 minutes of clock skew", () => {
      expect(MAX_FUTURE_SKEW_MS).toBe(5 * MINUTE);
      expect(checkEventRules(ev.opened(now + 4 * MINUTE, "w1"), HALL_ID, hall, now)).toBeNull();
      expect(checkEventRules(ev.opened(now + 5 * MINUTE, "w1"), HALL_ID, hall, now)).toBeNull();
    });

    it("rejects more than 5 minutes in the future", () => {
      const failure = { field: "ts", message: "more than 5 minutes in the future" };
      expect(checkEventRules(ev.opened(now + 5 * MINUTE + 1, "w1"), HALL_ID, hall, now)).toEqual(failure);
      expect(checkEventRules(ev.opened(now + 6 * MINUTE, "w1"), HALL_ID, hall, now)).toEqual(failure);
      expect(checkEventRules(ev.issued(now + 60 * MINUTE, "t1", "c1"), HALL_ID, hall, now)).toEqual(failure);
    });

    it("accepts events far in the past", () => {
      expect(checkEventRules(ev.opened(now - 30 * 24 * 60 * MINUTE, "w1"), HALL_ID, hall, now)).toBeNull();
    });

    it("reads timestamps with an offset correctly", () => {
      // 18:04 at +08:00 is 10:04Z: 4 minutes ahead of a 10:00Z clock.
      const nowUtc = Date.UTC(2025, 2, 10, 10, 0);
      expect(checkEventRules({ ...ev.opened(0, "w1"), ts: "2025-03-10T18:04:00+08:00" }, HALL_ID, hall, nowUtc)).toBeNull();
      expect(checkEventRules({ ...ev.opened(0, "w1"), ts: "2025-03-10T18:06:00+08:00" }, HALL_ID, hall, nowUtc)).toEqual({
        field: "ts",
        message: "more than 5 minutes in the future",
      });
    });

    it("rejects an unparseable timestamp that slipped past the schema", () => {
      expect(checkEventRules({ ...ev.opened(at(9), "w1"), ts: "2025-02-30T00:00:00Z" }, HALL_ID, hall, now)).toEqual({
        field: "ts",
        message: "invalid ISO-8601 timestamp",
      });
    });

    it("checks the hall before the timestamp", () => {
      const e = { ...ev.opened(now + 60 * MINUTE, "w1"), hallId: "other" };
      expect(checkEventRules(e, HALL_ID, hall, now)?.field).toBe("hallId");
    });

    it("checks the timestamp before the window", () => {
      expect(checkEventRules(ev.opened(now + 60 * MINUTE, "nope"), HALL_ID, hall, now)?.field).toBe("ts");
    });
  });

  describe("unknown windows and categories", () => {
    const windowEvents: [string, HallEvent][] = [
      ["window.opened", ev.opened(at(9), "w9")],
      ["window.paused", ev.paused(at(9), "w9")],
      ["window.resumed", ev.resumed(at(9), "w9")],
      ["window.closed", ev.closed(at(9), "w9")],
      ["ticket.called", ev.called(at(9), "t1", "w9")],
      ["ticket.no_show", ev.noShow(at(9), "t1", "w9")],
      ["service.started", ev.started(at(9), "t1", "w9")],
      ["service.completed", ev.completed(at(9), "t1", "w9")],
      ["evaluation.submitted", ev.evaluated(at(9), "t1", "w9", 3)],
    ];
    it.each(windowEvents)("rejects %s at an unknown window", (_type, e) => {
      expect(checkEventRules(e, HALL_ID, hall, now)).toEqual({ field: "windowId", message: 'unknown window "w9"' });
    });

    it("rejects ticket.issued in an unknown category", () => {
      expect(checkEventRules(ev.issued(at(9), "t1", "c9"), HALL_ID, hall, now)).toEqual({
        field: "categoryId",
        message: 'unknown category "c9"',
      });
    });

    it("does not treat a category id as a window id or the reverse", () => {
      expect(checkEventRules(ev.issued(at(9), "t1", "w1"), HALL_ID, hall, now)?.field).toBe("categoryId");
      expect(checkEventRules(ev.called(at(9), "t1", "c1"), HALL_ID, hall, now)?.field).toBe("windowId");
    });

    it("rejects ticket.transferred from an unknown window", () => {
      expect(checkEventRules(ev.transferred(at(9), "t1", "w9", "c2"), HALL_ID, hall, now)).toEqual({
        field: "fromWindowId",
        message: 'unknown window "w9"',
      });
    });

    it("rejects ticket.transferred to an unknown category", () => {
      expect(checkEventRules(ev.transferred(at(9), "t1", "w1", "c9"), HALL_ID, hall, now)).toEqual({
        field: "toCategoryId",
        message: 'unknown category "c9"',
      });
    });

    it("reports the window first when both transfer fields are unknown", () => {
      expect(checkEventRules(ev.transferred(at(9), "t1", "w9", "c9"), HALL_ID, hall, now)?.field).toBe("fromWindowId");
    });

    it("does not check ticket ids (tickets need not be known)", () => {
      expect(checkEventRules(ev.completed(at(9), "never-issued", "w1"), HALL_ID, hall, now)).toBeNull();
    });

    it("rejects every window in a hall with none configured", () => {
      const empty = hallConfig({ windows: [], categories: [] });
      expect(checkEventRules(ev.opened(at(9), "w1"), HALL_ID, empty, now)?.field).toBe("windowId");
      expect(checkEventRules(ev.issued(at(9), "t1", "c1"), HALL_ID, empty, now)?.field).toBe("categoryId");
    });

    it("judges each configuration by its own windows and categories (the ids are kept per configuration)", () => {
      const before = hallConfig();
      const after = hallConfig({ windows: [{ id: "w4", categories: ["c3"] }], categories: ["c3"] });
      // Asked in turn, so that ids remembered for one configuration would show up in the other's answers.
      for (let round = 0; round < 2; round++) {
        expect(checkEventRules(ev.opened(at(9), "w4"), HALL_ID, before, now)?.field).toBe("windowId");
        expect(checkEventRules(ev.opened(at(9), "w4"), HALL_ID, after, now)).toBeNull();
        expect(checkEventRules(ev.opened(at(9), "w1"), HALL_ID, after, now)?.field).toBe("windowId");
        expect(checkEventRules(ev.issued(at(9), "t1", "c3"), HALL_ID, before, now)?.field).toBe("categoryId");
        expect(checkEventRules(ev.issued(at(9), "t1", "c3"), HALL_ID, after, now)).toBeNull();
      }
    });
  });

  it("uses the ts as given, including milliseconds", () => {
    const e = { ...ev.opened(0, "w1"), ts: iso(now + 5 * MINUTE) };
    expect(checkEventRules(e, HALL_ID, hall, now)).toBeNull();
    expect(checkEventRules({ ...e, ts: iso(now + 5 * MINUTE + 1) }, HALL_ID, hall, now)?.field).toBe("ts");
  });
});
