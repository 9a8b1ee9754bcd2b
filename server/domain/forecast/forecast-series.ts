// The admin page's forecast chart: per category and 15-minute slot of the hall's local day, the
// same-weekday history mean, today's arrivals so far, and the forecast for the slots of the next hour
// with its 80% band (the slot under way: what came so far plus the forecast of the rest of it).
import type { HallConfig } from "../../../contract/index.js";
import type { HallFacts } from "../hall-facts.js";
import type { ArrivalProfile } from "./arrival-profile.js";
import { arrivalBand, DEFAULT_MODEL, forecastArrivals, type Band, type ModelOptions } from "./arrival-model.js";
import { localClock, SLOT_MINUTES, SLOT_MS, SLOTS_PER_DAY } from "./local-clock.js";
import { openingSchedule, type OpeningHours } from "./opening-hours.js";
import { todayArrivalSlots } from "./today-arrivals.js";

export interface ForecastSlot {
  start: string;
  /** Mean arrivals of the slot on the same weekdays; null without history. */
  historyMean: number | null;
  /** Today's arrivals in the slot; null for slots that have not begun. */
  today: number | null;
  /** Only for the slots of the next hour; null elsewhere and without history. */
  forecast: Band | null;
}

export interface CategorySeries {
  categoryId: string;
  status: "ok" | "no-history";
  /** Today's demand factor (1 = like history); null without history. */
  factor: number | null;
  slots: ForecastSlot[];
}

export interface ForecastSeries {
  dayStart: string;
  slotMinutes: number;
  at: string;
  horizonMinutes: number;
  historyDays: number;
  categories: CategorySeries[];
}

export interface SeriesInput {
  hall: HallConfig;
  facts: HallFacts;
  now: number;
  profile: ArrivalProfile;
  openingHours?: readonly OpeningHours[];
  options?: Partial<ModelOptions>;
}

export function forecastSeries(input: SeriesInput): ForecastSeries {
  const { hall, facts, now, profile } = input;
  const opts = { ...DEFAULT_MODEL, ...input.options };
  const clock = localClock(now, hall.timezone);
  const schedule = openingSchedule(input.openingHours);
  const ids = hall.categories.map((c) => c.id);
  const today = todayArrivalSlots(facts, ids, clock.dayStart, now);
  const current = Math.min(SLOTS_PER_DAY - 1, Math.floor(clock.minute / SLOT_MINUTES));
  // The chart is the local day: a horizon running past midnight is cut there.
  const last = Math.min(SLOTS_PER_DAY - 1, Math.floor((clock.minute + opts.horizonMinutes - 1e-9) / SLOT_MINUTES));
  const categories = ids.map((categoryId): CategorySeries => {
    const counts = today.get(categoryId) ?? [];
    const a = forecastArrivals(profile, categoryId, counts, clock, schedule, opts);
    const mean = a.status === "ok" ? profile.categories.get(categoryId)?.mean : undefined;
    // History's expectation per slot for the minutes of the horizon (θ taken back out of perMinute).
    const remaining = new Array<number>(SLOTS_PER_DAY).fill(0);
    if (a.status === "ok")
      a.perMinute.forEach((r, i) => {
        const s = Math.floor((clock.minute + i + 0.5) / SLOT_MINUTES);
        if (s < SLOTS_PER_DAY) remaining[s] = (remaining[s] ?? 0) + r / a.factor;
      });
    const slots: ForecastSlot[] = [];
    for (let s = 0; s <= last; s++) {
      let forecast: Band | null = null;
      if (a.status === "ok" && s >= current) {
        const m = profile.categories.get(categoryId)?.priorStrength ?? 1;
        const band = arrivalBand(a.shape, a.rate, remaining[s] ?? 0, profile.days, m, opts);
        const sofar = s === current ? (counts[s] ?? 0) : 0;
        forecast = { expected: band.expected + sofar, low: band.low + sofar, high: band.high + sofar };
      }
      slots.push({
        start: new Date(clock.dayStart + s * SLOT_MS).toISOString(),
        historyMean: mean ? (mean[s] ?? 0) : null,
        today: s <= current ? (counts[s] ?? 0) : null,
        forecast,
      });
    }
    return { categoryId, status: a.status, factor: a.status === "ok" ? a.factor : null, slots };
  });
  return { dayStart: new Date(clock.dayStart).toISOString(), slotMinutes: SLOT_MINUTES, at: new Date(now).toISOString(), horizonMinutes: opts.horizonMinutes, historyDays: profile.days, categories };
}
