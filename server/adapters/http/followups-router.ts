// 好差评 follow-up cases: GET /api/halls/:hallId/followups?state=&windowId=&overdue=true (managers and
// admins), POST …/followups/:id/transition { to, note? } (managers work the cases), GET …/followups/report.
import express, { Router } from "express";
import { FOLLOW_UP_STATES, followUpTransitionSchema } from "../../../contract/index.js";
import type { FollowUpService } from "../../app/follow-up-service.js";
import type { HallDirectory } from "../../app/hall-directory.js";
import { personalDataIn } from "../../domain/personal-data.js";
import { BODY_LIMITS } from "../limits.js";
import { allow, allowRead, tokenOf } from "./auth.js";
import { badRequest, HttpError, notFound } from "./http-error.js";
import { idParam, parseWith } from "./parse-body.js";

export function followUpsRouter(service: FollowUpService, directory: HallDirectory): Router {
  const r = Router();
  const hallOf = (raw: unknown) => {
    const hallId = idParam(raw, "hallId");
    if (!directory.get(hallId)) throw notFound("hall");
    return hallId;
  };
  r.get("/halls/:hallId/followups", allowRead("admin", "manager"), async (req, res) => {
    const hallId = hallOf(req.params.hallId);
    const state = req.query.state;
    if (state !== undefined && !(FOLLOW_UP_STATES as readonly unknown[]).includes(state)) throw badRequest("state", `expected one of ${FOLLOW_UP_STATES.join(", ")}`);
    const windowId = typeof req.query.windowId === "string" ? idParam(req.query.windowId, "windowId") : undefined;
    const cases = (await service.list(hallId)).filter(
      (c) => (!state || c.state === state) && (!windowId || c.windowId === windowId) && (req.query.overdue !== "true" || c.overdue),
    );
    res.json({ cases });
  });
  r.get("/halls/:hallId/followups/report", allowRead("admin", "manager"), async (req, res) => {
    res.json(await service.report(hallOf(req.params.hallId)));
  });
  r.post("/halls/:hallId/followups/:id/transition", allow("admin", "manager"), express.json({ limit: BODY_LIMITS.followUpTransition }), async (req, res) => {
    const hallId = hallOf(req.params.hallId);
    if (typeof req.params.id !== "string" || !/^\d{1,9}$/.test(req.params.id)) throw badRequest("id", "expected a case number");
    const body = parseWith(followUpTransitionSchema, req.body);
    if (body.note && personalDataIn(body.note)) throw badRequest("note", "looks like personal data (a phone or ID number); do not record it");
    const token = tokenOf(res);
    const result = await service.transition(hallId, Number(req.params.id), body.to, body.note ?? null, token.label ?? token.id);
    if (!result.ok) throw new HttpError(result.status, result.status === 404 ? "not_found" : result.status === 409 ? "conflict" : "bad_request", result.message, result.status === 409 ? "to" : undefined);
    res.json(result.case);
  });
  return r;
}
