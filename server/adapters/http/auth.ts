// Bearer tokens and the per-route role/hall check (authentication itself is `limitedAuthenticate`,
// rate-limit.ts). 401: no or unknown token; 403: a valid token of the wrong role or hall.
import type { NextFunction, Request, Response } from "express";
import type { Role } from "../../../contract/index.js";
import { authorize } from "../../app/authorize.js";
import type { TokenRecord } from "../../app/ports.js";
import { HttpError } from "./http-error.js";

export function bearerToken(req: Request): string | null {
  const header = req.get("authorization");
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return m ? (m[1] as string) : null;
}

export function tokenOf(res: Response): TokenRecord {
  const t = res.locals.token as TokenRecord | undefined;
  if (!t) throw new HttpError(401, "unauthorized", "missing or invalid token");
  return t;
}

/** Allows the given roles on the hall named by `:hallId` (or a hall-less resource when there is none). */
export function allow(...roles: Role[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    const hallId = typeof req.params.hallId === "string" ? req.params.hallId : null;
    checkAccess(tokenOf(res), roles, hallId);
    next();
  };
}

/**
 * A hall's read route (GET): the given roles, and also the overseer (issue #11). The overseer watches every
 * hall from the province overview and drills down into each hall's wall and admin pages, so it may read
 * whatever a hall's own readers may read — but never change anything: this is the one place that grants
 * it, and it grants only GET/HEAD, so even a write route wrongly marked with it stays closed to the role.
 */
export function allowRead(...roles: Role[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    const hallId = typeof req.params.hallId === "string" ? req.params.hallId : null;
    checkAccess(tokenOf(res), readers(req, roles), hallId);
    next();
  };
}

/** `allowRead` for a route without `:hallId` (e.g. the shared holiday calendar). */
export function allowReadRole(...roles: Role[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    const token = tokenOf(res);
    if (!readers(req, roles).includes(token.role)) throw new HttpError(403, "forbidden", `a ${token.role} token may not do this`);
    next();
  };
}

/** The roles of a read route for this request: the overseer joins them only when the request reads. */
function readers(req: Request, roles: readonly Role[]): readonly Role[] {
  return req.method === "GET" || req.method === "HEAD" ? [...roles, "overseer"] : roles;
}

/** Allows the given roles on a route without `:hallId`; the route then checks the hall it touches. */
export function allowRole(...roles: Role[]) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const token = tokenOf(res);
    if (!roles.includes(token.role)) throw new HttpError(403, "forbidden", `a ${token.role} token may not do this`);
    next();
  };
}

export function checkAccess(token: TokenRecord, roles: readonly Role[], hallId: string | null): void {
  const decision = authorize(token, roles, hallId);
  if (decision === "wrong_role") throw new HttpError(403, "forbidden", `a ${token.role} token may not do this`);
  if (decision === "wrong_hall") throw new HttpError(403, "forbidden", "this token belongs to another hall");
}
