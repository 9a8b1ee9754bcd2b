// POST/GET /api/tokens, DELETE /api/tokens/:id — admins issue, list and revoke tokens.
import express, { Router } from "express";
import { createTokenSchema } from "../../../contract/index.js";
import type { HallDirectory } from "../../app/hall-directory.js";
import { personalDataFailure } from "../../app/parse-event.js";
import { tokenInfo, type TokenService } from "../../app/token-service.js";
import type { Clock } from "../../app/ports.js";
import { BODY_LIMITS } from "../limits.js";
import { allowRole, checkAccess, tokenOf } from "./auth.js";
import { badRequest, HttpError, notFound } from "./http-error.js";
import { idParam, parseWith } from "./parse-body.js";

export function tokensRouter(tokens: TokenService, directory: HallDirectory, clock: Clock): Router {
  const r = Router();
  r.post("/tokens", allowRole("admin"), express.json({ limit: BODY_LIMITS.tokens }), async (req, res) => {
    // A label is shown on the admin page and in follow-up histories: never a phone or ID number.
    const pii = personalDataFailure(req.body, "body");
    if (pii) throw badRequest(pii.field, pii.message);
    const body = parseWith(createTokenSchema, req.body);
    checkAccess(tokenOf(res), ["admin"], body.hallId ?? null);
    if (body.hallId !== undefined) {
      const hall = await directory.getFresh(body.hallId);
      if (!hall) throw badRequest("hallId", `unknown hall "${body.hallId}"`);
      if (body.windowId !== undefined && !hall.windows.some((w) => w.id === body.windowId))
        throw badRequest("windowId", `unknown window "${body.windowId}"`);
    }
    res.status(201).json(await tokens.create(body));
  });
  r.get("/tokens", allowRole("admin"), async (req, res) => {
    const caller = tokenOf(res);
    const hallId = typeof req.query.hallId === "string" ? idParam(req.query.hallId, "hallId") : caller.hallId;
    checkAccess(caller, ["admin"], hallId);
    res.json({ tokens: (await tokens.list(hallId)).map(tokenInfo) });
  });
  r.delete("/tokens/:id", allowRole("admin"), async (req, res) => {
    const id = idParam(req.params.id, "id");
    const caller = tokenOf(res);
    const all = await tokens.list(null);
    const target = all.find((t) => t.id === id);
    if (!target) throw notFound("token");
    checkAccess(caller, ["admin"], target.hallId);
    // Without an administrator token for every hall nobody could issue tokens or configure halls any
    // more (a generated bootstrap token is not made again), so the last one stays.
    const isGlobalAdmin = (t: (typeof all)[number]) => t.role === "admin" && t.hallId === null && t.revokedAt === null;
    if (isGlobalAdmin(target) && all.filter(isGlobalAdmin).length === 1)
      throw new HttpError(409, "conflict", "id: the last administrator token without a hall cannot be revoked; create another one first", "id");
    await tokens.revoke(id, new Date(clock.now()));
    res.status(204).end();
  });
  return r;
}
