// PUT/GET /api/halls/:hallId — hall configuration (admin writes; every role of the hall reads).
import express, { Router } from "express";
import { hallConfigSchema } from "../../../contract/index.js";
import type { HallDirectory } from "../../app/hall-directory.js";
import { personalDataFailure, PERSONAL_DATA_MESSAGE } from "../../app/parse-event.js";
import { personalDataIn } from "../../domain/personal-data.js";
import { BODY_LIMITS } from "../limits.js";
import { allow, allowRead } from "./auth.js";
import { badRequest, notFound } from "./http-error.js";
import { idParam, parseWith } from "./parse-body.js";

export function hallsRouter(directory: HallDirectory): Router {
  const r = Router();
  r.put("/halls/:hallId", allow("admin"), express.json({ limit: BODY_LIMITS.hallConfig }), async (req, res) => {
    const hallId = idParam(req.params.hallId, "hallId");
    // Names are shown on walls and in exports: a phone or ID number in one (or as the hall id) is refused.
    const idKind = personalDataIn(hallId);
    if (idKind) throw badRequest("hallId", PERSONAL_DATA_MESSAGE[idKind]);
    const pii = personalDataFailure(req.body, "body");
    if (pii) throw badRequest(pii.field, pii.message);
    const config = parseWith(hallConfigSchema, req.body);
    const { created } = await directory.put(hallId, config);
    res.status(created ? 201 : 200).json(config);
  });
  r.get("/halls/:hallId", allowRead("admin", "manager", "display", "staff", "device"), (req, res) => {
    const config = directory.get(idParam(req.params.hallId, "hallId"));
    if (!config) throw notFound("hall");
    res.json(config);
  });
  return r;
}
