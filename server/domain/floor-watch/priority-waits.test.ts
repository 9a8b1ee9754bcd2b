import { describe, expect, it } from "vitest";
import type { HallEvent, Priority } from "../../../contract/index.js";
import { at, ev, event, factsOf, HOUR } from "../test-fixtures.js";
import { priorityWaits } from "./priority-waits.js";

const issued = (ms: number, ticketId: string, categoryId: string, priority?: Priority): HallEvent =>
  event("ticket.issued", ms, { ticketId, ticketNo: ticketId, categoryId, channel: "kiosk", ...(priority ? { priority } : {}) });
const day = { key: "2025-03-10", from: at(0), to: at(24) };

describe("priorityWaits", () => {
  it("compares each priority's p50/p90 with the normal tickets' per category, and over the hall", () => {
    const events: HallEvent[] = [];
    // Normal waits 10, 20, 30, 40 minutes; green 2 and 4; appointment 20 (c1); one normal in c2 waits 5.
    [10, 20, 30, 40].forEach((w, i) => events.push(issued(at(9), `n${i}`, "c1"), ev.called(at(9, w), `n${i}`, "w1")));
    [2, 4].forEach((w, i) => events.push(issued(at(9), `g${i}`, "c1", "green"), ev.called(at(9, w), `g${i}`, "w1")));
    events.push(issued(at(9), "p0", "c1", "appointment"), ev.called(at(9, 20), "p0", "w1"));
    events.push(issued(at(10), "x", "c2"), ev.called(at(10, 5), "x", "w2"));
    const rows = priorityWaits(factsOf(events), [day]);
    const c1 = rows.filter((r) => r.categoryId === "c1").map((r) => [r.priority, r.count, r.p50Seconds / 60, r.p90Seconds / 60, r.p50RatioToNormal, r.p90RatioToNormal]);
    expect(c1).toEqual([
      ["normal", 4, 20, 40, 1, 1],
      ["green", 2, 2, 4, 0.1, 0.1],
      ["appointment", 1, 20, 20, 1, 0.5],
    ]);
    expect(rows.find((r) => r.categoryId === null && r.priority === "normal")).toMatchObject({ count: 5, p50Seconds: 1200 });
    expect(rows.find((r) => r.categoryId === "c2")).toMatchObject({ priority: "normal", count: 1, p50Seconds: 300 });
  });

  it("uses the documented wait: first call − issue, in the period of the first call, in the category issued in", () => {
    const events = [issued(at(23, 50), "g", "c1", "green"), ev.called(at(24, 10), "g", "w1"), ev.transferred(at(24, 20), "g", "w1", "c2"), ev.called(at(25), "g", "w2")];
    const next = { key: "2025-03-11", from: at(24), to: at(48) };
    expect(priorityWaits(factsOf(events), [day, next]).map((r) => [r.key, r.categoryId, r.p50Seconds])).toEqual([
      ["2025-03-11", null, 1200],
      ["2025-03-11", "c1", 1200],
    ]);
  });

  it("gives no ratio without normal tickets or when their wait is 0; ignores uncalled tickets", () => {
    const events = [issued(at(9), "g", "c1", "green"), ev.called(at(9, 5), "g", "w1"), issued(at(9), "u", "c1")];
    expect(priorityWaits(factsOf(events), [day]).find((r) => r.categoryId === "c1")).toMatchObject({ priority: "green", p50RatioToNormal: null });
    const zero = [issued(at(9), "n", "c1"), ev.called(at(9), "n", "w1"), issued(at(9), "g", "c1", "green"), ev.called(at(9, 1), "g", "w1")];
    expect(priorityWaits(factsOf(zero), [day]).find((r) => r.priority === "green")?.p50RatioToNormal).toBeNull();
    expect(priorityWaits(factsOf(zero), [{ key: "x", from: at(10), to: at(10) + HOUR }])).toEqual([]);
  });
});
