// The socket.io server and its namespaces, each authenticated by role before any handler runs.
import type { Server as HttpServer } from "node:http";
import { Server, type ServerOptions } from "socket.io";
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "../../../contract/index.js";
import type { HallDirectory } from "../../app/hall-directory.js";
import type { IngestEvents } from "../../app/ingest-events.js";
import type { LiveHalls } from "../../app/live-halls.js";
import type { Clock } from "../../app/ports.js";
import type { StaffActions } from "../../app/staff-actions.js";
import type { TokenService } from "../../app/token-service.js";
import { registerDisplayHandlers } from "./register-display-handlers.js";
import { registerIngestHandlers } from "./register-ingest-handlers.js";
import type { DeviceSightings } from "../../app/device-sightings.js";
import { registerStaffHandlers } from "./register-staff-handlers.js";
import { registerOverviewHandlers } from "./register-overview-handlers.js";
import type { OverviewQuery } from "../../app/overview-query.js";
import { disconnectRevoked, requireRoles, requireStillValid } from "./socket-auth.js";
import { socketBroadcaster } from "./socket-broadcaster.js";
import { originAllowRequest, SAME_ORIGIN_ONLY, type OriginPolicy } from "./origin-check.js";
import { DEFAULT_LIMITS, type ServerLimits } from "../limits.js";
import { createAbuseGuards, type AbuseGuards } from "../rate-limits.js";
import { guardHandshake, throttleSockets } from "./socket-limits.js";
import { clientAddress } from "../client-address.js";

export interface SocketDeps {
  tokens: TokenService;
  directory: HallDirectory;
  ingest: IngestEvents;
  live: LiveHalls;
  staffActions: StaffActions;
  /** The province overview's figures, shared with GET /api/overview (issue #11: pushed on /overview). */
  overview: OverviewQuery;
  clock: Clock;
  onlineListVersion(hallId: string): number | null;
  /** Consoles' signs of life for the lost-heartbeat alert (issue #9). */
  sightings?: DeviceSightings;
  /** Browser origins allowed besides the server's own (every handshake is checked, see origin-check.ts). */
  origins?: OriginPolicy;
  /** Sizes and rates (../limits.ts); the defaults when absent. */
  limits?: ServerLimits;
  /** The rate limiters, shared with HTTP so that failed authentications count together. */
  guards?: AbuseGuards;
  /** TRUST_PROXY (issue #11): proxies trusted to report the client's address. */
  trustProxy?: readonly string[];
  /** REDIS_URL (issue #11): socket.io's Redis Streams adapter. */
  adapter?: ServerOptions["adapter"];
  /** Told of every ingest failure that is answered with an error ack (e.g. a full disk), to be logged. */
  onIngestFailure?: (err: unknown) => void;
}

export function createSocketServer(http: HttpServer, deps: SocketDeps) {
  const io = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(http, {
    serveClient: false,
    // One frame limit for every namespace, before authentication (limits.ts); a larger frame closes that connection.
    maxHttpBufferSize: (deps.limits ?? DEFAULT_LIMITS).maxSocketMessageBytes,
    allowRequest: originAllowRequest(deps.origins ?? SAME_ORIGIN_ONLY),
    // Issue #11: the Redis Streams adapter of a cluster, set before the namespaces are made (they keep the adapter they were made with).
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
  });
  // The root namespace serves nothing; refuse it so that stray clients get a clear answer.
  io.of("/").use((_socket, next) => next(new Error("use a namespace: /ingest, /display, /staff or /overview")));
  const guards = deps.guards ?? createAbuseGuards(deps.limits ?? DEFAULT_LIMITS);
  const addressOf = clientAddress(deps.trustProxy);

  const ingest = io.of("/ingest");
  ingest.use(guardHandshake(guards.auth, requireRoles(deps.tokens, ["device", "admin"]), addressOf));
  throttleSockets(ingest, guards.ingest);
  registerIngestHandlers(ingest, deps.ingest, deps.directory, deps.onIngestFailure);

  const display = io.of("/display");
  // The overseer (issue #11) opens any hall's wall from the province overview; /display only reads.
  display.use(guardHandshake(guards.auth, requireRoles(deps.tokens, ["display", "manager", "admin", "overseer"]), addressOf));
  throttleSockets(display, guards.display);
  registerDisplayHandlers(display, deps.live, deps.directory);

  const staff = io.of("/staff");
  staff.use(guardHandshake(guards.auth, requireRoles(deps.tokens, ["staff"]), addressOf));
  throttleSockets(staff, guards.staff);
  registerStaffHandlers(staff, { actions: deps.staffActions, live: deps.live, directory: deps.directory, clock: deps.clock, onlineListVersion: deps.onlineListVersion, ...(deps.sightings ? { sightings: deps.sightings } : {}) });

  // Issue #11: the province overview, pushed to tokens that span halls (a hall's admin is refused there).
  const overview = io.of("/overview");
  overview.use(guardHandshake(guards.auth, requireRoles(deps.tokens, ["admin", "overseer"]), addressOf));
  throttleSockets(overview, guards.display);
  const overviewFeed = registerOverviewHandlers(overview, { query: deps.overview, live: deps.live, directory: deps.directory, clock: deps.clock });

  // Revocation: sockets being admitted are checked last thing before they connect, connected ones are cut.
  const namespaces = [ingest, display, staff, overview];
  for (const ns of namespaces) ns.use(requireStillValid(deps.tokens));
  deps.tokens.onRevoke((tokenId) => disconnectRevoked(namespaces, tokenId));
  return { io, broadcaster: socketBroadcaster(display), overviewFeed };
}
