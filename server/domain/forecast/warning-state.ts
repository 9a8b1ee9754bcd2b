// Hysteresis for the early warning, so that the wall's line does not flap as the projection wobbles
// around the target from one minute to the next. A warning is raised at once when a breach is projected
// within the horizon (raising late would eat the lead time the warning exists for); it is cleared only
// after the projected worst wait has stayed below `clearRatio` × target for `holdMinutes`. A breach that
// happens turns the warning into "breached" (the live view's hot category from then on); when nobody
// waits past the target any more, the category starts over.

export type WarningStatus = "clear" | "warning" | "breached";

export interface CategoryMemory {
  status: WarningStatus;
  /** When the status began (epoch ms). */
  since: number;
  /** While warning: when the projection last predicted a breach, and the breach time it predicted. */
  lastBreachAt: number | null;
  /** While warning without a predicted breach: since when the projection has been calm. */
  calmSince: number | null;
}

/** Kept by the caller between calls, per hall; plain data (JSON-safe). */
export type WarningMemory = Readonly<Record<string, CategoryMemory>>;

export interface HysteresisOptions {
  clearRatio: number;
  holdMinutes: number;
}

export const DEFAULT_HYSTERESIS: HysteresisOptions = { clearRatio: 0.85, holdMinutes: 5 };

export interface Assessment {
  breachedNow: boolean;
  /** Projected breach within the horizon (after now), or null. */
  breachAt: number | null;
  /** Longest projected wait over the target (1 = at the target). */
  pressure: number;
}

const fresh = (status: WarningStatus, now: number, lastBreachAt: number | null = null): CategoryMemory => ({ status, since: now, lastBreachAt, calmSince: null });

export function nextMemory(prev: CategoryMemory | undefined, a: Assessment, now: number, opts: HysteresisOptions = DEFAULT_HYSTERESIS): CategoryMemory {
  if (a.breachedNow) return prev?.status === "breached" ? prev : fresh("breached", now);
  if (a.breachAt !== null) {
    if (prev?.status === "warning") return { ...prev, lastBreachAt: a.breachAt, calmSince: null };
    return fresh("warning", now, a.breachAt);
  }
  if (prev?.status !== "warning") return prev?.status === "clear" ? prev : fresh("clear", now);
  // Warning, but no breach projected now: hold it while the projection stays close to the target.
  if (a.pressure >= opts.clearRatio) return { ...prev, calmSince: null };
  const calmSince = prev.calmSince ?? now;
  return now - calmSince >= opts.holdMinutes * 60_000 ? fresh("clear", now) : { ...prev, calmSince };
}
