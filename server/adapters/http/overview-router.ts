// GET /api/overview — the province overview (issue #11): every hall's live figures, ranked worst first.
// Only tokens that span halls read it: an overseer, or an admin without hall. A hall's own tokens (even
// its admin) are refused, so that one hall never sees another's figures.
import { Router } from "express";
import type { OverviewQuery } from "../../app/overview-query.js";
import { allow } from "./auth.js";

export function overviewRouter(query: OverviewQuery): Router {
  const r = Router();
  r.get("/overview", allow("admin", "overseer"), async (_req, res) => {
    res.set("cache-control", "no-store");
    res.json(await query.get());
  });
  return r;
}
