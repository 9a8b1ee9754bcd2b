// GET /api/halls/:hallId/staffing?weeks=N&target=0.8 (manager, admin): Erlang C windows needed per
// category, weekday and hour over the last N full weeks, next to the windows that were open.
import { Router } from "express";
import { startOfLocalDay, type StaffingResponse } from "../../../contract/index.js";
import type { HallDirectory } from "../../app/hall-directory.js";
import { hourCellsOf, type RollupReader } from "../../app/history-query.js";
import type { Clock } from "../../app/ports.js";
import { staffingRows } from "../../domain/history/staffing.js";
import { allowRead } from "./auth.js";
import { badRequest, notFound } from "./http-error.js";
import { idParam } from "./parse-body.js";
import { exportFormat, sendTable, staffingTable } from "./table-export.js";

export function staffingRouter(reader: RollupReader, directory: HallDirectory, clock: Clock): Router {
  const r = Router();
  r.get("/halls/:hallId/staffing", allowRead("admin", "manager"), async (req, res) => {
    const hallId = idParam(req.params.hallId, "hallId");
    const hall = directory.get(hallId);
    if (!hall) throw notFound("hall");
    const weeks = req.query.weeks === undefined ? 8 : Number(req.query.weeks);
    if (!Number.isInteger(weeks) || weeks < 1 || weeks > 52) throw badRequest("weeks", "expected a whole number of weeks 1–52");
    const target = req.query.target === undefined ? 0.8 : Number(req.query.target);
    if (!(target > 0 && target < 1)) throw badRequest("target", "expected a share between 0 and 1, e.g. 0.8");
    // The last N full weeks before today (hall-local days).
    const to = startOfLocalDay(clock.now(), hall.timezone);
    const from = to - weeks * 7 * 86_400_000;
    const body: StaffingResponse = { weeks, target, waitMinutes: hall.targets.waitMinutes, rows: staffingRows(await hourCellsOf(reader, hallId, hall.timezone, from, to), hall, { weeks, target }) };
    const format = exportFormat(req.query.format);
    if (format === "json") return void res.json(body);
    const table = staffingTable(body, hall);
    await sendTable(res, format, `staffing-${hallId}`, table.header, table.rows);
  });
  return r;
}
