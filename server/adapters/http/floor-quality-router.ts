// GET /api/halls/:hallId/floor/calibration?from=YYYY-MM-DD&to=YYYY-MM-DD and
// GET /api/halls/:hallId/floor/data-quality?day=YYYY-MM-DD (manager, admin), issue #9: can the wait
// estimates on the screen be trusted, and whose figures rest on doubtful device data. Hall-local dates.
import { Router } from "express";
import { isCalendarDate, localDayRange } from "../../../contract/index.js";
import { calibrationOf } from "../../app/floor-quality-calibration.js";
import { dataQualityOf } from "../../app/floor-quality-data.js";
import type { HallDirectory } from "../../app/hall-directory.js";
import type { Clock, EstimateStore, ReceivedEventReader } from "../../app/ports.js";
import { allowRead } from "./auth.js";
import { badRequest, notFound } from "./http-error.js";
import { idParam } from "./parse-body.js";

/** At most a quarter of whole days, both ends included. */
export const MAX_CALIBRATION_DAYS = 92;
const DAY_MS = 86_400_000;

function date(value: unknown, name: string): string {
  if (typeof value !== "string") throw badRequest(name, "required: a date YYYY-MM-DD");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw badRequest(name, "expected a date YYYY-MM-DD");
  if (!isCalendarDate(value)) throw badRequest(name, "not a real date");
  return value;
}

/** Whole days between two dates (UTC arithmetic on the dates themselves: no zone involved). */
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

export function floorQualityRouter(estimates: EstimateStore, received: ReceivedEventReader, directory: HallDirectory, clock: Clock): Router {
  const r = Router();
  const hallOf = (raw: unknown) => {
    const hallId = idParam(raw, "hallId");
    const hall = directory.get(hallId);
    if (!hall) throw notFound("hall");
    return { hallId, hall };
  };
  r.get("/halls/:hallId/floor/calibration", allowRead("admin", "manager"), async (req, res) => {
    const { hallId, hall } = hallOf(req.params.hallId);
    const from = date(req.query.from, "from");
    const to = date(req.query.to, "to");
    if (to < from) throw badRequest("to", "must not be before from");
    if (daysBetween(from, to) + 1 > MAX_CALIBRATION_DAYS) throw badRequest("to", `the period may be at most ${MAX_CALIBRATION_DAYS} days`);
    res.json(await calibrationOf(estimates, hallId, hall, from, to));
  });
  r.get("/halls/:hallId/floor/data-quality", allowRead("admin", "manager"), async (req, res) => {
    const { hallId, hall } = hallOf(req.params.hallId);
    const day = date(req.query.day, "day");
    const now = clock.now();
    if (localDayRange(day, hall.timezone).start > now) throw badRequest("day", "must be a day that has begun");
    res.json(await dataQualityOf(received, hallId, hall, day, now));
  });
  return r;
}
