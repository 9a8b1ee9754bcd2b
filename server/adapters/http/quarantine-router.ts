// GET /api/halls/:hallId/quarantine?limit=&before= — rejected inputs and why (admin), newest first.
import { Router } from "express";
import type { QuarantineResponse } from "../../../contract/index.js";
import type { QuarantineRepository } from "../../app/ports.js";
import { allow } from "./auth.js";
import { badRequest } from "./http-error.js";
import { idParam } from "./parse-body.js";

function positiveInt(value: unknown, name: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === "string" && /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > max) throw badRequest(name, `expected an integer 1–${max}`);
  return n;
}

export function quarantineRouter(repo: QuarantineRepository): Router {
  const r = Router();
  r.get("/halls/:hallId/quarantine", allow("admin"), async (req, res) => {
    const hallId = idParam(req.params.hallId, "hallId");
    const limit = positiveInt(req.query.limit, "limit", 500) ?? 100;
    const before = positiveInt(req.query.before, "before", 999_999_999);
    const body: QuarantineResponse = { items: await repo.list(hallId, { limit, ...(before !== undefined ? { beforeId: before } : {}) }) };
    res.json(body);
  });
  return r;
}
