// The early-warning forecast (issue #9): the public entry points for server/app.
export { buildArrivalProfile, type ArrivalProfile, type HistoryArrivalRow } from "./arrival-profile.js";
export { DEFAULT_EARLY_WARNING, earlyWarnings, type CategoryOutlook, type EarlyWarning, type EarlyWarningInput, type EarlyWarningOptions, type EarlyWarningResult } from "./early-warning.js";
export { forecastSeries, type CategorySeries, type ForecastSeries, type ForecastSlot, type SeriesInput } from "./forecast-series.js";
export type { OpeningHours } from "./opening-hours.js";
export type { WarningMemory } from "./warning-state.js";
