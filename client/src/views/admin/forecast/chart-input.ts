// The forecast chart's input from one category's series: slot labels in the hall's time zone, from an
// hour before the first slot with any arrival (today or in history) to the end of the next hour — the
// quiet night before opening is left out so the day's shape is readable; a last slot the horizon covers
// only in part is left out too (its forecast would look like a drop in demand). Pure.
import type { CategoryForecast, ForecastResponse } from "../../../../../contract/index.js";
import type { ForecastChartInput } from "../../../charts/arrival-forecast/build-option.js";
import { hallClock } from "../../../composables/format.js";

const LEAD_SLOTS = 4;

export type ForecastWindow = Pick<ForecastResponse, "at" | "horizonMinutes" | "slotMinutes">;

export function forecastChartInput(series: CategoryForecast, window: ForecastWindow, timeZone: string, names: ForecastChartInput["names"]): ForecastChartInput {
  const horizonEnd = Date.parse(window.at) + window.horizonMinutes * 60_000;
  const whole = series.slots.filter((s) => s.forecast === null || Date.parse(s.start) + window.slotMinutes * 60_000 <= horizonEnd);
  const busy = whole.findIndex((s) => (s.today ?? 0) > 0 || (s.historyMean ?? 0) > 0 || (s.forecast?.expected ?? 0) > 0);
  const from = busy === -1 ? Math.max(0, whole.length - 8) : Math.max(0, busy - LEAD_SLOTS);
  const slots = whole.slice(from);
  const current = slots.findIndex((s) => s.forecast !== null);
  const underWay = slots.reduce((last, s, i) => (s.today !== null ? i : last), -1);
  return {
    labels: slots.map((s) => hallClock(Date.parse(s.start), timeZone, false)),
    today: slots.map((s) => s.today),
    historyMean: slots.map((s) => s.historyMean),
    forecast: slots.map((s) => s.forecast),
    nowIndex: underWay !== -1 ? underWay : current !== -1 ? current : null,
    names,
  };
}
