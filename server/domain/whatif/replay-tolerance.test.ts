// Replaying the actual allocation reproduces the actual day closely (the documented tolerance), and
// pooling the hot category into idle windows lowers its waits, on simulated days of the demo hall.
import { describe, expect, it } from "vitest";
import { startOfLocalDay } from "../../../contract/index.js";
import { DEMO_HALL_ID, demoHall, demoSimParams } from "../../../simulator/demo-hall.js";
import { generateHallDay } from "../../../simulator/generate-day.js";
import { HallFacts } from "../hall-facts.js";
import { computeLoadView } from "../load-view.js";
import { REPLAY_TOLERANCE, replay } from "./replay.js";
import { replayDayOf } from "./replay-input.js";


function day(date: string, seed: number) {
  const facts = new HallFacts();
  for (const e of generateHallDay({ hall: demoHall, hallId: DEMO_HALL_ID, date, seed, params: demoSimParams })) facts.add(e);
  const from = startOfLocalDay(Date.parse(`${date}T12:00:00+08:00`), demoHall.timezone);
  return { facts, from, to: from + 86_400_000 };
}

describe("replaying the actual allocation", () => {
  for (const [date, seed] of [["2026-11-24", 1], ["2026-11-20", 7], ["2026-11-18", 3], ["2026-11-16", 11]] as const)
    it(`reproduces ${date} within the documented tolerance`, () => {
      const { facts, from, to } = day(date, seed);
      const actual = computeLoadView(facts, demoHall, { hallId: DEMO_HALL_ID, from, to, live: false, dayStart: from });
      const predicted = replay(replayDayOf(facts, demoHall, from, to));
      for (const w of actual.windows) {
        const p = predicted.windows.find((x) => x.windowId === w.windowId);
        expect(Math.abs((p?.utilization ?? 0) - w.utilization), w.windowId).toBeLessThanOrEqual(REPLAY_TOLERANCE.utilization);
      }
      for (const c of actual.categories) {
        if (c.calledCount < REPLAY_TOLERANCE.minTickets || c.avgWaitSeconds === null) continue;
        const p = predicted.categories.find((x) => x.categoryId === c.categoryId)?.avgWaitSeconds ?? 0;
        const allowed = Math.max(REPLAY_TOLERANCE.waitSeconds, REPLAY_TOLERANCE.waitShare * c.avgWaitSeconds);
        expect(Math.abs(p - c.avgWaitSeconds), c.categoryId).toBeLessThanOrEqual(allowed);
      }
      expect(Math.abs(predicted.cv - actual.imbalance.cv)).toBeLessThanOrEqual(REPLAY_TOLERANCE.cv);
    });
});

describe("a pooled allocation", () => {
  it("lowers the waits of the planted hot category (不动产登记) when the idle 卫生健康局 windows also serve it", () => {
    const { facts, from, to } = day("2026-11-24", 1);
    const actualDay = replayDayOf(facts, demoHall, from, to);
    const hot = "real-estate";
    const idle = demoHall.windows.filter((w) => w.categories.includes("health")).map((w) => w.id);
    expect(idle.length).toBeGreaterThan(0);
    const pooled = replay({ ...actualDay, windows: actualDay.windows.map((w) => (idle.includes(w.id) ? { ...w, categories: [...w.categories, hot] } : w)) });
    const before = replay(actualDay).categories.find((c) => c.categoryId === hot)?.avgWaitSeconds ?? 0;
    const after = pooled.categories.find((c) => c.categoryId === hot)?.avgWaitSeconds ?? Infinity;
    expect(after).toBeLessThan(before * 0.7);
    expect(pooled.cv).toBeLessThan(replay(actualDay).cv);
  });
});
