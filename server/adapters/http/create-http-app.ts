// The express application: security headers, health, the authenticated API routers, the pages, and one
// error handler that turns every failure into the contract's error body.
import express, { type NextFunction, type Request, type Response } from "express";
import type { Logger } from "pino";
import type { HallDirectory } from "../../app/hall-directory.js";
import type { IngestEvents } from "../../app/ingest-events.js";
import type { LoadQuery } from "../../app/load-query.js";
import type { LiveHalls } from "../../app/live-halls.js";
import type { ArrivalHistoryReader, Clock, EventLog, QuarantineRepository } from "../../app/ports.js";
import type { EstimateStore, ReceivedEventReader } from "../../app/ports.js";
import type { TokenService } from "../../app/token-service.js";
import type { CalendarHolder } from "../../app/calendar-holder.js";
import type { ConsistencyService } from "../../app/consistency-service.js";
import type { PrismaCalendarRepository } from "../sqlite/calendar-repository.js";
import type { PrismaFindingRepository } from "../sqlite/finding-repository.js";
import { calendarRouter } from "./calendar-router.js";
import { consistencyRouter } from "./consistency-router.js";
import { itemsRouter } from "./items-router.js";
import { followUpsRouter } from "./followups-router.js";
import { historyRouter } from "./history-router.js";
import { staffingRouter } from "./staffing-router.js";
import { reportRouter } from "./report-router.js";
import { whatIfRouter } from "./whatif-router.js";
import { forecastRouter } from "./forecast-router.js";
import { sameKindOfDay } from "../../app/live-warnings.js";
import { floorQualityRouter } from "./floor-quality-router.js";
import type { RollupReader } from "../../app/history-query.js";
import type { RollupRunner } from "../rollup/rollup-runner.js";
import type { FollowUpService } from "../../app/follow-up-service.js";
import type { ItemLists } from "../../app/item-lists.js";
import { StorageError } from "../group-commit.js";
import { DEFAULT_LIMITS, type ServerLimits } from "../limits.js";
import { createAbuseGuards, type AbuseGuards } from "../rate-limits.js";
import { limitedAuthenticate } from "./rate-limit.js";
import { eventsRouter } from "./events-router.js";
import { hallsRouter } from "./halls-router.js";
import { HttpError, sendError } from "./http-error.js";
import { loadRouter } from "./load-router.js";
import { meRouter } from "./me-router.js";
import { quarantineRouter } from "./quarantine-router.js";
import { securityHeaders } from "./security-headers.js";
import { originCheck } from "./origin-check.js";
import { SAME_ORIGIN_ONLY, type OriginPolicy } from "../socket/origin-check.js";
import { staticClient } from "./static-client.js";
import { knownHall } from "./known-hall.js";
import { tokensRouter } from "./tokens-router.js";
import { publicRouter } from "./public-router.js";
import { openDataRouter } from "./open-data-router.js";
import { overviewRouter } from "./overview-router.js";
import type { OverviewQuery } from "../../app/overview-query.js";
import { PublicHalls } from "../../app/public-halls.js";
import { Budget } from "../rate-limits.js";

export interface HttpDeps {
  logger: Logger;
  clock: Clock;
  tokens: TokenService;
  directory: HallDirectory;
  ingest: IngestEvents;
  load: LoadQuery;
  quarantine: QuarantineRepository;
  consistency: ConsistencyService;
  findings: PrismaFindingRepository;
  calendar: CalendarHolder;
  calendarRepo: PrismaCalendarRepository;
  itemLists: ItemLists;
  followUps: FollowUpService;
  rollups: RollupReader;
  rollupRunner: RollupRunner;
  log: EventLog;
  live: LiveHalls;
  /** The province overview (issue #11), shared with the /overview namespace's live push. */
  overview: OverviewQuery;
  /** Same-weekday arrival history from the rollups (issue #9, the forecast chart). */
  arrivals: ArrivalHistoryReader;
  /** The wait estimates given at issue (issue #9, calibration). */
  estimates: EstimateStore;
  /** Events with their receive times (issue #9, device data quality). */
  receivedEvents: ReceivedEventReader;
  clientDir: string;
  version: string;
  /** Browser origins allowed besides the server's own (state-changing API requests). */
  origins?: OriginPolicy;
  /** Sizes and rates (../limits.ts); the defaults when absent. */
  limits?: ServerLimits;
  /** The rate limiters, shared with socket.io so that failed authentications count together. */
  guards?: AbuseGuards;
  /** TRUST_PROXY (issue #11): proxies trusted to report the client's address. */
  trustProxy?: readonly string[];
  /** Issue #11: told when an administrator changed the calendar here (other nodes of a cluster reload it). */
  onCalendarChanged?: () => void;
}

export function createHttpApp(deps: HttpDeps, isReady: () => boolean): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // Behind proxies named in TRUST_PROXY (issue #11), req.ip is the client's address they report.
  if (deps.trustProxy && deps.trustProxy.length > 0) app.set("trust proxy", [...deps.trustProxy]);
  app.set("query parser", "simple");
  app.use(securityHeaders());
  app.use("/api", originCheck(deps.origins ?? SAME_ORIGIN_ONLY));

  app.get("/api/health", (_req, res) => {
    if (isReady()) res.json({ status: "ok", version: deps.version });
    else res.status(503).json({ status: "starting" });
  });
  app.use("/api", (_req, res, next) => (isReady() ? next() : sendError(res, 503, "not_ready", "the server is starting")));
  const limits = deps.limits ?? DEFAULT_LIMITS;
  // Issue #10: the public page's API and the open data are anonymous, so they come before authentication,
  // with their own per-client budget; a hall that has not opted in is 404 there like an unknown one.
  const publicHalls = new PublicHalls({ directory: deps.directory, live: deps.live, calendar: deps.calendar, clock: deps.clock, rollups: deps.rollups, findings: deps.findings });
  const publicBudget = deps.guards?.publicClient ?? new Budget("http-public", limits.rates.publicClient);
  app.use("/api/public", publicRouter(publicHalls, publicBudget));
  app.use("/api/open-data", openDataRouter(publicHalls, publicBudget));
  app.use("/api", limitedAuthenticate(deps.tokens, deps.guards ?? createAbuseGuards(limits)));
  app.use("/api/halls/:hallId", knownHall(deps.directory));
  app.use("/api", meRouter(deps.directory));
  app.use("/api", hallsRouter(deps.directory));
  app.use("/api", tokensRouter(deps.tokens, deps.directory, deps.clock));
  app.use("/api", eventsRouter(deps.ingest, deps.directory, limits.maxIngestMessageBytes));
  app.use("/api", loadRouter(deps.load, deps.directory, deps.clock));
  app.use("/api", quarantineRouter(deps.quarantine));
  app.use("/api", itemsRouter(deps.itemLists, deps.directory));
  app.use("/api", followUpsRouter(deps.followUps, deps.directory));
  app.use("/api", historyRouter(deps.rollups, deps.rollupRunner, deps.directory, deps.clock));
  app.use("/api", staffingRouter(deps.rollups, deps.directory, deps.clock));
  app.use("/api", reportRouter(deps.rollups, deps.directory));
  app.use("/api", whatIfRouter(deps.log, deps.directory, deps.clock, deps.live));
  app.use("/api", forecastRouter({ live: deps.live, arrivals: deps.arrivals, historyDay: sameKindOfDay(() => deps.calendar.get()) }, deps.directory, deps.clock));
  app.use("/api", floorQualityRouter(deps.estimates, deps.receivedEvents, deps.directory, deps.clock));
  app.use("/api", consistencyRouter(deps.consistency, deps.directory, deps.findings));
  // Issue #11: the province overview, for tokens that span halls (overseer, admin without hall).
  app.use("/api", overviewRouter(deps.overview));
  app.use("/api", calendarRouter(deps.calendar, deps.calendarRepo, async () => {
    deps.onCalendarChanged?.();
    for (const hallId of deps.directory.ids()) await deps.consistency.reevaluate(hallId);
  }));
  app.use("/api", (_req, res) => sendError(res, 404, "not_found", "no such API route"));
  app.use(staticClient(deps.clientDir));

  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof HttpError) return sendError(res, err.status, err.code, err.message, err.field);
    const type = (err as { type?: string }).type;
    if (type === "entity.too.large") {
      const limit = (err as { limit?: unknown }).limit;
      return sendError(res, 413, "payload_too_large", typeof limit === "number" ? `body: larger than ${limit} bytes` : "body: too large");
    }
    if (type === "entity.parse.failed") return sendError(res, 400, "bad_request", "body: invalid JSON", "body");
    if (type === "encoding.unsupported" || type === "charset.unsupported")
      return sendError(res, 415 as number, "bad_request", "body: unsupported encoding", "body");
    if (err instanceof StorageError) {
      deps.logger.error({ err: err.message }, "storage unavailable");
      return sendError(res, 503, "storage_unavailable", "the event log cannot be written right now; retry later");
    }
    deps.logger.error({ err }, "unhandled error");
    sendError(res, 500, "internal", "internal error");
  });
  return app;
}
