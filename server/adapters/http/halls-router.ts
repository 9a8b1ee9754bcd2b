// PUT/GET /api/halls/:hallId — hall configuration (admin writes; every role of the hall reads).
import express, { Router } from "express";
import { hallConfigSchema } from "../../../contract/index.js";
import type { HallDirectory } from "../../app/hall-directory.js";
import { allow } from "./auth.js";
import { notFound } from "./http-error.js";
import { idParam, parseWith } from "./parse-body.js";

export function hallsRouter(directory: HallDirectory): Router {
  const r = Router();
  r.put("/halls/:hallId", allow("admin"), express.json({ limit: "256kb" }), async (req, res) => {
    const hallId = idParam(req.params.hallId, "hallId");
    const config = parseWith(hallConfigSchema, req.body);
    const { created } = await directory.put(hallId, config);
    res.status(created ? 201 : 200).json(config);
  });
  r.get("/halls/:hallId", allow("admin", "manager", "display", "staff", "device"), (req, res) => {
    const config = directory.get(idParam(req.params.hallId, "hallId"));
    if (!config) throw notFound("hall");
    res.json(config);
  });
  return r;
}
