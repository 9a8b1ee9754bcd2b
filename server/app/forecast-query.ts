// GET …/forecast (issue #9): the admin page's forecast chart — forecastSeries over the live facts and the
// same-weekday history read from the rollups (as the live warnings read it) — with the live view's
// current early warnings, so that the chart and the list agree with the wall.
import type { ForecastResponse, HallConfig } from "../../contract/index.js";
import { forecastSeries } from "../domain/forecast/index.js";
import type { LiveHalls } from "./live-halls.js";
import { readArrivalHistory } from "./live-warnings.js";
import type { ArrivalHistoryReader } from "./ports.js";

export interface ForecastDeps {
  live: LiveHalls;
  arrivals: ArrivalHistoryReader;
  historyDay?: (day: string, today: string) => boolean;
}

export async function forecastOf(deps: ForecastDeps, hallId: string, hall: HallConfig, now: number): Promise<ForecastResponse> {
  const history = await readArrivalHistory(deps.arrivals, hallId, hall, now, deps.historyDay);
  const series = forecastSeries({ hall, facts: deps.live.facts(hallId), now, profile: history.profile, ...(hall.openingHours ? { openingHours: hall.openingHours } : {}) });
  const warnings = deps.live.liveView(hallId)?.floor?.warnings ?? [];
  return { ...series, warnings };
}
