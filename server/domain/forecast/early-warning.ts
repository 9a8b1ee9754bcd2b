// Early warning (issue #9): which categories are expected to break their wait target within the next
// hour, when, by how much, and which cold window could help. Pure: everything comes in from the live
// state (facts, live view), the same-weekday history profile and the memory of the previous call.
import { resolvedTargets, type HallConfig, type LoadView } from "../../../contract/index.js";
import type { HallFacts } from "../hall-facts.js";
import type { ArrivalProfile } from "./arrival-profile.js";
import { DEFAULT_MODEL, forecastArrivals, type ArrivalOutlook, type Band, type ModelOptions } from "./arrival-model.js";
import { cycleTimes, DEFAULT_CYCLE, type CycleOptions } from "./cycle-times.js";
import { helperWindow } from "./helper-window.js";
import { localClock } from "./local-clock.js";
import { openingSchedule, type OpeningHours } from "./opening-hours.js";
import { projectQueues, type ProjectedTicket } from "./queue-projection.js";
import { forecastTickets, projectedWindows, waitingNow } from "./queue-snapshot.js";
import { todayArrivalSlots } from "./today-arrivals.js";
import { DEFAULT_HYSTERESIS, nextMemory, type CategoryMemory, type HysteresisOptions, type WarningMemory, type WarningStatus } from "./warning-state.js";

export interface EarlyWarningOptions extends ModelOptions, HysteresisOptions, CycleOptions {
  /** A paused window is assumed back this long after its pause began. */
  pausedReturnMinutes: number;
}

export const DEFAULT_EARLY_WARNING: EarlyWarningOptions = { ...DEFAULT_MODEL, ...DEFAULT_HYSTERESIS, ...DEFAULT_CYCLE, pausedReturnMinutes: 15 };

export interface EarlyWarningInput {
  hall: HallConfig;
  facts: HallFacts;
  /** The live view at `now` (LiveHalls.compute): window states, current tickets, cold windows. */
  view: LoadView;
  now: number;
  /** buildArrivalProfile over the last N same weekdays' category rollups (cache it per hall and day). */
  profile: ArrivalProfile;
  openingHours?: readonly OpeningHours[];
  /** Mean handling seconds per category from history, used when the live facts have too few services. */
  historyHandleSeconds?: ReadonlyMap<string, number>;
  /** What the previous call returned (absent on the first call). */
  memory?: WarningMemory;
  options?: Partial<EarlyWarningOptions>;
}

export interface EarlyWarning {
  categoryId: string;
  expectedBreachAt: string;
  minutesAhead: number;
  /** Longest projected wait within the horizon, in minutes. */
  predictedWaitMinutes: number;
  /** Expected arrivals in the horizon with the 80% band; null without history (queue-only projection). */
  forecastArrivals: Band | null;
  /** Windows serving the category that are open now. */
  openWindows: string[];
  helperWindowId: string | null;
}

export type OutlookStatus = WarningStatus | "unstaffed" | "no-handling-time";

export interface CategoryOutlook {
  categoryId: string;
  /** unstaffed: no serving window is open or paused; no-handling-time: nothing to project with. */
  status: OutlookStatus;
  arrivals: ArrivalOutlook;
  waitingNow: number;
  openWindows: string[];
  cycleSeconds: number | null;
  expectedBreachAt: string | null;
  predictedWaitMinutes: number | null;
}

export interface EarlyWarningResult {
  at: string;
  horizonMinutes: number;
  /** Categories expected to break the target (status "warning"), soonest first. */
  warnings: EarlyWarning[];
  categories: CategoryOutlook[];
  memory: WarningMemory;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function earlyWarnings(input: EarlyWarningInput): EarlyWarningResult {
  const { hall, facts, view, now, profile } = input;
  const opts = { ...DEFAULT_EARLY_WARNING, ...input.options };
  const targetMs = resolvedTargets(hall).waitMinutes * 60_000;
  const horizonEnd = now + opts.horizonMinutes * 60_000;
  const clock = localClock(now, hall.timezone);
  const schedule = openingSchedule(input.openingHours);
  const categoryIds = hall.categories.map((c) => c.id);
  const today = todayArrivalSlots(facts, categoryIds, clock.dayStart, now);
  const arrivals = new Map(categoryIds.map((id) => [id, forecastArrivals(profile, id, today.get(id) ?? [], clock, schedule, opts)]));

  const cycles = cycleTimes(facts, hall, now, input.historyHandleSeconds, opts);
  const cycleMs = new Map([...cycles].map(([id, c]) => [id, c.cycleMs]));
  const windows = projectedWindows(view, hall, now, cycleMs, opts.pausedReturnMinutes * 60_000);
  const waiting = waitingNow(facts, hall, now);
  const tickets: ProjectedTicket[] = [...waiting];
  for (const a of arrivals.values()) if (a.status === "ok") tickets.push(...forecastTickets(a.categoryId, a.perMinute, now));
  const projection = projectQueues({ now, horizonEnd, targetMs, windows, tickets, cycleMs });

  const stateOf = new Map(view.windows.map((w) => [w.windowId, w.state]));
  const memory: Record<string, CategoryMemory> = {};
  const warnings: EarlyWarning[] = [];
  const categories = categoryIds.map((categoryId): CategoryOutlook => {
    const a = arrivals.get(categoryId) as ArrivalOutlook;
    const serving = hall.windows.filter((w) => w.categories.includes(categoryId));
    const openWindows = serving.filter((w) => stateOf.get(w.id) === "open").map((w) => w.id);
    const staffed = windows.some((w) => w.categories.includes(categoryId));
    const p = projection.get(categoryId);
    const base = { categoryId, arrivals: a, waitingNow: waiting.filter((t) => t.categoryId === categoryId).length, openWindows, cycleSeconds: cycleMs.has(categoryId) ? (cycleMs.get(categoryId) as number) / 1000 : null };
    if (!p || !staffed) {
      // Nothing to project: the live view still shows any breach; a warning cannot be held over it.
      return { ...base, status: p ? "unstaffed" : "no-handling-time", expectedBreachAt: null, predictedWaitMinutes: null };
    }
    const m = nextMemory(input.memory?.[categoryId], { breachedNow: p.breachedNow, breachAt: p.breachAt, pressure: p.maxWaitMs / targetMs }, now, opts);
    memory[categoryId] = m;
    const breachAt = p.breachAt ?? (m.status === "warning" ? m.lastBreachAt : null);
    const predictedWaitMinutes = p.maxWaitMs / 60_000;
    if (m.status === "warning" && breachAt !== null) {
      const helperWindowId = helperWindow(view, hall, categoryId, Math.max(p.maxWaitMs, targetMs + 1000) / 1000);
      warnings.push({
        categoryId,
        expectedBreachAt: iso(breachAt),
        minutesAhead: Math.max(0, (breachAt - now) / 60_000),
        predictedWaitMinutes,
        forecastArrivals: a.status === "ok" ? { expected: a.expected, low: a.low, high: a.high } : null,
        openWindows,
        helperWindowId,
      });
    }
    return { ...base, status: m.status, expectedBreachAt: breachAt === null ? null : iso(breachAt), predictedWaitMinutes };
  });
  warnings.sort((x, y) => (x.expectedBreachAt < y.expectedBreachAt ? -1 : x.expectedBreachAt > y.expectedBreachAt ? 1 : 0));
  return { at: iso(now), horizonMinutes: opts.horizonMinutes, warnings, categories, memory };
}
