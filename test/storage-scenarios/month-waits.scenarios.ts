// Month rows of waits (issue #8), one set of scenarios for every storage (SQLite RollupStore:
// server/adapters/rollup/rollup-store.test.ts; PgRollupStore: test/integration/postgres/rollup-store.pg.int.test.ts):
// a read by month gives every grouping's figures of the same read by day; a day written again is read again
// by month (the month is joined in the day's transaction); GET /history answers as from the days alone,
// for whole and partial days; a database from before month rows reads its
// days until buildMissingMonths has joined them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HISTORY_GROUPS, localDayRange } from "../../contract/index.js";
import { demoHall } from "../../simulator/demo-hall.js";
import { historyOf, type RollupReader } from "../../server/app/history-query.js";
import { aggregateDays } from "../../server/domain/history/aggregate-days.js";
import { priorityComparison, type FloorDays, type FloorHistory } from "../../server/domain/history/floor-days.js";
import type { Rollup, WaitSample } from "../../server/domain/history/rollup.js";
import type { RollupStorePort } from "./rollup-store.scenarios.js";

export interface MonthWaitStorage {
  store: RollupStorePort & {
    buildMissingMonths(now: number): number | Promise<number>;
    readFloorDays(hallId: string, fromDay: string, toDay: string, byMonth?: boolean): Promise<FloorHistory>;
  };
  /** Deletes every month row and mark, as in a database from before them. */
  forgetMonths(): Promise<void>;
  close(): Promise<void>;
}

const HALL = "month-hall";
const tz = demoHall.timezone;
const FIRST = "2026-01-30";
const LAST = "2026-03-02";
/** Every day from FIRST to LAST: a whole February between two partial months. */
const DAYS = Array.from({ length: 32 }, (_, i) => new Date(Date.UTC(2026, 0, 30 + i)).toISOString().slice(0, 10));
const from = localDayRange(FIRST, tz).start;
const to = localDayRange(LAST, tz).end;
const categories = demoHall.categories.map((c) => c.id).slice(0, 2);
const windows = demoHall.windows.map((w) => w.id).slice(0, 3);

/** A day's wait samples (a few per day, hours and waits varying by day) and its floor rows. */
function dayOf(day: string, extraWaitMs: number | null = null): { rollup: Rollup; floor: FloorDays } {
  const start = localDayRange(day, tz).start;
  const n = 3 + (Number(day.slice(8)) % 5);
  const waits: WaitSample[] = Array.from({ length: n }, (_, i) => ({
    ticketId: `${day}-${i}`,
    bucket: start + (8 + ((i * 3) % 9)) * 3_600_000 + (i % 4) * 900_000,
    categoryId: categories[i % categories.length] as string,
    windowId: windows[i % windows.length] as string,
    waitMs: ((Number(day.slice(8)) * 7_919 + i * 104_729) % 3_600) * 1000,
  }));
  if (extraWaitMs !== null) waits.push({ ticketId: `${day}-extra`, bucket: start + 10 * 3_600_000, categoryId: categories[0] as string, windowId: windows[0] as string, waitMs: extraWaitMs });
  const priority = new Map<string, FloorDays["priority"][number] & { waits: number[] }>();
  for (const [i, s] of waits.entries()) {
    const p = i % 3 === 0 ? "green" : "normal";
    const key = `${s.categoryId} ${p}`;
    if (!priority.has(key)) priority.set(key, { day, categoryId: s.categoryId, priority: p, waits: [] });
    priority.get(key)?.waits.push(s.waitMs);
  }
  return { rollup: { windows: [], categories: [], waits }, floor: { idle: [], priority: [...priority.values()].map((g) => ({ ...g, waits: g.waits.sort((a, b) => a - b) })) } };
}

export function describeMonthWaitScenarios(open: () => Promise<MonthWaitStorage>): void {
  let storage: MonthWaitStorage;
  const store = () => storage.store;

  async function write(day: string, extraWaitMs: number | null = null): Promise<void> {
    const { start, end } = localDayRange(day, tz);
    const { rollup, floor } = dayOf(day, extraWaitMs);
    await store().writeDay(HALL, day, start, end, rollup, 0, 1, tz, floor);
  }

  /** Every grouping's figures and the priority comparison, read by month and by day: they must be equal. */
  async function bothWays() {
    const byMonth = await store().readDays(HALL, FIRST, LAST, true);
    const byDay = await store().readDays(HALL, FIRST, LAST);
    const figures = (d: typeof byDay) => HISTORY_GROUPS.map((groupBy) => aggregateDays(d, demoHall, { from, to, groupBy }));
    const priority = async (month: boolean) => priorityComparison((await store().readFloorDays(HALL, FIRST, LAST, month)).priority);
    return { byMonth, byDay, monthFigures: figures(byMonth), dayFigures: figures(byDay), monthPriority: await priority(true), dayPriority: await priority(false) };
  }

  beforeAll(async () => {
    storage = await open();
    for (const day of DAYS) await write(day);
  }, 180_000);

  afterAll(async () => {
    await storage?.close();
  });

  describe("month rows of waits (issue #8)", () => {
    it("read a whole month by month, with every figure of its days", async () => {
      const r = await bothWays();
      expect(r.byMonth.monthWaits?.length).toBeGreaterThan(0);
      expect(new Set(r.byMonth.monthWaits?.map((m) => m.month))).toEqual(new Set(["2026-02"]));
      // The partial months' days stay day groups; February's are not read twice.
      expect(new Set(r.byMonth.waits.map((g) => g.day.slice(0, 7)))).toEqual(new Set(["2026-01", "2026-03"]));
      const count = (d: typeof r.byDay) => d.waits.reduce((n, g) => n + g.waits.length, 0) + (d.monthWaits ?? []).reduce((n, g) => n + g.waits.length, 0);
      expect(count(r.byMonth)).toBe(count(r.byDay));
      expect(r.monthFigures).toEqual(r.dayFigures);
      expect(r.monthPriority).toEqual(r.dayPriority);
      expect(r.dayPriority.length).toBeGreaterThan(0);
    });

    it("give GET /history the answers of a reader by day, for whole and partial days", async () => {
      const s = store();
      // The same store with month rows ignored: every wait read from its day.
      const byDayOnly: RollupReader = {
        read: (h, a, b) => s.read(h, a, b),
        readDays: (h, a, b) => s.readDays(h, a, b),
        readHourCells: (h, a, b) => s.readHourCells(h, a, b),
        pending: (h) => s.pending(h),
        readFloorDays: (h, a, b) => s.readFloorDays(h, a, b),
      };
      const partialFrom = from + 10 * 3_600_000;
      const partialTo = to - 13 * 3_600_000;
      for (const [a, b] of [[from, to], [partialFrom, partialTo]] as const)
        for (const groupBy of HISTORY_GROUPS) {
          const answer = await historyOf(s, HALL, demoHall, a, b, groupBy);
          expect(answer.rows.length).toBeGreaterThan(0);
          expect(answer).toEqual(await historyOf(byDayOnly, HALL, demoHall, a, b, groupBy));
        }
    });

    it("read a day written again by month at once", async () => {
      const longest = (figures: Awaited<ReturnType<typeof bothWays>>["monthFigures"]) => Math.max(...(figures[0]?.rows ?? []).map((row) => row.waitMaxSeconds ?? 0));
      expect(longest((await bothWays()).monthFigures)).toBeLessThan(5_000);
      await write("2026-02-10", 9_000_000);
      const r = await bothWays();
      expect(longest(r.monthFigures)).toBe(9_000);
      expect(r.monthFigures).toEqual(r.dayFigures);
      expect(r.monthPriority).toEqual(r.dayPriority);
    });

    it("read an older database's days until its months are built, then by month", async () => {
      await storage.forgetMonths();
      const before = await bothWays();
      expect(before.byMonth.monthWaits ?? []).toEqual([]);
      expect(before.byMonth.waits.some((g) => g.day.startsWith("2026-02"))).toBe(true);
      expect(before.monthFigures).toEqual(before.dayFigures);
      expect(await store().buildMissingMonths(2)).toBeGreaterThanOrEqual(3); // January, February, March at least
      expect(await store().buildMissingMonths(3)).toBe(0);
      const after = await bothWays();
      expect(new Set(after.byMonth.monthWaits?.map((m) => m.month))).toEqual(new Set(["2026-02"]));
      expect(after.monthFigures).toEqual(before.dayFigures);
      expect(after.monthPriority).toEqual(before.dayPriority);
    });
  });
}
