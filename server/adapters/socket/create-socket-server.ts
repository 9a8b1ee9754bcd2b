// The socket.io server and its namespaces, each authenticated by role before any handler runs.
import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "../../../contract/index.js";
import type { HallDirectory } from "../../app/hall-directory.js";
import type { IngestEvents } from "../../app/ingest-events.js";
import type { LiveHalls } from "../../app/live-halls.js";
import type { Clock } from "../../app/ports.js";
import type { StaffActions } from "../../app/staff-actions.js";
import type { TokenService } from "../../app/token-service.js";
import { registerDisplayHandlers } from "./register-display-handlers.js";
import { registerIngestHandlers } from "./register-ingest-handlers.js";
import { registerStaffHandlers } from "./register-staff-handlers.js";
import { disconnectRevoked, requireRoles } from "./socket-auth.js";
import { socketBroadcaster } from "./socket-broadcaster.js";

export interface SocketDeps {
  tokens: TokenService;
  directory: HallDirectory;
  ingest: IngestEvents;
  live: LiveHalls;
  staffActions: StaffActions;
  clock: Clock;
  onlineListVersion(hallId: string): number | null;
}

/** 1 MB covers a batch of 500 events; larger frames close the socket. */
export const MAX_SOCKET_PAYLOAD_BYTES = 1_000_000;

export function createSocketServer(http: HttpServer, deps: SocketDeps) {
  const io = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(http, { serveClient: false, maxHttpBufferSize: MAX_SOCKET_PAYLOAD_BYTES });
  // The root namespace serves nothing; refuse it so that stray clients get a clear answer.
  io.of("/").use((_socket, next) => next(new Error("use a namespace: /ingest, /display or /staff")));

  const ingest = io.of("/ingest");
  ingest.use(requireRoles(deps.tokens, ["device", "admin"]));
  registerIngestHandlers(ingest, deps.ingest, deps.directory);

  const display = io.of("/display");
  display.use(requireRoles(deps.tokens, ["display", "manager", "admin"]));
  registerDisplayHandlers(display, deps.live, deps.directory);

  const staff = io.of("/staff");
  staff.use(requireRoles(deps.tokens, ["staff"]));
  registerStaffHandlers(staff, { actions: deps.staffActions, live: deps.live, directory: deps.directory, clock: deps.clock, onlineListVersion: deps.onlineListVersion });

  deps.tokens.onRevoke((tokenId) => disconnectRevoked([ingest, display, staff], tokenId));
  return { io, broadcaster: socketBroadcaster(display) };
}
