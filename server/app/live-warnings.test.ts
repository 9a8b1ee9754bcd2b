// The live early warnings on the hand-planted surge of the domain's surge test (a steady hall whose c1
// arrivals jump at 10:00): the warning reaches the floor section in the contract's shape, is recomputed
// at most every 30 s, reads the history once per local day (again when a history day is recomputed) in
// the background — keeping the previous profile until a fresh read lands — and a hall without history —
// or without a history source — gets none.
import { describe, expect, it } from "vitest";
import type { FloorWarning, HallEvent, LoadView } from "../../contract/index.js";
import { addDays } from "../../simulator/local-time.js";
import { every, fifoDayEvents } from "../domain/forecast/fifo-day.js";
import { dayStartOf, historyRows } from "../domain/forecast/sim-fixtures.js";
import { HallFacts } from "../domain/hall-facts.js";
import { computeLoadView } from "../domain/load-view.js";
import type { HistoryArrivalRow } from "../domain/forecast/index.js";
import { HALL_ID, hallConfig, MINUTE, SECOND } from "../domain/test-fixtures.js";
import { LiveFloorCache } from "./live-floor.js";
import { LiveWarnings } from "./live-warnings.js";
import type { ArrivalHistoryReader } from "./ports.js";

const hall = hallConfig({ categories: ["c1", "c2"], windows: [{ id: "w1", categories: ["c1"] }, { id: "w2", categories: ["c1"] }, { id: "w3", categories: ["c2"] }], waitMinutes: 20 });
const TODAY = "2025-03-10"; // a Monday
const at = (date: string, h: number, m = 0) => dayStartOf(date) + (h * 60 + m) * MINUTE;

function day(date: string, surge: boolean): HallEvent[] {
  const c1 = surge
    ? [...every("c1", at(date, 8, 30), at(date, 10), 4 * MINUTE), ...every("c1", at(date, 10), at(date, 11), 1.5 * MINUTE), ...every("c1", at(date, 11), at(date, 17), 4 * MINUTE)]
    : every("c1", at(date, 8, 30), at(date, 17), 4 * MINUTE);
  const c2 = every("c2", at(date, 8, 40), at(date, 17), 30 * MINUTE);
  return fifoDayEvents({ hall, opens: at(date, 8, 30), closes: at(date, 17, 30), arrivals: [...c1, ...c2], serviceMs: 6 * MINUTE, prefix: date });
}

const HISTORY_DAYS = [1, 2, 3, 4].map((k) => addDays(TODAY, -7 * k));
const ROWS = historyRows(HISTORY_DAYS.map((date) => ({ date, events: day(date, false) })), hall);

/** An in-memory history source (the port), counting reads; `stampValue` stands for the rollup stamp. */
class FakeHistory implements ArrivalHistoryReader {
  reads = 0;
  stampValue = "s1";
  /** While set, reads wait for it (a slow database). */
  gate: Promise<void> | null = null;
  constructor(private readonly rows: HistoryArrivalRow[]) {}
  async sameWeekdayArrivals(_hallId: string, _day: string) {
    this.reads += 1;
    await this.gate;
    return { days: HISTORY_DAYS, rows: this.rows, handleSeconds: new Map<string, number>() };
  }
  async stamp() {
    return this.stampValue;
  }
}

/** A gate and its opener. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** The live state at each `now`: the day's events up to it folded in order, and the live view. */
function live(events: HallEvent[]) {
  const sorted = [...day(addDays(TODAY, -1), false), ...events].sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts));
  const facts = new HallFacts();
  let i = 0;
  return (now: number): { facts: HallFacts; view: LoadView } => {
    while (i < sorted.length && Date.parse((sorted[i] as HallEvent).ts) <= now) facts.add(sorted[i++] as HallEvent);
    return { facts, view: computeLoadView(facts, hall, { hallId: HALL_ID, from: now - 60 * MINUTE, to: now, live: true, dayStart: dayStartOf(TODAY) }) };
  };
}

/**
 * The warnings at `now` as the live view gets them once the history read they started (if any) landed:
 * get (which starts the background read), wait for it, get again at the same `now` (as the next flush
 * would) — the cached answer unless a fresh history asked for a recompute.
 */
async function settled(warnings: LiveWarnings, s: { facts: HallFacts; view: LoadView }, now: number): Promise<FloorWarning[]> {
  warnings.get(HALL_ID, s.facts, hall, s.view, now);
  await warnings.whenRead(HALL_ID);
  return warnings.get(HALL_ID, s.facts, hall, s.view, now);
}

describe("live early warnings", () => {
  it("warn of the planted surge in the contract's shape, recomputed every 30 s, history read once", async () => {
    const history = new FakeHistory(ROWS);
    const warnings = new LiveWarnings({ arrivals: history });
    const state = live(day(TODAY, true));
    let first: { now: number; w: ReturnType<LiveWarnings["get"]> } | null = null;
    for (let now = at(TODAY, 9, 30); now <= at(TODAY, 11) && !first; now += 30 * SECOND) {
      const w = await settled(warnings, state(now), now);
      if (w.length > 0) first = { now, w };
    }
    expect(first).not.toBeNull();
    const w = first?.w[0];
    expect(w?.categoryId).toBe("c1");
    expect(w?.targetMinutes).toBe(20);
    expect(w?.predictedWaitMinutes).toBeGreaterThan(20);
    expect(Date.parse(w?.expectedBreachAt as string)).toBeGreaterThan(first?.now as number);
    expect(w?.openWindows).toEqual(["w1", "w2"]);
    expect(w?.forecastArrivals?.expected).toBeGreaterThan(0);
    expect(Object.keys(w ?? {}).sort()).toEqual(["categoryId", "expectedBreachAt", "forecastArrivals", "helperWindowId", "openWindows", "predictedWaitMinutes", "targetMinutes"]);
    // The same local day and stamp: the history was read once.
    expect(history.reads).toBe(1);
    // A history day recomputed: read again at the next run.
    history.stampValue = "s2";
    const next = (first?.now as number) + 30 * SECOND;
    warnings.get(HALL_ID, state(next).facts, hall, state(next).view, next);
    await warnings.whenRead(HALL_ID);
    expect(history.reads).toBe(2);
  });

  it("serve the same warnings for 30 s, whatever changes meanwhile", async () => {
    const warnings = new LiveWarnings({ arrivals: new FakeHistory(ROWS) });
    const state = live(day(TODAY, true));
    const t0 = at(TODAY, 10, 30);
    const a = await settled(warnings, state(t0), t0);
    const t1 = t0 + 29 * SECOND;
    expect(warnings.get(HALL_ID, state(t1).facts, hall, state(t1).view, t1)).toBe(a);
    const t2 = t0 + 30 * SECOND;
    expect(warnings.get(HALL_ID, state(t2).facts, hall, state(t2).view, t2)).not.toBe(a);
  });

  it("raise nothing on the steady day, for a hall without history, or without a history source", async () => {
    const steadyHistory = new FakeHistory(ROWS);
    const noHistory = new FakeHistory([]);
    const steady = new LiveWarnings({ arrivals: steadyHistory });
    const none = new LiveWarnings({ arrivals: noHistory });
    const unwired = new LiveWarnings();
    const calm = live(day(TODAY, false));
    const surge = live(day(TODAY, true));
    for (let now = at(TODAY, 8); now <= at(TODAY, 12); now += 5 * MINUTE) {
      expect(await settled(steady, calm(now), now)).toEqual([]);
      const s = surge(now);
      expect(await settled(none, s, now)).toEqual([]);
      expect(await settled(unwired, s, now)).toEqual([]);
    }
    // The quiet answers came from a history that was read, not from one still on its way.
    expect(steadyHistory.reads).toBe(1);
    expect(noHistory.reads).toBe(1);
  });

  it("report a failing forecast and show no warning rather than breaking the live view", async () => {
    const errors: string[] = [];
    const broken: ArrivalHistoryReader = {
      sameWeekdayArrivals: () => Promise.reject(new Error("disk gone")),
      stamp: async () => "x",
    };
    const warnings = new LiveWarnings({ arrivals: broken, onWarningError: (hallId, err) => errors.push(`${hallId}: ${(err as Error).message}`) });
    const s = live(day(TODAY, true))(at(TODAY, 10, 30));
    expect(await settled(warnings, s, at(TODAY, 10, 30))).toEqual([]);
    expect(errors).toEqual([`${HALL_ID}: disk gone`]);
  });

  it("read the history in the background: none before the first read lands, the previous profile until a fresh one does", async () => {
    const history = new FakeHistory(ROWS);
    const landed: string[] = [];
    const warnings = new LiveWarnings({ arrivals: history, onHistoryRead: (hallId) => landed.push(hallId) });
    const state = live(day(TODAY, true));
    const t0 = at(TODAY, 10, 20);
    const slow = gate();
    history.gate = slow.promise;
    expect(warnings.get(HALL_ID, state(t0).facts, hall, state(t0).view, t0)).toEqual([]);
    // A run while the read is on its way starts no second read.
    const t1 = t0 + 30 * SECOND;
    expect(warnings.get(HALL_ID, state(t1).facts, hall, state(t1).view, t1)).toEqual([]);
    expect(history.reads).toBe(1);
    slow.open();
    await warnings.whenRead(HALL_ID);
    expect(landed).toEqual([HALL_ID]);
    // The fresh history is used at once, not after the rest of the 30 s.
    const w1 = warnings.get(HALL_ID, state(t1).facts, hall, state(t1).view, t1);
    expect(w1.map((w) => w.categoryId)).toEqual(["c1"]);
    await warnings.whenRead(HALL_ID); // that run's check of the stamp: unchanged, nothing read
    expect(history.reads).toBe(1);
    // A history day recomputed: while the new read is on its way the previous profile still warns.
    history.stampValue = "s2";
    const again = gate();
    history.gate = again.promise;
    const t2 = t1 + 30 * SECOND;
    expect(warnings.get(HALL_ID, state(t2).facts, hall, state(t2).view, t2).map((w) => w.categoryId)).toEqual(["c1"]);
    await expect.poll(() => history.reads).toBe(2);
    again.open();
    await warnings.whenRead(HALL_ID);
    expect(landed).toEqual([HALL_ID, HALL_ID]);
  });

  it("drop a read that lands after the hall was forgotten (its configuration changed)", async () => {
    const history = new FakeHistory(ROWS);
    const landed: string[] = [];
    const warnings = new LiveWarnings({ arrivals: history, onHistoryRead: (hallId) => landed.push(hallId) });
    const s = live(day(TODAY, true))(at(TODAY, 10, 20));
    const slow = gate();
    history.gate = slow.promise;
    warnings.get(HALL_ID, s.facts, hall, s.view, at(TODAY, 10, 20));
    const pending = warnings.whenRead(HALL_ID);
    warnings.forget(HALL_ID);
    slow.open();
    await pending;
    expect(landed).toEqual([]);
    // The next run reads afresh for the new configuration.
    history.gate = null;
    expect((await settled(warnings, s, at(TODAY, 10, 20))).map((w) => w.categoryId)).toEqual(["c1"]);
    expect(history.reads).toBe(2);
  });
});

describe("the floor section's warnings", () => {
  it("carries the warnings with the idle windows and waits; a configuration change starts over", async () => {
    const cache = new LiveFloorCache({ arrivals: new FakeHistory(ROWS) });
    const state = live(day(TODAY, true));
    const now = at(TODAY, 10, 20);
    const { facts, view } = state(now);
    // The first section starts the history read; once it lands the section is recomputed at the next call.
    expect(cache.get(HALL_ID, facts, hall, now, view).warnings).toEqual([]);
    await cache.whenHistoryRead(HALL_ID);
    const floor = cache.get(HALL_ID, facts, hall, now, view);
    expect(floor.warnings.map((w) => w.categoryId)).toEqual(["c1"]);
    expect(floor.waits.map((w) => w.categoryId)).toEqual(["c1", "c2"]);
    // Without the view (no caller has one) the section keeps the warnings it has.
    expect(cache.get(HALL_ID, facts, hall, now + 6 * SECOND).warnings).toEqual(floor.warnings);
    cache.forget(HALL_ID);
    expect(cache.get(HALL_ID, facts, hall, now + 7 * SECOND).warnings).toEqual([]);
  });
});
