// The public page's API (issue #10), anonymous and read-only, mounted before authentication:
// GET /api/public/halls/:hallId and GET /api/public/halls/:hallId/tickets/:number. A hall that has not
// opted in answers exactly like an unknown one (404 not_found), so the API does not reveal which halls
// exist. Answers come from memory and may be cached for 5 s by the phone and any proxy in between.
import { Router, type NextFunction, type Request, type Response } from "express";
import { ID_PATTERN } from "../../../contract/index.js";
import type { PublicHalls } from "../../app/public-halls.js";
import { clientKey, type Budget } from "../rate-limits.js";
import { HttpError, notFound } from "./http-error.js";
import { sendRateLimited } from "./rate-limit.js";

const LIVE_CACHE = "public, max-age=5";
/** A printed ticket number (contract/ids.ts ticketNoSchema). */
const TICKET_NO = /^[A-Za-z0-9-]{1,16}$/;

/** Per-client-IP budget of the anonymous routes (RATE_PUBLIC): 429 rate_limited with Retry-After. */
export function publicRateLimit(budget: Budget) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const verdict = await budget.take(clientKey(req.ip ?? req.socket.remoteAddress));
    if (!verdict.ok) return sendRateLimited(res, verdict.retryAfterMs, "too many requests from this address; retry later");
    next();
  };
}

/** The hall id of a public route: anything malformed is a hall that is not there. */
export function publicHallId(raw: unknown): string {
  if (typeof raw !== "string" || !ID_PATTERN.test(raw)) throw notFound("hall");
  return raw;
}

export function publicRouter(halls: PublicHalls, budget: Budget): Router {
  const r = Router();
  r.use(publicRateLimit(budget));
  r.get("/halls/:hallId", (req, res) => {
    // Serialized once per second per hall, however many phones ask; a phone revalidating gets 304.
    const view = halls.viewJson(publicHallId(req.params.hallId));
    if (!view) throw notFound("hall");
    res.set("Cache-Control", LIVE_CACHE).set("ETag", view.etag);
    if (req.headers["if-none-match"] === view.etag) return void res.status(304).end();
    res.type("application/json").send(view.json);
  });
  r.get("/halls/:hallId/tickets/:number", (req, res) => {
    const hallId = publicHallId(req.params.hallId);
    if (!halls.hall(hallId)) throw notFound("hall");
    const number = req.params.number;
    if (typeof number !== "string" || !TICKET_NO.test(number)) throw new HttpError(400, "bad_request", "number: must be 1–16 characters of A-Z a-z 0-9 -", "number");
    const ticket = halls.ticket(hallId, number);
    if (!ticket) throw notFound("ticket");
    res.set("Cache-Control", LIVE_CACHE).json(ticket);
  });
  // Nothing else under /api/public: not found, never "unauthorized".
  r.use((_req, _res, next) => next(notFound("public route")));
  return r;
}
