// POST /api/halls/:hallId/whatif { date, allocation: { windows: [{ id, categories, open? }] }, seed? }
// (manager, admin): a past day's actual figures next to its replay under the allocation.
import express, { Router } from "express";
import { z } from "zod";
import type { HallDirectory } from "../../app/hall-directory.js";
import type { Clock, EventLog } from "../../app/ports.js";
import { whatIf, WhatIfError } from "../../app/what-if.js";
import { allow } from "./auth.js";
import { badRequest, notFound } from "./http-error.js";
import { idParam, parseWith } from "./parse-body.js";

const whatIfSchema = z.strictObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "expected a date YYYY-MM-DD" }),
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

export function whatIfRouter(log: EventLog, directory: HallDirectory, clock: Clock): Router {
  const r = Router();
  r.post("/halls/:hallId/whatif", allow("admin", "manager"), express.json({ limit: "64kb" }), (req, res) => {
    const hallId = idParam(req.params.hallId, "hallId");
    const hall = directory.get(hallId);
    if (!hall) throw notFound("hall");
    const body = parseWith(whatIfSchema, req.body);
    try {
      res.json(whatIf(log, hallId, hall, body, clock.now()));
    } catch (err) {
      if (err instanceof WhatIfError) throw badRequest(err.field, err.message);
      throw err;
    }
  });
  return r;
}
