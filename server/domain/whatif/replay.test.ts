import { describe, expect, it } from "vitest";
import { startOfLocalDay, type HallConfig, type HallEvent } from "../../../contract/index.js";
import { DEMO_HALL_ID, demoHall, demoSimParams } from "../../../simulator/demo-hall.js";
import { generateHallDay } from "../../../simulator/generate-day.js";
import { HallFacts } from "../hall-facts.js";
import { computeLoadView } from "../load-view.js";
import { replay } from "./replay.js";
import { replayDayOf } from "./replay-input.js";

const MIN = 60_000;
const base = Date.parse("2026-11-18T00:00:00+08:00");
const at = (h: number, m = 0, s = 0) => base + h * 3_600_000 + m * MIN + s * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

const hall: HallConfig = {
  name: "测试",
  timezone: "Asia/Shanghai",
  categories: [
    { id: "a", name: "甲", itemCodes: [] },
    { id: "b", name: "乙", itemCodes: [] },
  ],
  windows: [
    { id: "w1", name: "1号", department: "甲局", categories: ["a"] },
    { id: "w2", name: "2号", department: "乙局", categories: ["b"] },
  ],
  targets: { waitMinutes: 20 },
};

/** A day where each window called its next ticket the moment it finished (FIFO, no walk-up). */
function fifoDay(): HallEvent[] {
  const e: HallEvent[] = [];
  let n = 0;
  const ev = (ts: number, fields: Record<string, unknown>) => e.push({ id: `e${++n}`, hallId: "h", ts: iso(ts), ...fields } as HallEvent);
  ev(at(9), { type: "window.opened", windowId: "w1", staffId: "s1" });
  ev(at(9), { type: "window.opened", windowId: "w2", staffId: "s2" });
  // Category a: four tickets at 9:00, 9:01, 9:02, 9:03, each served 10 minutes at w1, back to back.
  for (let i = 0; i < 4; i++) {
    const t = `a${i}`;
    ev(at(9, i), { type: "ticket.issued", ticketId: t, ticketNo: `A00${i}`, categoryId: "a", channel: "kiosk" });
    ev(at(9, i * 10), { type: "ticket.called", ticketId: t, windowId: "w1" });
    ev(at(9, i * 10), { type: "service.started", ticketId: t, windowId: "w1" });
    ev(at(9, i * 10 + 10), { type: "service.completed", ticketId: t, windowId: "w1", outcome: "done" });
  }
  // Category b: one ticket at 9:05, served 5 minutes at w2.
  ev(at(9, 5), { type: "ticket.issued", ticketId: "b0", ticketNo: "B000", categoryId: "b", channel: "kiosk" });
  ev(at(9, 5), { type: "ticket.called", ticketId: "b0", windowId: "w2" });
  ev(at(9, 5), { type: "service.started", ticketId: "b0", windowId: "w2" });
  ev(at(9, 10), { type: "service.completed", ticketId: "b0", windowId: "w2", outcome: "done" });
  ev(at(10), { type: "window.closed", windowId: "w1" });
  ev(at(10), { type: "window.closed", windowId: "w2" });
  return e;
}

const factsOf = (events: readonly HallEvent[]) => {
  const f = new HallFacts();
  for (const e of events) f.add(e);
  return f;
};

describe("what-if replay", () => {
  const from = startOfLocalDay(at(12), "Asia/Shanghai");
  const to = from + 86_400_000;

  it("reproduces exactly a day where windows called the next ticket as soon as they were free", () => {
    const facts = factsOf(fifoDay());
    const actual = computeLoadView(facts, hall, { hallId: "h", from, to, live: false, dayStart: from });
    const predicted = replay(replayDayOf(facts, hall, from, to));
    // Waits of a: 0, 9, 18, 27 minutes → mean 13.5, max 27.
    expect(predicted.categories).toEqual([
      { categoryId: "a", avgWaitSeconds: 13.5 * 60, maxWaitSeconds: 27 * 60 },
      { categoryId: "b", avgWaitSeconds: 0, maxWaitSeconds: 0 },
    ]);
    expect(predicted.categories.map((c) => c.avgWaitSeconds)).toEqual(actual.categories.map((c) => c.avgWaitSeconds));
    expect(predicted.windows).toEqual([
      { windowId: "w1", utilization: 40 / 60 },
      { windowId: "w2", utilization: 5 / 60 },
    ]);
    expect(predicted.cv).toBeCloseTo(actual.imbalance.cv, 12);
  });

  it("pooling both categories on both windows lowers the waits of the busy one", () => {
    const facts = factsOf(fifoDay());
    const day = replayDayOf(facts, hall, from, to);
    const pooled = replay({ ...day, windows: day.windows.map((w) => ({ ...w, categories: ["a", "b"] })) });
    const a = pooled.categories.find((c) => c.categoryId === "a");
    // w2 takes a1 at 9:01 (free since 9:00; b0 comes at 9:05): waits 0, 0, 8 (w1 free 9:10), 10 (w2 free 9:11)… lower than FIFO on w1 alone.
    expect(a?.avgWaitSeconds ?? Infinity).toBeLessThan(13.5 * 60);
    expect(pooled.cv).toBeLessThan(replay(day).cv);
  });

  it("calls green-channel tickets first, then the longest wait", () => {
    const events = fifoDay().filter((e) => !("ticketId" in e) || e.ticketId !== "a3");
    events.push({ id: "g1", hallId: "h", ts: iso(at(9, 4)), type: "ticket.issued", ticketId: "g", ticketNo: "G001", categoryId: "a", channel: "kiosk", priority: "green" });
    events.push({ id: "g2", hallId: "h", ts: iso(at(9, 40)), type: "ticket.called", ticketId: "g", windowId: "w1" });
    events.push({ id: "g3", hallId: "h", ts: iso(at(9, 40)), type: "service.started", ticketId: "g", windowId: "w1" });
    events.push({ id: "g4", hallId: "h", ts: iso(at(9, 50)), type: "service.completed", ticketId: "g", windowId: "w1", outcome: "done" });
    const predicted = replay(replayDayOf(factsOf(events), hall, from, to));
    // At 9:10 w1 is free: a1 (9:01), a2 (9:02) and g (9:04, green) wait — g goes first, then a1, then a2.
    // Waits: a0 0; g 6 (9:10 − 9:04); a1 19 (9:20 − 9:01); a2 28 (9:30 − 9:02).
    expect(predicted.categories.find((c) => c.categoryId === "a")).toEqual({ categoryId: "a", avgWaitSeconds: ((0 + 6 + 19 + 28) / 4) * 60, maxWaitSeconds: 28 * 60 });
  });

  it("is deterministic for a seed", () => {
    const events = generateHallDay({ hall: demoHall, hallId: DEMO_HALL_ID, date: "2026-11-18", seed: 3, params: demoSimParams });
    const facts = factsOf(events);
    const dayFrom = startOfLocalDay(Date.parse("2026-11-18T12:00:00+08:00"), demoHall.timezone);
    const day = replayDayOf(facts, demoHall, dayFrom, dayFrom + 86_400_000);
    expect(replay(day, 42)).toEqual(replay(day, 42));
  });
});
