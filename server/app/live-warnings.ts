// The live early warnings (issue #9; docs/metrics.md, "Early warning (forecast)"): per hall, the
// same-weekday arrival profile read from the rollups once per hall-local day (again when one of its days
// is recomputed or the configuration changes), and earlyWarnings run at most every 30 s with the memory
// of the previous run (its hysteresis keeps the wall's line from flapping). A hall without history gets
// no warnings: nothing is forecast from nothing.
import { localDate, resolvedTargets, type FloorWarning, type HallConfig, type LoadView } from "../../contract/index.js";
import type { HallFacts } from "../domain/hall-facts.js";
import { buildArrivalProfile, earlyWarnings, type ArrivalProfile, type EarlyWarning, type WarningMemory } from "../domain/forecast/index.js";
import type { WorkingCalendar } from "../domain/calendar/working-calendar.js";
import type { ArrivalHistoryReader } from "./ports.js";

/** How long a hall's warnings are served before earlyWarnings runs again. */
export const WARNING_REFRESH_MS = 30_000;

export interface ArrivalHistory {
  /** The hall-local day the profile is for, and the rollup stamp of the days it was read from. */
  key: string;
  days: string[];
  profile: ArrivalProfile;
  handleSeconds: ReadonlyMap<string, number>;
}

export interface LiveWarningOptions {
  /** The same-weekday arrival history (rollups); without it no hall has warnings. */
  arrivals?: ArrivalHistoryReader;
  /** Whether a past day may stand for `today` (e.g. not a public holiday for a working day); all when absent. */
  historyDay?: (day: string, today: string) => boolean;
  /** How long computed warnings are served (default 30 s). */
  warningRefreshMs?: number;
  /** A failed forecast: the hall shows no warnings until the next run (must not throw). */
  onWarningError?: (hallId: string, err: unknown) => void;
}

/**
 * The history rule for a calendar: a past day stands for today only when both are working days or both
 * are not (a public holiday is no history for a working day, nor a make-up working Saturday for a Saturday).
 */
export function sameKindOfDay(calendar: () => WorkingCalendar): (day: string, today: string) => boolean {
  return (day, today) => calendar().day(day).working === calendar().day(today).working;
}

/** Reads the profile of the last 8 same weekdays before `now`'s hall-local day. */
export function readArrivalHistory(reader: ArrivalHistoryReader, hallId: string, config: HallConfig, now: number, historyDay?: (day: string, today: string) => boolean): ArrivalHistory {
  const today = localDate(now, config.timezone);
  const read = reader.sameWeekdayArrivals(hallId, today, config.timezone, historyDay ? { keep: (day) => historyDay(day, today) } : {});
  const profile = buildArrivalProfile(read.rows, config.categories.map((c) => c.id), config.timezone);
  return { key: `${today}|${reader.stamp(hallId, read.days)}`, days: read.days, profile, handleSeconds: read.handleSeconds };
}

const oneDecimal = (x: number) => Math.round(x * 10) / 10;

/** The contract's shape of a domain warning. */
export function toFloorWarning(w: EarlyWarning, config: HallConfig): FloorWarning {
  const f = w.forecastArrivals;
  return {
    categoryId: w.categoryId,
    expectedBreachAt: w.expectedBreachAt,
    predictedWaitMinutes: oneDecimal(w.predictedWaitMinutes),
    targetMinutes: resolvedTargets(config).waitMinutes,
    helperWindowId: w.helperWindowId,
    openWindows: w.openWindows,
    forecastArrivals: f ? { expected: oneDecimal(f.expected), low: f.low, high: f.high } : null,
  };
}

interface HallWarnings {
  history: ArrivalHistory | null;
  memory: WarningMemory | undefined;
  at: number;
  warnings: FloorWarning[];
}

/** Per-hall warnings and the history they come from. */
export class LiveWarnings {
  private readonly halls = new Map<string, HallWarnings>();
  private readonly refreshMs: number;

  constructor(private readonly opts: LiveWarningOptions = {}) {
    this.refreshMs = opts.warningRefreshMs ?? WARNING_REFRESH_MS;
  }

  /** The hall's warnings, recomputed first when they are `warningRefreshMs` old (or the clock went back). */
  get(hallId: string, facts: HallFacts, config: HallConfig, view: LoadView, now: number): FloorWarning[] {
    const cached = this.halls.get(hallId);
    if (cached && now >= cached.at && now - cached.at < this.refreshMs) return cached.warnings;
    const state: HallWarnings = { history: cached?.history ?? null, memory: cached?.memory, at: now, warnings: [] };
    this.halls.set(hallId, state);
    const reader = this.opts.arrivals;
    if (!reader) return state.warnings;
    try {
      state.history = this.history(reader, hallId, config, now, state.history);
      if (state.history.profile.days === 0) {
        state.memory = undefined;
        return state.warnings;
      }
      const result = earlyWarnings({
        hall: config,
        facts,
        view,
        now,
        profile: state.history.profile,
        historyHandleSeconds: state.history.handleSeconds,
        memory: state.memory,
        ...(config.openingHours ? { openingHours: config.openingHours } : {}),
      });
      state.memory = result.memory;
      state.warnings = result.warnings.map((w) => toFloorWarning(w, config));
    } catch (err) {
      this.opts.onWarningError?.(hallId, err);
    }
    return state.warnings;
  }

  /** Drops a hall's warnings and history (configuration change: categories or time zone may differ). */
  forget(hallId: string): void {
    this.halls.delete(hallId);
  }

  /** The cached history while it is for today and its days were not recomputed since; else read afresh. */
  private history(reader: ArrivalHistoryReader, hallId: string, config: HallConfig, now: number, prev: ArrivalHistory | null): ArrivalHistory {
    if (prev) {
      const today = localDate(now, config.timezone);
      if (prev.key === `${today}|${reader.stamp(hallId, prev.days)}`) return prev;
    }
    return readArrivalHistory(reader, hallId, config, now, this.opts.historyDay);
  }
}
