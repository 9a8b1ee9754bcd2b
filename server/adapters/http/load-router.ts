// GET /api/halls/:hallId/load?from=&to= — live view without a range, else figures over [from, to).
import { Router } from "express";
import { parseIsoTimestamp } from "../../../contract/index.js";
import type { HallDirectory } from "../../app/hall-directory.js";
import { MAX_LOAD_RANGE_MS, type LoadQuery } from "../../app/load-query.js";
import type { Clock } from "../../app/ports.js";
import { allowRead } from "./auth.js";
import { badRequest, notFound } from "./http-error.js";
import { idParam } from "./parse-body.js";

function timeParam(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === "string" ? parseIsoTimestamp(value) : null;
  if (ms === null) throw badRequest(name, "invalid ISO-8601 timestamp (with offset)");
  return ms;
}

export function loadRouter(query: LoadQuery, directory: HallDirectory, clock: Clock): Router {
  const r = Router();
  r.get("/halls/:hallId/load", allowRead("admin", "manager", "display"), async (req, res) => {
    const hallId = idParam(req.params.hallId, "hallId");
    const config = directory.get(hallId);
    if (!config) throw notFound("hall");
    const from = timeParam(req.query.from, "from");
    const to = timeParam(req.query.to, "to");
    if (from === undefined && to === undefined) return void res.json(query.liveView(hallId));
    if (from === undefined) throw badRequest("from", "required when to is given");
    const end = to ?? clock.now();
    if (end <= from) throw badRequest("to", "must be after from");
    if (end - from > MAX_LOAD_RANGE_MS) throw badRequest("to", "the range may be at most 31 days; use history for longer periods");
    res.json(await query.rangeView(hallId, config, from, end));
  });
  return r;
}
