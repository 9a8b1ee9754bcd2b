// The received-events reader's scenarios, one set for every storage (SQLite: server/adapters/sqlite/
// received-events.test.ts; PostgreSQL: test/integration/postgres/received-events.pg.int.test.ts): one
// hall-local day's events with their receive times — the day, the context before it (12 h and each
// window's state), receivedMs as stored — and the data-quality answer built from them (floor-quality use
// case): each impossible sequence once, skew, gaps, lateness, worst first.
// One storage per run (PostgreSQL is migrated once per file); each test writes and reads its own hall.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HallEvent } from "../../contract/index.js";
import { dataQualityOf } from "../../server/app/floor-quality-data.js";
import type { AppendItem, ReceivedEventReader } from "../../server/app/ports.js";
import { at, ev, hallConfig, HOUR, MINUTE } from "../../server/domain/test-fixtures.js";
import { logItems } from "./storages.js";

export interface ReceivedEventsStorage {
  reader: ReceivedEventReader;
  /** Commits to the event log the reader reads. */
  append(items: AppendItem[]): Promise<void>;
  close(): Promise<void>;
}

/** Stores events of `hallId` as received `delayMs` after their own time. */
export type StoreEvents = (hallId: string, events: HallEvent[], delayMs?: number) => Promise<void>;

const dev = <E extends HallEvent>(e: E, deviceId: string, seq: number): E => ({ ...e, deviceId, seq });
const ids = (events: { event: HallEvent }[]) => events.map((r) => r.event.id);

/** The day read: [DAY_FROM, DAY_TO). */
export const DAY_FROM = at(0);
export const DAY_TO = at(24);

/** Two windows' history from two days back, tickets before, inside and after the day, one call received late. */
export async function storeDayWithContext(store: StoreEvents, hallId: string): Promise<void> {
  await store(hallId, [
    ev.opened(at(-30), "w1", "w1-open"), // two days' worth before: only as w1's state
    ev.paused(at(-29), "w1", "w1-pause"),
    ev.resumed(at(-28), "w1", "w1-resume"),
    ev.opened(at(-40), "w2", "w2-open"),
    ev.closed(at(-39), "w2", "w2-close"),
    ev.issued(at(-13), "old", "c1", "OLD", "too-early"),
    ev.issued(at(-3), "t0", "c1", "T0", "evening"),
    ev.issued(at(9), "t1", "c1", "T1", "morning"),
    ev.called(at(24), "t1", "w1", "next-day"),
  ]);
  await store(hallId, [ev.called(at(9, 5), "t0", "w1", "slow")], 3 * MINUTE);
}

/** The day judged by storeQualityDay's scenario, and when it is judged. */
export const QUALITY_DAY = "2025-03-10";
export const QUALITY_NOW = at(24) + HOUR;

/** One issue of every kind on 2025-03-10, on two devices, among ordinary work. */
export async function storeQualityDay(store: StoreEvents, hallId: string): Promise<void> {
  // Yesterday evening w1 opened and t0 was issued: today's service and call are normal.
  await store(hallId, [ev.opened(at(-2), "w1", "open-w1"), ev.issued(at(-1), "t0", "c1", "T0", "iss-t0")]);
  await store(hallId, [
    dev(ev.called(at(9), "t0", "w1", "call-t0"), "k1", 1),
    dev(ev.started(at(9, 1), "t0", "w1", "start-t0"), "k1", 2),
    dev(ev.completed(at(9, 9), "t0", "w1", "done-t0"), "k1", 3),
    // completed without start (and repeated: one issue)
    dev(ev.completed(at(9, 20), "t9", "w1", "done-t9"), "k1", 4),
    dev(ev.completed(at(9, 21), "t9", "w1", "done-t9b"), "k1", 5),
    // seq 6 and 7 never arrive: a gap of 2
    dev(ev.called(at(9, 30), "t2", "w1", "call-t2"), "k1", 8), // call before issue
    dev(ev.issued(at(9, 31), "t2", "c1", "T2", "iss-t2"), "k1", 9),
  ]);
  // w2 never opened: a service on a closed window; its terminal's clock runs 10 minutes fast.
  await store(hallId, [dev(ev.started(at(10, 10), "t3", "w2", "start-t3"), "k2", 1), dev(ev.completed(at(10, 20), "t3", "w2", "done-t3"), "k2", 2)], -10 * MINUTE);
  // Ordinary work on k1 (seq 11–42), so that its figures are only partly in doubt.
  const ordinary: HallEvent[] = [];
  for (let i = 0; i < 8; i++) {
    const t = `n${i}`;
    const m = 12 * 60 + i * 10;
    ordinary.push(ev.issued(at(0, m), t, "c1"), ev.called(at(0, m + 2), t, "w1"), ev.started(at(0, m + 3), t, "w1"), ev.completed(at(0, m + 8), t, "w1"));
  }
  await store(hallId, ordinary.map((e, i) => dev(e, "k1", 11 + i)));
  // A late event on k1: received 30 minutes after its time.
  await store(hallId, [dev(ev.issued(at(11), "t4", "c1", "T4", "iss-t4"), "k1", 10)], 30 * MINUTE);
}

export function describeReceivedEventsScenarios(open: () => Promise<ReceivedEventsStorage>): void {
  let storage: ReceivedEventsStorage;
  const store: StoreEvents = (hallId, events, delayMs = 0) => storage.append(logItems(hallId, events, delayMs));

  beforeAll(async () => {
    storage = await open();
  }, 180_000);

  afterAll(async () => {
    await storage?.close();
  });

  describe("the events of a day with their receive times", () => {
    it("returns the day, the 12 hours before it and each window's last state before those", async () => {
      const HALL = "h-day";
      await storeDayWithContext(store, HALL);
      const rows = await storage.reader.forPeriod(HALL, DAY_FROM, DAY_TO);
      expect(ids(rows)).toEqual(["w1-resume", "w2-close", "evening", "morning", "slow"]);
      expect(rows.find((r) => r.event.id === "slow")?.receivedMs).toBe(at(9, 8));
      expect(await storage.reader.forPeriod(`${HALL}-2`, DAY_FROM, DAY_TO)).toEqual([]);
    });
  });

  describe("the data-quality answer of a day", () => {
    it("counts each impossible sequence once, a skewed clock, a seq gap and a late event, worst subject first", async () => {
      const HALL = "h-quality";
      await storeQualityDay(store, HALL);
      const answer = await dataQualityOf(storage.reader, HALL, hallConfig(), QUALITY_DAY, QUALITY_NOW);
      const kinds = answer.issues.map((i) => [i.kind, i.eventId]);
      expect(kinds).toEqual([
        ["completed_without_start", "done-t9"],
        ["call_before_issue", "call-t2"],
        ["seq_gap", "call-t2"],
        ["service_on_closed_window", "start-t3"],
        ["clock_skew", "start-t3"], // by the device's first event
        ["late_event", "iss-t4"],
      ]);
      expect(answer.totalIssues).toBe(6);
      expect(answer.issues.find((i) => i.kind === "seq_gap")).toMatchObject({ amount: 2, deviceId: "k1", ts: new Date(at(9, 30)).toISOString() });
      expect(answer.pending).toBe(0);
      expect(answer.devices.map((d) => d.id)).toEqual(["k2", "k1"]); // k2: a skewed clock and a closed-window service
      const k1 = answer.devices.find((d) => d.id === "k1");
      expect(k1).toMatchObject({ events: 40, missing: 2, skewMs: null, grade: "distrust" });
      expect(k1?.score).toBeGreaterThan(0);
      expect(k1?.counts).toEqual({ completed_without_start: 1, call_before_issue: 1, service_on_closed_window: 0, clock_skew: 0, seq_gap: 1, late_event: 1 });
      const k2 = answer.devices.find((d) => d.id === "k2");
      expect(k2?.counts.service_on_closed_window).toBe(1);
      expect(k2?.skewMs).toBe(10 * MINUTE);
      expect(k2).toMatchObject({ grade: "distrust", score: 0 });
      expect(answer.windows.map((w) => w.id)).toEqual(["w2", "w1"]);
    });

    it("holds back an issue whose event arrived less than 10 minutes ago", async () => {
      const HALL = "h-pending";
      await store(HALL, [ev.opened(at(8), "w1"), ev.completed(at(9), "t1", "w1", "done")]);
      expect(await dataQualityOf(storage.reader, HALL, hallConfig(), "2025-03-10", at(9, 5))).toMatchObject({ issues: [], pending: 1, totalIssues: 0 });
      expect(await dataQualityOf(storage.reader, HALL, hallConfig(), "2025-03-10", at(9, 10))).toMatchObject({ pending: 0, totalIssues: 1 });
    });
  });
}
