// Test support only (imported by server/domain/forecast/*.test.ts, never by production code): a small
// simulated hall, its history as rollup rows, and a replay of a simulated day through the early warning
// every few minutes, as server/app would call it.
import { parseIsoTimestamp, startOfLocalDay, type HallConfig, type HallEvent } from "../../../contract/index.js";
import { simulateHallDay } from "../../../simulator/generate-day.js";
import { addDays } from "../../../simulator/local-time.js";
import type { HallSimParams } from "../../../simulator/sim-params.js";
import { HallFacts } from "../hall-facts.js";
import { computeRollup } from "../history/rollup.js";
import { computeLoadView } from "../load-view.js";
import { waitingTickets } from "../next-ticket.js";
import { buildArrivalProfile, type ArrivalProfile, type HistoryArrivalRow } from "./arrival-profile.js";
import { earlyWarnings, type EarlyWarningInput, type EarlyWarningResult } from "./early-warning.js";
import type { WarningMemory } from "./warning-state.js";

export const MIN = 60_000;
export const HALL_ID = "fc-hall";

/** Three departments, a comprehensive window that serves only civil affairs (cold, may help anyone). */
export const HALL: HallConfig = {
  name: "预警测试大厅",
  timezone: "Asia/Shanghai",
  categories: [
    { id: "permit", name: "许可", itemCodes: [] },
    { id: "tax", name: "税务", itemCodes: [] },
    { id: "civil", name: "民政", itemCodes: [] },
  ],
  windows: [
    { id: "w1", name: "1号", department: "市场局", categories: ["permit"] },
    { id: "w2", name: "2号", department: "市场局", categories: ["permit"] },
    { id: "w3", name: "3号", department: "税务局", categories: ["tax"] },
    { id: "w4", name: "4号", department: "税务局", categories: ["tax"] },
    { id: "w5", name: "5号", department: "民政局", categories: ["civil"] },
    { id: "w6", name: "6号", department: "行政审批服务局", categories: ["civil"], comprehensive: true },
  ],
  targets: { waitMinutes: 30 },
};

const category = (prefix: string, demandWeight: number, meanHandleSeconds: number, boost?: number) => ({
  prefix, demandWeight, meanHandleSeconds, handleCv: 0.5, needsMaterialsShare: 0.05, acceptedShare: 0.1, rejectedShare: 0.01,
  materials: ["申请表"], transferTo: [], returnShare: 0,
  ...(boost !== undefined ? { demandBoosts: [{ daysOfMonth: [1, 31] as [number, number], factor: boost }] } : {}),
});

/** Demand well inside capacity: every window open, both lunch-duty windows cover two departments. */
export function params(permitBoost?: number): HallSimParams {
  return {
    dailyTickets: 150,
    categories: { permit: category("A", 60, 360, permitBoost), tax: category("B", 60, 300), civil: category("C", 30, 300) },
    departments: { 市场局: { typicalOpenWindows: 2 }, 税务局: { typicalOpenWindows: 2 }, 民政局: { typicalOpenWindows: 1 }, 行政审批服务局: { typicalOpenWindows: 1 } },
    lunchDutyWindows: ["w1", "w3", "w5"],
    saturdayWindows: [],
  };
}

export function simDay(date: string, seed: number, permitBoost?: number): HallEvent[] {
  return simulateHallDay({ hall: HALL, hallId: HALL_ID, date, seed, params: params(permitBoost) }).events;
}

export const ts = (e: HallEvent) => parseIsoTimestamp(e.ts) as number;
export const dayStartOf = (date: string) => startOfLocalDay(Date.parse(`${date}T12:00:00+08:00`), HALL.timezone);

/** The category rollup rows of the given days, computed by the history module itself. */
export function historyRows(days: { date: string; events: HallEvent[] }[], hall: HallConfig = HALL): HistoryArrivalRow[] {
  return days.flatMap(({ date, events }) => {
    const facts = new HallFacts();
    for (const e of events) facts.add(e);
    const from = dayStartOf(date);
    return computeRollup(facts, hall, from, from + 24 * 60 * MIN).categories;
  });
}

/** The last `weeks` same weekdays before `date` (simulated with `seed`), as a profile. */
export function sameWeekdayProfile(date: string, weeks: number, seed: number): ArrivalProfile {
  const days = Array.from({ length: weeks }, (_, i) => addDays(date, -7 * (i + 1))).map((d) => ({ date: d, events: simDay(d, seed) }));
  return buildArrivalProfile(historyRows(days), HALL.categories.map((c) => c.id), HALL.timezone);
}

export interface Step {
  now: number;
  result: EarlyWarningResult;
}

/**
 * Feeds the day's events in time order and asks for warnings every `stepMinutes` from `fromMinute` to
 * `toMinute` (local minutes of the day), carrying the memory like the caller would.
 */
export interface ReplayOptions {
  hall?: HallConfig;
  stepMinutes?: number;
  fromMinute?: number;
  toMinute?: number;
  /** Earlier events (yesterday) the live state would hold too. */
  prior?: HallEvent[];
  extra?: Partial<EarlyWarningInput>;
}

export function replayDay(events: HallEvent[], date: string, profile: ArrivalProfile, opts: ReplayOptions = {}): Step[] {
  const hall = opts.hall ?? HALL;
  const sorted = [...(opts.prior ?? []), ...events].sort((a, b) => ts(a) - ts(b));
  const facts = new HallFacts();
  const start = dayStartOf(date);
  let i = 0;
  let memory: WarningMemory | undefined;
  const steps: Step[] = [];
  for (let m = opts.fromMinute ?? 8 * 60; m <= (opts.toMinute ?? 18 * 60); m += opts.stepMinutes ?? 5) {
    const now = start + m * MIN;
    while (i < sorted.length && ts(sorted[i] as HallEvent) <= now) facts.add(sorted[i++] as HallEvent);
    const view = computeLoadView(facts, hall, { hallId: HALL_ID, from: now - 60 * MIN, to: now, live: true, dayStart: start });
    const result = earlyWarnings({ hall, facts, view, now, profile, ...(memory ? { memory } : {}), ...opts.extra });
    memory = result.memory;
    steps.push({ now, result });
  }
  return steps;
}

/** The first minute of the day at which a ticket of the category has waited past the target (the live rule). */
export function firstBreach(events: HallEvent[], date: string, categoryId: string, hall: HallConfig = HALL): number | null {
  const facts = new HallFacts();
  for (const e of events) facts.add(e);
  const start = dayStartOf(date);
  const target = hall.targets.waitMinutes * MIN;
  for (let m = 0; m < 24 * 60; m++) {
    const now = start + m * MIN;
    const oldest = waitingTickets(facts, [categoryId], now)[0];
    if (oldest && now - oldest.since > target) return now;
  }
  return null;
}
