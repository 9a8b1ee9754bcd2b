// Console views pushed after a publication read the hall's waiting tickets once for every console
// (register-staff-handlers.ts): each view must equal the one computed on its own, whatever the window, the
// moment and the queue — checked on a simulated busy demo-hall day at instants from opening to closing.
import { describe, expect, it } from "vitest";
import { startOfLocalDay, type HallEvent } from "../../contract/index.js";
import { DEMO_HALL_ID, demoHall, demoSimParams } from "../../simulator/demo-hall.js";
import { simulateHallDay } from "../../simulator/generate-day.js";
import { HallFacts } from "./hall-facts.js";
import { waitingTickets } from "./next-ticket.js";
import { computeStaffView } from "./staff-view.js";

const DATE = "2026-11-24";
const events = simulateHallDay({ hall: demoHall, hallId: DEMO_HALL_ID, date: DATE, seed: 7, scale: 2, params: demoSimParams }).events as HallEvent[];
const facts = new HallFacts();
for (const e of events) facts.add(e);
const allCategories = [...new Set([...demoHall.categories.map((c) => c.id), ...demoHall.windows.flatMap((w) => w.categories)])];

describe("computeStaffView with the hall's waiting list read once", () => {
  it("gives every window's view exactly as computed alone, at every half hour of a busy day", () => {
    const dayStart = startOfLocalDay(Date.parse(`${DATE}T04:00:00Z`), demoHall.timezone);
    let sawQueues = 0;
    for (let now = dayStart + 8 * 3_600_000; now <= dayStart + 18 * 3_600_000; now += 30 * 60_000) {
      const hallWaiting = waitingTickets(facts, allCategories, now);
      if (hallWaiting.length > 5) sawQueues++;
      for (const w of demoHall.windows) {
        const alone = computeStaffView(facts, demoHall, DEMO_HALL_ID, w.id, now, dayStart);
        const shared = computeStaffView(facts, demoHall, DEMO_HALL_ID, w.id, now, dayStart, null, hallWaiting);
        expect(shared).toEqual(alone);
      }
    }
    // The day had real queues to compare (not only empty halls).
    expect(sawQueues).toBeGreaterThan(5);
  });
});
