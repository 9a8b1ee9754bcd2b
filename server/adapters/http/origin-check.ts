// Refuses state-changing API requests (anything but GET, HEAD, OPTIONS) that a browser sent from a
// foreign page: an `Origin` header that is neither the server's own (same host:port as `Host`) nor in
// ALLOWED_ORIGINS → 403 forbidden. Tokens travel in the Authorization header, never in cookies, so this is
// defence in depth against CSRF; requests without Origin (devices, scripts, curl) pass.
import type { NextFunction, Request, Response } from "express";
import { ORIGIN_REFUSED, requestOriginAllowed, type OriginPolicy } from "../socket/origin-check.js";
import { HttpError } from "./http-error.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function originCheck(policy: OriginPolicy) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method) || requestOriginAllowed(req, policy)) return next();
    next(new HttpError(403, "forbidden", ORIGIN_REFUSED));
  };
}
