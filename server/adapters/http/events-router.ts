// POST /api/halls/:hallId/events — batch ingest over HTTP (device or admin). 200 { results } in order.
import express, { Router } from "express";
import { MAX_EVENTS_PER_BATCH, type IngestResponse } from "../../../contract/index.js";
import type { HallDirectory } from "../../app/hall-directory.js";
import type { IngestEvents } from "../../app/ingest-events.js";
import { DEFAULT_MAX_INGEST_MESSAGE_BYTES } from "../limits.js";
import { allow } from "./auth.js";
import { badRequest, notFound } from "./http-error.js";
import { idParam } from "./parse-body.js";

export function eventsRouter(ingest: IngestEvents, directory: HallDirectory, maxBodyBytes: number = DEFAULT_MAX_INGEST_MESSAGE_BYTES): Router {
  const r = Router();
  r.post("/halls/:hallId/events", allow("device", "admin"), express.json({ limit: maxBodyBytes, strict: false }), async (req, res) => {
    const hallId = idParam(req.params.hallId, "hallId");
    if (!directory.get(hallId)) throw notFound("hall");
    if (!Array.isArray(req.body)) throw badRequest("body", "expected an array of events");
    if (req.body.length > MAX_EVENTS_PER_BATCH) throw badRequest("body", `at most ${MAX_EVENTS_PER_BATCH} events per request`);
    const body: IngestResponse = { results: await ingest.ingest(hallId, req.body as unknown[], "http") };
    res.json(body);
  });
  return r;
}
