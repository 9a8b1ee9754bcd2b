// The rollup store's scenarios, one set for every storage (SQLite RollupStore: server/adapters/rollup/
// rollup-store.test.ts; PgRollupStore: test/integration/postgres/rollup-store.pg.int.test.ts): the hour
// cells writeDay stores and readHourCells sums in SQL give exactly the cells folded from the stored
// 15-minute buckets, also after a day is written again (replaced, not added); the day level reads back with
// its typed wait arrays; the floor rows (issue #9) read back exactly; and the worker's side — marks,
// dirty days, pending, the days computed and when, the event span. One storage per run; each describe writes its own hall.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDayRange } from "../../contract/index.js";
import { DEMO_HALL_ID, demoHall, demoSimParams } from "../../simulator/demo-hall.js";
import { generateHallDay } from "../../simulator/generate-day.js";
import type { RollupQueue } from "../../server/adapters/rollup/rollup-runner.js";
import { hourCellsOf, type RollupReader } from "../../server/app/history-query.js";
import type { AppendItem } from "../../server/app/ports.js";
import { HallFacts } from "../../server/domain/hall-facts.js";
import { foldHourCells, type HourCells } from "../../server/domain/history/day-rollup.js";
import { floorDayOf, priorityComparison, type FloorDays } from "../../server/domain/history/floor-days.js";
import { computeRollup, type Rollup } from "../../server/domain/history/rollup.js";
import { at as fx, ev, factsOf, hallConfig } from "../../server/domain/test-fixtures.js";

/** What RollupStore and PgRollupStore share (SQLite writes and marks at once, PostgreSQL with a promise). */
export interface RollupStorePort extends RollupReader, RollupQueue {
  writeDay(hallId: string, day: string, from: number, to: number, rollup: Rollup, dirtyGen: number, now: number, tz: string, floor?: FloorDays): void | Promise<void>;
  readFloorDays(hallId: string, fromDay: string, toDay: string): Promise<FloorDays>;
}

export interface RollupStorage {
  store: RollupStorePort;
  /** Commits to the event log of the same storage. */
  append(items: AppendItem[]): Promise<void>;
  close(): Promise<void>;
}

const tz = demoHall.timezone;

/** Three simulated days of the demo hall, rolled up once per test file. */
export const HOUR_CELL_DAYS = ["2026-11-16", "2026-11-17", "2026-11-18"];
let hourCellRollups: Map<string, Rollup> | null = null;
function rollupsOfHourCellDays(): Map<string, Rollup> {
  if (hourCellRollups) return hourCellRollups;
  const facts = new HallFacts();
  for (const [i, day] of HOUR_CELL_DAYS.entries()) for (const e of generateHallDay({ hall: demoHall, hallId: DEMO_HALL_ID, date: day, seed: i + 3, params: demoSimParams })) facts.add(e);
  hourCellRollups = new Map(
    HOUR_CELL_DAYS.map((day) => {
      const { start, end } = localDayRange(day, tz);
      return [day, computeRollup(facts, demoHall, start, end)];
    }),
  );
  return hourCellRollups;
}

/** Writes (or writes again) the three days to `store` as `hallId`'s. */
export async function writeHourCellDays(store: Pick<RollupStorePort, "writeDay">, hallId: string): Promise<void> {
  for (const [day, rollup] of rollupsOfHourCellDays()) {
    const { start, end } = localDayRange(day, tz);
    await store.writeDay(hallId, day, start, end, rollup, 0, 0, tz);
  }
}

const local = (day: string, time: string) => Date.parse(`${day}T${time}:00+08:00`);
/** The period shapes the reads take different paths for. */
export const PERIODS: [string, number, number][] = [
  ["whole days", localDayRange("2026-11-16", tz).start, localDayRange("2026-11-18", tz).end],
  ["partial days at both ends", local("2026-11-16", "10:15"), local("2026-11-18", "14:45")],
  ["within one day", local("2026-11-17", "09:00"), local("2026-11-17", "12:30")],
];

/** Cells summed per key, in a fixed order, for comparison. */
export function summed(c: HourCells) {
  const w = new Map<string, [number, number]>();
  for (const x of c.windows) {
    const k = `${x.windowId} ${x.weekday} ${x.hour}`;
    const a = w.get(k) ?? [0, 0];
    w.set(k, [a[0] + x.openMs, a[1] + x.busyMs]);
  }
  const k = new Map<string, [number, number, number]>();
  for (const x of c.categories) {
    const key = `${x.categoryId} ${x.weekday} ${x.hour}`;
    const a = k.get(key) ?? [0, 0, 0];
    k.set(key, [a[0] + x.arrivals, a[1] + x.handleMsSum, a[2] + x.handleCount]);
  }
  return { windows: [...w].sort(), categories: [...k].sort() };
}

export function describeRollupStoreScenarios(open: () => Promise<RollupStorage>): void {
  let storage: RollupStorage;
  const store = () => storage.store;

  beforeAll(async () => {
    storage = await open();
  }, 180_000);

  afterAll(async () => {
    await storage?.close();
  });

  describe("RollupStore hour cells", () => {
    const HALL = DEMO_HALL_ID;
    beforeAll(() => writeHourCellDays(store(), HALL), 60_000);

    for (const [name, from, to] of PERIODS)
      it(`${name}: equal the cells folded from the stored buckets`, async () => {
        const got = summed(await hourCellsOf(store(), HALL, tz, from, to));
        expect(got).toEqual(summed(foldHourCells(await store().read(HALL, from, to), tz)));
        expect(got.windows.length).toBeGreaterThan(20);
        expect(got.categories.length).toBeGreaterThan(20);
      });

    it("a day written again replaces its cells", async () => {
      const whole = PERIODS[0] as [string, number, number];
      const before = summed(await hourCellsOf(store(), HALL, tz, whole[1], whole[2]));
      expect(before.windows.length).toBeGreaterThan(0); // something to replace
      await writeHourCellDays(store(), HALL);
      expect(summed(await hourCellsOf(store(), HALL, tz, whole[1], whole[2]))).toEqual(before);
    });

    it("reads the day level per hall, the waits as typed arrays", async () => {
      const days = await store().readDays(HALL, "2026-11-16", "2026-11-18");
      expect(days.waits[0]?.waits).toBeInstanceOf(Float64Array);
      expect(days.waits[0]?.hours).toBeInstanceOf(Uint8Array);
      expect(days.windows.length).toBeGreaterThan(5);
      expect(await store().readDays("another-hall", "2026-11-16", "2026-11-18")).toEqual({ windows: [], categories: [], hours: [], waits: [] });
    });
  });

  describe("RollupStore floor rows (issue #9)", () => {
    const HALL = "floor-hall";
    const days = ["2026-11-16", "2026-11-17"];
    const facts = new HallFacts();
    const computed: FloorDays[] = [];
    const write = async () => {
      computed.length = 0;
      for (const day of days) {
        const { start, end } = localDayRange(day, tz);
        const rollup = computeRollup(facts, demoHall, start, end);
        const floor = floorDayOf(facts, demoHall, day, start, end, end, rollup.waits);
        computed.push(floor);
        await store().writeDay(HALL, day, start, end, rollup, 0, 0, tz, floor);
      }
    };
    beforeAll(async () => {
      for (const [i, day] of days.entries()) for (const e of generateHallDay({ hall: demoHall, hallId: DEMO_HALL_ID, date: day, seed: i + 11, params: demoSimParams })) facts.add(e);
      await write();
    }, 60_000);
    const sortIdle = (rows: FloorDays["idle"]) => [...rows].map((r) => ({ ...r })).sort((a, b) => (a.day + a.windowId < b.day + b.windowId ? -1 : 1));

    it("stores each window-day's idle time and episodes and reads them back exactly", async () => {
      const stored = await store().readFloorDays(HALL, days[0] as string, days[1] as string);
      expect(sortIdle(stored.idle)).toEqual(sortIdle(computed.flatMap((d) => d.idle)));
      // A planted idle window of a small hall, beside the demo hall (rows are per hall).
      const hall = hallConfig();
      const idleFacts = factsOf([ev.opened(fx(9), "w1"), ev.issued(fx(9), "a", "c1"), ev.called(fx(9, 20), "a", "w1"), ev.completed(fx(9, 30), "a", "w1"), ev.issued(fx(10), "b", "c1")]);
      const { start, end } = localDayRange("2025-03-10", hall.timezone);
      const rollup = computeRollup(idleFacts, hall, start, end);
      await store().writeDay("idle-hall", "2025-03-10", start, end, rollup, 0, 0, hall.timezone, floorDayOf(idleFacts, hall, "2025-03-10", start, end, fx(10, 30), rollup.waits));
      expect((await store().readFloorDays("idle-hall", "2025-03-01", "2025-03-31")).idle).toEqual([{ day: "2025-03-10", windowId: "w1", idleMs: 40 * 60_000, episodes: 2 }]);
      expect((await store().readFloorDays("idle-hall", "2025-03-11", "2025-03-31")).idle).toEqual([]);
    });

    it("stores the waits by category and priority: the comparison read back equals the one computed", async () => {
      const stored = await store().readFloorDays(HALL, days[0] as string, days[1] as string);
      const all = computed.flatMap((d) => d.priority);
      expect(stored.priority.reduce((n, g) => n + g.waits.length, 0)).toBe(all.reduce((n, g) => n + g.waits.length, 0));
      expect(priorityComparison(stored.priority)).toEqual(priorityComparison(all));
      expect(new Set(stored.priority.map((g) => g.priority)).size).toBeGreaterThan(1);
    });

    it("a day written again replaces its floor rows", async () => {
      const before = await store().readFloorDays(HALL, days[0] as string, days[1] as string);
      expect(before.priority.length).toBeGreaterThan(0); // something to replace
      await write();
      const after = await store().readFloorDays(HALL, days[0] as string, days[1] as string);
      expect(sortIdle(after.idle)).toEqual(sortIdle(before.idle));
      expect(after.priority.length).toBe(before.priority.length);
    });
  });

  describe("RollupStore marks (the rollup worker's side)", () => {
    const HALL = "marks-hall";

    it("marks days, lists them oldest first, counts them pending, and clears a mark only for the generation computed", async () => {
      await store().markDays(HALL, ["2026-11-17", "2026-11-16"], 1000);
      await store().markDays(HALL, ["2026-11-17"], 2000);
      expect(await store().pending(HALL)).toBe(2);
      // Up to a day: a later marked day is neither counted nor listed (it has not begun).
      expect(await store().pending(HALL, "2026-11-16")).toBe(1);
      expect((await store().dirtyDays(50, "2026-11-16")).filter((d) => d.hallId === HALL).map((d) => d.day)).toEqual(["2026-11-16"]);
      const dirty = (await store().dirtyDays(50, "2026-11-17")).filter((d) => d.hallId === HALL);
      expect(dirty).toEqual([
        { hallId: HALL, day: "2026-11-16", dirtyGen: 1, dirtySince: 1000 },
        { hallId: HALL, day: "2026-11-17", dirtyGen: 2, dirtySince: 1000 },
      ]);
      const empty: Rollup = { windows: [], categories: [], waits: [] };
      const d16 = localDayRange("2026-11-16", tz);
      const d17 = localDayRange("2026-11-17", tz);
      await store().writeDay(HALL, "2026-11-16", d16.start, d16.end, empty, 1, 3000, tz);
      // Computed from generation 1 while the day was marked again (generation 2): stays marked.
      await store().writeDay(HALL, "2026-11-17", d17.start, d17.end, empty, 1, 3000, tz);
      expect(await store().pending(HALL)).toBe(1);
      await store().writeDay(HALL, "2026-11-17", d17.start, d17.end, empty, 2, 4000, tz);
      expect(await store().pending(HALL)).toBe(0);
      expect((await store().dirtyDays(50, "2026-11-17")).filter((d) => d.hallId === HALL)).toEqual([]);
      // When each day was last computed (a start marks those computed before their end), marked ones left out.
      expect(await store().computedSince(HALL, "2026-11-16")).toEqual([
        { day: "2026-11-16", computedAt: 3000 },
        { day: "2026-11-17", computedAt: 4000 },
      ]);
      expect(await store().computedSince(HALL, "2026-11-17")).toEqual([{ day: "2026-11-17", computedAt: 4000 }]);
      await store().markDays(HALL, ["2026-11-16"], 5000);
      expect(await store().computedSince(HALL, "2026-11-01")).toEqual([{ day: "2026-11-17", computedAt: 4000 }]);
    });

    it("finds a hall's first and last event time in the log", async () => {
      expect(await store().eventSpan(HALL)).toBeNull();
      const event = (id: string, ts: number): AppendItem => ({ kind: "event", hallId: HALL, event: { id, type: "ticket.issued", hallId: HALL, ts: new Date(ts).toISOString(), ticketId: id, ticketNo: "A001", categoryId: "c1", channel: "kiosk" }, tsMs: ts, receivedMs: ts, rollupDays: [] });
      const t0 = Date.parse("2026-11-16T09:00:00+08:00");
      await storage.append([event("e2", t0 + 3_600_000), event("e1", t0)]);
      expect(await store().eventSpan(HALL)).toEqual({ first: t0, last: t0 + 3_600_000 });
    });
  });
}
