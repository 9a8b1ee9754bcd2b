// /display: a snapshot on connect (or only the updates missed since `auth.lastSeq`), then the hall's
// coalesced updates through its room. `resync` repeats that when a client sees a gap.
import type { Namespace, Socket } from "socket.io";
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData,
} from "../../../contract/index.js";
import type { HallDirectory } from "../../app/hall-directory.js";
import type { LiveHalls } from "../../app/live-halls.js";
import { authOf, HandshakeError, resolveHall } from "./socket-auth.js";

type DisplayNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type DisplaySocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export const hallRoom = (hallId: string) => `hall:${hallId}`;
/** Displays that asked for compact updates (`auth.compact`): today's series as a tail. */
export const compactHallRoom = (hallId: string) => `hall-compact:${hallId}`;

const wantsCompact = (socket: DisplaySocket) => authOf(socket).compact === true;

function catchUp(socket: DisplaySocket, live: LiveHalls, hallId: string, lastSeq: unknown): number | null {
  const missed = typeof lastSeq === "number" && Number.isSafeInteger(lastSeq) ? live.missedSince(hallId, lastSeq, wantsCompact(socket)) : null;
  if (missed) {
    for (const u of missed) socket.emit("update", u);
    return missed.at(-1)?.seq ?? (lastSeq as number);
  }
  const snapshot = live.snapshot(hallId);
  if (!snapshot) return null;
  socket.emit("snapshot", snapshot);
  return snapshot.seq;
}

export function registerDisplayHandlers(ns: DisplayNamespace, live: LiveHalls, directory: HallDirectory): void {
  ns.use((socket, next) => {
    try {
      const hallId = resolveHall(socket.data, authOf(socket));
      if (!directory.get(hallId)) return next(new HandshakeError("not_found", `unknown hall "${hallId}"`));
      socket.data.hallId = hallId;
      next();
    } catch (err) {
      next(err as Error);
    }
  });
  ns.on("connection", (socket) => {
    const hallId = socket.data.hallId as string;
    // Joining and catching up happen in the same tick, so no update can fall between them.
    void socket.join(wantsCompact(socket) ? compactHallRoom(hallId) : hallRoom(hallId));
    catchUp(socket, live, hallId, authOf(socket).lastSeq);
    socket.on("resync", (lastSeq, ack) => {
      const seq = catchUp(socket, live, hallId, lastSeq);
      if (typeof ack === "function") ack(seq === null ? { ok: false, error: { code: "not_found", message: "hall not found" } } : { ok: true, data: { seq } });
    });
  });
}
