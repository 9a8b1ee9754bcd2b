// Before any route of /api/halls/:hallId runs: a hall unknown to this node is read from the database once
// in a cluster (HallDirectory.getFresh), so that a hall made on another node a moment ago is not answered
// 404 here. It refuses nothing itself — the routes still answer an unknown hall as they always did.
import type { NextFunction, Request, Response } from "express";
import type { HallDirectory } from "../../app/hall-directory.js";

export function knownHall(directory: HallDirectory) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const hallId = req.params.hallId;
    if (typeof hallId === "string") await directory.getFresh(hallId);
    next();
  };
}
