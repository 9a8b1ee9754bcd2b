// GET /api/me — what the presented token is (role, hall, window), so that a page knows what to show.
// GET /api/halls — the halls the token reaches: all for a global admin, else its own.
import { Router } from "express";
import type { HallDirectory } from "../../app/hall-directory.js";
import { tokenOf } from "./auth.js";

export function meRouter(directory: HallDirectory): Router {
  const r = Router();
  r.get("/me", (_req, res) => {
    const t = tokenOf(res);
    res.json({ tokenId: t.id, role: t.role, hallId: t.hallId, windowId: t.windowId, label: t.label });
  });
  r.get("/halls", (_req, res) => {
    const t = tokenOf(res);
    const ids = t.hallId === null ? directory.ids() : directory.get(t.hallId) ? [t.hallId] : [];
    res.json({ halls: ids.map((id) => ({ hallId: id, name: directory.get(id)?.name ?? id })) });
  });
  return r;
}
