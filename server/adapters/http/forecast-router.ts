// GET /api/halls/:hallId/forecast (manager, admin — as the history and rebalance routes): the arrival
// forecast of each category for the next 60 minutes beside today's arrivals so far and the same-weekday
// history, and the live early warnings (issue #9; docs/contract.md).
import { Router } from "express";
import type { HallDirectory } from "../../app/hall-directory.js";
import { forecastOf, type ForecastDeps } from "../../app/forecast-query.js";
import type { Clock } from "../../app/ports.js";
import { allowRead } from "./auth.js";
import { notFound } from "./http-error.js";
import { idParam } from "./parse-body.js";

export function forecastRouter(deps: ForecastDeps, directory: HallDirectory, clock: Clock): Router {
  const r = Router();
  r.get("/halls/:hallId/forecast", allowRead("admin", "manager"), async (req, res) => {
    const hallId = idParam(req.params.hallId, "hallId");
    const hall = directory.get(hallId);
    if (!hall) throw notFound("hall");
    res.json(await forecastOf(deps, hallId, hall, clock.now()));
  });
  return r;
}
