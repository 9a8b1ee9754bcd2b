// The what-if editor's plain parts (whatif-drafts.ts): only the windows that differ from the
// configuration sent (`open` only when given, `[]` when closed), the server's 400 field mapped back onto
// the window, interval or end it names, the rebalance paths and export names, and days counted in the
// hall's time zone.
import { describe, expect, it } from "vitest";
import { allocationOf, draftsFromConfig, exportFileName, fieldTarget, hallDateBefore, newInterval, plainMessage, rebalancePath } from "./whatif-drafts.js";
import { hall, NOW } from "./whatif-test-harness.js";

describe("what-if helpers", () => {
  it("sends only the windows that differ, `open` only when given, [] when closed all day", () => {
    const drafts = draftsFromConfig(hall.windows);
    expect(allocationOf(drafts, hall.windows)).toEqual({ windows: [], sentIds: [] });
    drafts[0]!.categories.push("estate");
    drafts[1]!.intervals.push(newInterval("09:00", "12:00"), newInterval("13:30", "17:00"));
    drafts[2]!.closed = true;
    drafts[2]!.intervals.push(newInterval("08:00", "09:00")); // ignored: closed wins
    expect(allocationOf(drafts, hall.windows)).toEqual({
      windows: [
        { id: "w1", categories: ["social", "estate"] },
        { id: "w2", categories: ["social"], open: [["09:00", "12:00"], ["13:30", "17:00"]] },
        { id: "w3", categories: ["estate"], open: [] },
      ],
      sentIds: ["w1", "w2", "w3"],
    });
    // Categories compared as a set: the same ones in another order are no change.
    const reordered = draftsFromConfig([{ id: "w1", categories: ["a", "b"] }]);
    reordered[0]!.categories = ["b", "a"];
    expect(allocationOf(reordered, [{ id: "w1", categories: ["a", "b"] }]).windows).toEqual([]);
  });

  it("maps the server's field onto the window of the request, its categories, interval and end", () => {
    const sent = ["w2", "w3"];
    expect(fieldTarget("date", sent)).toEqual({ kind: "date" });
    expect(fieldTarget("allocation.windows.1.categories.0", sent)).toEqual({ kind: "categories", windowId: "w3" });
    expect(fieldTarget("allocation.windows.0.open.1", sent)).toEqual({ kind: "open", windowId: "w2", interval: 1, end: null });
    expect(fieldTarget("allocation.windows.0.open.1.0", sent)).toEqual({ kind: "open", windowId: "w2", interval: 1, end: 0 });
    expect(fieldTarget("allocation.windows.0.open", sent)).toEqual({ kind: "open", windowId: "w2", interval: null, end: null });
    expect(fieldTarget("allocation.windows.1.id", sent)).toEqual({ kind: "window", windowId: "w3" });
    expect(fieldTarget("allocation.windows.5.id", sent)).toEqual({ kind: "form" });
    expect(fieldTarget("seed", sent)).toEqual({ kind: "form" });
    expect(fieldTarget(undefined, sent)).toEqual({ kind: "form" });
    expect(plainMessage({ field: "date", message: "date: must be a day that has begun" })).toBe("must be a day that has begun");
  });

  it("asks for live advice without a date and for a past day with ?date=; names exports by hall and day", () => {
    expect(rebalancePath("h1", { kind: "live" })).toBe("/api/halls/h1/rebalance");
    expect(rebalancePath("h 1", { kind: "history", date: "2026-11-20" })).toBe("/api/halls/h%201/rebalance?date=2026-11-20");
    expect(exportFileName("h1", "2026-11-20", "csv")).toBe("whatif-h1-2026-11-20.csv");
    expect(exportFileName("大厅/1", "2026-11-20", "xlsx")).toBe("whatif-___1-2026-11-20.xlsx");
  });

  it("counts days in the hall's time zone, across months", () => {
    expect(hallDateBefore(NOW, "Asia/Shanghai", 1)).toBe("2026-11-25");
    expect(hallDateBefore(NOW, "Asia/Shanghai", 0)).toBe("2026-11-26");
    expect(hallDateBefore(NOW, "UTC", 1)).toBe("2026-11-24");
    expect(hallDateBefore(Date.parse("2026-12-01T01:00:00+08:00"), "Asia/Shanghai", 1)).toBe("2026-11-30");
  });
});
