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
import { formKeyOf, snapshotForm, type DisplayFormKey } from "../../app/display-forms.js";
import { authOf, requireKnownHall } from "./socket-auth.js";

type DisplayNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type DisplaySocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** The room of a hall's displays that receive one form (display-forms.ts). */
export const displayRoom = (hallId: string, form: DisplayFormKey) => `hall:${form}:${hallId}`;

/**
 * `auth.compact: true` asks for today's series as a tail, `auth.floorTickets: false` declines the
 * per-ticket waits, `auth.fieldDeltas: true` asks for changed fields instead of whole entries.
 */
const formOf = (socket: DisplaySocket): DisplayFormKey => {
  const auth = authOf(socket);
  return formKeyOf({ compact: auth.compact === true, floorTickets: auth.floorTickets !== false, fieldDeltas: auth.fieldDeltas === true });
};

function catchUp(socket: DisplaySocket, live: LiveHalls, hallId: string, lastSeq: unknown): number | null {
  const form = formOf(socket);
  const missed = typeof lastSeq === "number" && Number.isSafeInteger(lastSeq) ? live.missedSince(hallId, lastSeq, form) : null;
  if (missed) {
    for (const u of missed) socket.emit("update", u);
    return missed.at(-1)?.seq ?? (lastSeq as number);
  }
  const snapshot = live.snapshot(hallId);
  if (!snapshot) return null;
  socket.emit("snapshot", snapshotForm(snapshot, form));
  return snapshot.seq;
}

export function registerDisplayHandlers(ns: DisplayNamespace, live: LiveHalls, directory: HallDirectory): void {
  ns.use(requireKnownHall(directory));
  ns.on("connection", (socket) => {
    const hallId = socket.data.hallId as string;
    // Joining and catching up happen in the same tick, so no update can fall between them.
    void socket.join(displayRoom(hallId, formOf(socket)));
    catchUp(socket, live, hallId, authOf(socket).lastSeq);
    socket.on("resync", (lastSeq, ack) => {
      const seq = catchUp(socket, live, hallId, lastSeq);
      if (typeof ack === "function") ack(seq === null ? { ok: false, error: { code: "not_found", message: "hall not found" } } : { ok: true, data: { seq } });
    });
  });
}
