// POST /api/halls/:hallId/whatif { date, allocation: { windows: [{ id, categories, open? }] }, seed? }
// (manager, admin): a past day's actual figures next to its replay under the allocation.
// GET /api/halls/:hallId/rebalance[?date=YYYY-MM-DD]: which cold window could take which hot category —
// now (live), or on a past day (history) — and what a replay predicts for that category's waits.
// The what-if comparison also answers `?format=csv|xlsx`.
import express, { Router } from "express";
import { z } from "zod";
import { isCalendarDate, localDayRange, type WhatIfResponse } from "../../../contract/index.js";
import { exportFormat, sendTable, whatIfTable } from "./table-export.js";
import type { HallDirectory } from "../../app/hall-directory.js";
import type { Clock, EventLog } from "../../app/ports.js";
import { whatIf, WhatIfError } from "../../app/what-if.js";
import type { LiveHalls } from "../../app/live-halls.js";
import { rebalanceAdvice } from "../../app/rebalance-advice.js";
import { BODY_LIMITS } from "../limits.js";
import { allow, allowRead } from "./auth.js";
import { badRequest, notFound } from "./http-error.js";
import { idParam, parseWith } from "./parse-body.js";

const whatIfSchema = z.strictObject({
  date: z.string().refine(isCalendarDate, { error: "expected a real date YYYY-MM-DD" }),
  allocation: z.strictObject({
    windows: z
      .array(
        z.strictObject({
          id: z.string().max(64),
          categories: z.array(z.string().max(64)).max(200),
          open: z.array(z.tuple([z.string().max(40), z.string().max(40)])).max(48).optional(),
        }),
      )
      .max(500),
  }),
  seed: z.number().int().min(0).max(2 ** 31).optional(),
});

export function whatIfRouter(log: EventLog, directory: HallDirectory, clock: Clock, live: LiveHalls): Router {
  const r = Router();
  r.get("/halls/:hallId/rebalance", allowRead("admin", "manager"), async (req, res) => {
    const hallId = idParam(req.params.hallId, "hallId");
    const hall = directory.get(hallId);
    if (!hall) throw notFound("hall");
    const date = req.query.date;
    if (date !== undefined && (typeof date !== "string" || !isCalendarDate(date))) throw badRequest("date", "expected a real date YYYY-MM-DD");
    if (typeof date === "string" && localDayRange(date, hall.timezone).start > clock.now()) throw badRequest("date", "must be a day that has begun");
    res.json(await rebalanceAdvice(live, log, hallId, hall, clock.now(), date));
  });
  r.post("/halls/:hallId/whatif", allow("admin", "manager"), express.json({ limit: BODY_LIMITS.whatIf }), async (req, res) => {
    const hallId = idParam(req.params.hallId, "hallId");
    const hall = directory.get(hallId);
    if (!hall) throw notFound("hall");
    const body = parseWith(whatIfSchema, req.body);
    let answer: WhatIfResponse;
    try {
      answer = await whatIf(log, hallId, hall, body, clock.now());
    } catch (err) {
      if (err instanceof WhatIfError) throw badRequest(err.field, err.message);
      throw err;
    }
    const format = exportFormat(req.query.format);
    if (format === "json") return void res.json(answer);
    const table = whatIfTable(answer, hall);
    await sendTable(res, format, `whatif-${hallId}-${answer.date}`, table.header, table.rows);
  });
  return r;
}
