// The follow-up backfill after a start goes a hall at a time through the queue of the live cases: a poor
// evaluation arriving while one hall's 120 days are read gets its case before the next hall is read, not
// after every hall's; a hall whose read fails does not stop the others; and the rating is left to the log's query.
import { describe, expect, it } from "vitest";
import type { HallEvent } from "../../contract/index.js";
import { memoryHalls } from "../../test/helpers/memory-halls.js";
import { oneWindowHall } from "../../test/helpers/hall-fixture.js";
import { officialCalendarYears } from "../adapters/calendar/official-calendar.js";
import { WorkingCalendar } from "../domain/calendar/working-calendar.js";
import { FollowUpService } from "./follow-up-service.js";
import { HallDirectory } from "./hall-directory.js";
import { scriptedLog, sleep } from "./load-retry.test-support.js";

const NOW = Date.parse("2026-11-26T03:00:00Z");
const calendar = new WorkingCalendar(officialCalendarYears());

const poor = (hallId: string, id: string, daysAgo: number): HallEvent =>
  ({ id, hallId, type: "evaluation.submitted", ts: new Date(NOW - daysAgo * 86_400_000).toISOString(), ticketId: `t-${id}`, windowId: "w1", rating: 1 }) as HallEvent;

async function service(failing: string | null = null, readsHoldEventLoop = true) {
  const directory = new HallDirectory(memoryHalls(new Map([["hall-a", oneWindowHall("甲")], ["hall-b", oneWindowHall("乙")]])));
  await directory.load();
  const inLog = [poor("hall-a", "a-old", 30), poor("hall-b", "b-old", 40)];
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const opened: string[] = [];
  const reads: { hallId: string; maxRating: number; since: number; before: number | undefined }[] = [];
  const log = scriptedLog({
    readsHoldEventLoop,
    evaluationsRatedAtMost: async (hallId, maxRating, since, before) => {
      reads.push({ hallId, maxRating, since, before });
      if (hallId === failing) throw new Error(`${hallId} unreadable`);
      if (hallId === "hall-a") await gate;
      return inLog.filter((e) => e.hallId === hallId && Date.parse(e.ts) >= since && (before === undefined || Date.parse(e.ts) < before));
    },
    eventsOfTicket: async () => [],
  });
  const followUps = new FollowUpService({
    clock: { now: () => NOW },
    log,
    directory,
    calendar: () => calendar,
    repo: {
      openManyIfMissing: async (cases) => {
        opened.push(...cases.map((c) => c.evaluationEventId));
        return cases.length;
      },
      list: async () => [],
      countOverdue: async () => 0,
      get: async () => null,
      transition: async () => false,
    },
    onChange: () => undefined,
  });
  return { followUps, opened, release, reads };
}

describe("FollowUpService.backfill", () => {
  it("lets a live case in between two halls' reads", async () => {
    const s = await service();
    const backfill = s.followUps.backfill();
    await sleep(20); // hall A's read is waiting on the log
    s.followUps.onEvents("hall-b", [poor("hall-b", "b-live", 0)]);
    s.release();
    await backfill;
    await sleep(20);
    expect(s.opened).toEqual(["a-old", "b-live", "b-old"]);
  });

  it("asks for the poor evaluations a day at a time where reads hold the event loop, in one query a hall where not", async () => {
    const sqliteLike = await service(null, true);
    sqliteLike.release();
    await sqliteLike.followUps.backfill();
    const perHall = (reads: { hallId: string }[]) => reads.filter((r) => r.hallId === "hall-b").length;
    expect(perHall(sqliteLike.reads)).toBe(121); // 120 days, and the open-ended slice after now
    expect(sqliteLike.opened).toEqual(["a-old", "b-old"]);

    const postgresLike = await service(null, false);
    postgresLike.release();
    await postgresLike.followUps.backfill();
    expect(postgresLike.reads).toEqual([
      { hallId: "hall-a", maxRating: 2, since: NOW - 120 * 86_400_000, before: undefined },
      { hallId: "hall-b", maxRating: 2, since: NOW - 120 * 86_400_000, before: undefined },
    ]);
    expect(postgresLike.opened).toEqual(["a-old", "b-old"]);
  });

  it("reads every hall when one fails, then reports the failure", async () => {
    const s = await service("hall-a");
    await expect(s.followUps.backfill()).rejects.toThrow("hall-a unreadable");
    expect(s.opened).toEqual(["b-old"]);
  });
});
