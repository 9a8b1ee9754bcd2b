// The live early warnings (issue #9; docs/metrics.md, "Early warning (forecast)"): per hall, the
// same-weekday arrival profile read from the rollups once per hall-local day (again when one of its days
// is recomputed or the configuration changes) in the background, and earlyWarnings run at most every 30 s with the memory
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
  /** The hall-local day the profile is for (the first part of `key`). */
  day: string;
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
  /** A failed forecast or history read: the hall shows no warnings until the next run (must not throw). */
  onWarningError?: (hallId: string, err: unknown) => void;
  /**
   * A hall's history was read afresh in the background: its warnings are recomputed at the next call,
   * so the hall's live view should be refreshed soon (e.g. LiveHalls.touch). Must not throw.
   */
  onHistoryRead?: (hallId: string) => void;
}

/**
 * The history rule for a calendar: a past day stands for today only when both are working days or both
 * are not (a public holiday is no history for a working day, nor a make-up working Saturday for a Saturday).
 */
export function sameKindOfDay(calendar: () => WorkingCalendar): (day: string, today: string) => boolean {
  return (day, today) => calendar().day(day).working === calendar().day(today).working;
}

/** Reads the profile of the last 8 same weekdays before `now`'s hall-local day. */
export async function readArrivalHistory(reader: ArrivalHistoryReader, hallId: string, config: HallConfig, now: number, historyDay?: (day: string, today: string) => boolean): Promise<ArrivalHistory> {
  const today = localDate(now, config.timezone);
  const read = await reader.sameWeekdayArrivals(hallId, today, config.timezone, historyDay ? { keep: (day) => historyDay(day, today) } : {});
  const profile = buildArrivalProfile(read.rows, config.categories.map((c) => c.id), config.timezone);
  return { key: `${today}|${await reader.stamp(hallId, read.days)}`, day: today, days: read.days, profile, handleSeconds: read.handleSeconds };
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
  /** The last history read (possibly for an earlier day: then unused until today's lands). */
  history: ArrivalHistory | null;
  memory: WarningMemory | undefined;
  /** When `warnings` were computed; −∞ when a fresh history asks for a recompute at the next call. */
  at: number;
  warnings: FloorWarning[];
  /** The history check or read in flight, if any (at most one per hall). */
  reading: Promise<void> | null;
}

/**
 * Per-hall warnings and the history they come from. The live view is computed synchronously, but reading
 * the history is a database round trip (async port): each run starts a background check of the history
 * (its stamp, then a read when the stamp or the day changed) and computes with the profile it has. When a
 * fresh read lands, the hall's warnings are recomputed at the next call and `onHistoryRead` is told.
 */
export class LiveWarnings {
  private readonly halls = new Map<string, HallWarnings>();
  private readonly refreshMs: number;

  constructor(private readonly opts: LiveWarningOptions = {}) {
    this.refreshMs = opts.warningRefreshMs ?? WARNING_REFRESH_MS;
  }

  /** The hall's warnings, recomputed first when they are `warningRefreshMs` old (or the clock went back). */
  get(hallId: string, facts: HallFacts, config: HallConfig, view: LoadView, now: number): FloorWarning[] {
    let state = this.halls.get(hallId);
    if (state && now >= state.at && now - state.at < this.refreshMs) return state.warnings;
    if (!state) {
      state = { history: null, memory: undefined, at: now, warnings: [], reading: null };
      this.halls.set(hallId, state);
    }
    state.at = now;
    state.warnings = [];
    const reader = this.opts.arrivals;
    if (!reader) return state.warnings;
    this.checkHistory(reader, hallId, state, config, now);
    // Only a profile read for today's weekday stands for today (none until the first read lands).
    const history = state.history?.day === localDate(now, config.timezone) ? state.history : null;
    try {
      if (!history || history.profile.days === 0) {
        state.memory = undefined;
        return state.warnings;
      }
      const result = earlyWarnings({
        hall: config,
        facts,
        view,
        now,
        profile: history.profile,
        historyHandleSeconds: history.handleSeconds,
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

  /** Resolves once the hall's history check or read in flight (if any) has landed (tests, shutdown). */
  async whenRead(hallId: string): Promise<void> {
    await this.halls.get(hallId)?.reading;
  }

  /** Drops a hall's warnings and history (configuration change: categories or time zone may differ). */
  forget(hallId: string): void {
    this.halls.delete(hallId);
  }

  /**
   * In the background: keeps the cached history while it is for today and its days were not recomputed
   * since (same stamp); else reads it afresh. A read landing for a hall forgotten meanwhile is dropped; a
   * failure is reported and tried again at the next run (no retry loop).
   */
  private checkHistory(reader: ArrivalHistoryReader, hallId: string, state: HallWarnings, config: HallConfig, now: number): void {
    if (state.reading) return;
    const today = localDate(now, config.timezone);
    const prev = state.history;
    const current = () => this.halls.get(hallId) === state;
    state.reading = (async () => {
      if (prev?.day === today && prev.key === `${today}|${await reader.stamp(hallId, prev.days)}`) return;
      const next = await readArrivalHistory(reader, hallId, config, now, this.opts.historyDay);
      if (!current()) return;
      state.history = next;
      state.at = Number.NEGATIVE_INFINITY;
      this.opts.onHistoryRead?.(hallId);
    })()
      .catch((err: unknown) => {
        if (current()) this.opts.onWarningError?.(hallId, err);
      })
      .finally(() => {
        state.reading = null;
      });
  }
}
