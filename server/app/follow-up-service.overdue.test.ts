// The overdue count the walls show: re-counted by the repository for the hall-local day of the count, and
// a burst of re-counts (a cluster notice per batch of poor ratings on another node) costs two counts — the
// one running and one after it — ending on the latest figure, the wall told only when it changed.
import { describe, expect, it } from "vitest";
import { memoryHalls } from "../../test/helpers/memory-halls.js";
import { oneWindowHall } from "../../test/helpers/hall-fixture.js";
import { officialCalendarYears } from "../adapters/calendar/official-calendar.js";
import { WorkingCalendar } from "../domain/calendar/working-calendar.js";
import { FollowUpService } from "./follow-up-service.js";
import { HallDirectory } from "./hall-directory.js";
import { scriptedLog } from "./load-retry.test-support.js";

// 2026-11-26 01:00 in Shanghai is 2026-11-25T17:00Z: the count must ask for the hall's date, not UTC's.
const NOW = Date.parse("2026-11-25T17:00:00Z");

describe("FollowUpService.refreshOverdue", () => {
  it("counts for the hall's local day, shares one count among calls made during one, and tells the wall only of a change", async () => {
    const directory = new HallDirectory(memoryHalls(new Map([["hall-a", oneWindowHall("甲")]])));
    await directory.load();
    const asked: string[] = [];
    let overdueNow = 3;
    let release: () => void = () => undefined;
    const changes: string[] = [];
    const followUps = new FollowUpService({
      clock: { now: () => NOW },
      log: scriptedLog({}),
      directory,
      calendar: () => new WorkingCalendar(officialCalendarYears()),
      repo: {
        openManyIfMissing: async () => 0,
        list: async () => [],
        countOverdue: async (hallId, today) => {
          asked.push(`${hallId} ${today}`);
          const n = overdueNow;
          await new Promise<void>((r) => (release = r));
          return n;
        },
        get: async () => null,
        transition: async () => false,
      },
      onChange: (hallId) => changes.push(hallId),
    });

    const first = followUps.refreshOverdue("hall-a");
    overdueNow = 5;
    const burst = Array.from({ length: 20 }, () => followUps.refreshOverdue("hall-a"));
    release();
    await first;
    expect(followUps.overdueCount("hall-a")).toBe(3);
    await new Promise((r) => setImmediate(r));
    release();
    await Promise.all(burst);
    expect(asked).toEqual(["hall-a 2026-11-26", "hall-a 2026-11-26"]);
    expect(followUps.overdueCount("hall-a")).toBe(5);
    // The first count set the figure (nothing known before it); the second changed it.
    expect(changes).toEqual(["hall-a"]);

    const same = followUps.refreshOverdue("hall-a");
    await new Promise((r) => setImmediate(r));
    release();
    await same;
    expect(asked).toHaveLength(3);
    expect(changes).toEqual(["hall-a"]);
  });
});
