// GET /api/halls/:hallId/forecast (issue #9, the admin page's forecast chart): per category and
// 15-minute slot of the hall-local day, the same-weekday history mean, today's arrivals so far and the
// forecast of the next hour with its 80% band, plus the live early warnings (docs/contract.md).
import type { ArrivalBand, FloorWarning } from "./floor.js";

export interface ForecastSlotPoint {
  /** Start of the slot (ISO). */
  start: string;
  /** Mean arrivals of the slot on the same weekdays; null without history. */
  historyMean: number | null;
  /** Today's arrivals in the slot; null for slots that have not begun. */
  today: number | null;
  /** Only for the slots of the next hour (the one under way: what came so far + the rest); else null. */
  forecast: ArrivalBand | null;
}

export interface CategoryForecast {
  categoryId: string;
  /** no-history: the category had no arrival on any history day; nothing is forecast. */
  status: "ok" | "no-history";
  /** Today's demand factor θ (1 = like the same weekdays); null without history. */
  factor: number | null;
  /** From local midnight to the end of the next hour (cut at midnight). */
  slots: ForecastSlotPoint[];
}

export interface ForecastResponse {
  /** When it was computed (ISO): "now". */
  at: string;
  /** Local midnight of the hall's day (ISO). */
  dayStart: string;
  slotMinutes: number;
  horizonMinutes: number;
  /** Same weekdays found in the history (0: a hall without history, no forecast and no warnings). */
  historyDays: number;
  categories: CategoryForecast[];
  /** The live view's early warnings (floor.warnings), soonest breach first. */
  warnings: FloorWarning[];
}
