// Authentication with its limits (issue #7): failed authentications per client IP (then 429 for a while,
// see AuthFailureGuard), and requests per authenticated token. A refusal is 429 `rate_limited` with
// `Retry-After` (seconds) and `retryAfterMs` in the error body.
import type { NextFunction, Request, Response } from "express";
import type { ErrorBody } from "../../../contract/index.js";
import type { TokenService } from "../../app/token-service.js";
import { clientKey, type AbuseGuards } from "../rate-limits.js";
import { bearerToken } from "./auth.js";
import { HttpError } from "./http-error.js";

export function sendRateLimited(res: Response, retryAfterMs: number, message: string): void {
  const body: ErrorBody = { error: { code: "rate_limited", message, retryAfterMs } };
  res.status(429).set("Retry-After", String(Math.max(1, Math.ceil(retryAfterMs / 1000)))).json(body);
}

/**
 * Authenticates every /api request (401 without a known token; in a cluster a token made on another node a
 * moment ago is looked up, see `authenticateFresh`), with the failed-authentication guard and the per-token
 * request budget.
 */
export function limitedAuthenticate(tokens: TokenService, guards: AbuseGuards) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = await tokens.authenticateFresh(bearerToken(req));
    const auth = await guards.auth.check(clientKey(req.ip ?? req.socket.remoteAddress), token?.id ?? null);
    if (!auth.ok) return sendRateLimited(res, auth.retryAfterMs, "too many failed authentications from this address; retry later");
    if (!token) return next(new HttpError(401, "unauthorized", "missing, unknown or revoked token"));
    const budget = await guards.httpToken.take(token.id);
    if (!budget.ok) return sendRateLimited(res, budget.retryAfterMs, "too many requests with this token; retry later");
    res.locals.token = token;
    next();
  };
}
