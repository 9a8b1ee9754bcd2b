// /overview (issue #11): the province overview pushed live to tokens that span halls — an overseer or an
// admin without hall; a hall's own tokens (even its admin) are refused, as on GET /api/overview. Each
// node sends to its own sockets (`local`) from its own live state: every node follows the whole log, and
// through the Redis adapter a plain emit would reach every node's overview pages once per node.
import type { Namespace, Socket } from "socket.io";
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "../../../contract/index.js";
import type { HallDirectory } from "../../app/hall-directory.js";
import type { LiveHalls } from "../../app/live-halls.js";
import { OverviewFeed } from "../../app/overview-feed.js";
import type { OverviewQuery } from "../../app/overview-query.js";
import type { Clock } from "../../app/ports.js";
import { HandshakeError } from "./socket-auth.js";

type OverviewNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** `requireRoles` admits a hall's admin to its own hall; the overview needs a token without hall. */
export function requireSpanningToken(socket: Socket, next: (err?: Error) => void): void {
  const data = socket.data as SocketData;
  next(data.hallId === null ? undefined : new HandshakeError("forbidden", "the province overview needs a token that spans halls (an overseer, or an admin without hall)"));
}

export function registerOverviewHandlers(ns: OverviewNamespace, deps: { query: OverviewQuery; live: LiveHalls; directory: HallDirectory; clock: Clock }): OverviewFeed {
  ns.use(requireSpanningToken);
  const feed = new OverviewFeed({
    query: deps.query,
    live: deps.live,
    directory: deps.directory,
    clock: deps.clock,
    listening: () => ns.sockets.size > 0,
    send: (overview) => ns.local.emit("overview", overview),
  });
  ns.on("connection", (socket) => {
    // The kept answer (at most 3 s old) when there is one: many pages opening at once cost one taking.
    void deps.query.get().then((overview) => {
      if (!socket.connected) return;
      socket.emit("overview", overview);
      feed.noteSent(overview);
    });
  });
  return feed;
}
