// /staff: a staff token bound to one window sends `action`s (acked after their event is committed) and
// receives its console view (`staff.view`) on connect and after every publication of its hall.
import type { Namespace } from "socket.io";
import { type ClientToServerEvents, type InterServerEvents, type ServerToClientEvents, type SocketData, type StaffView, startOfLocalDay } from "../../../contract/index.js";
import type { HallDirectory } from "../../app/hall-directory.js";
import { CONSOLE_DEVICE, type DeviceSightings } from "../../app/device-sightings.js";
import type { LiveHalls } from "../../app/live-halls.js";
import type { StaffActions } from "../../app/staff-actions.js";
import type { Clock } from "../../app/ports.js";
import { waitingTickets, type WaitingTicket } from "../../domain/next-ticket.js";
import { computeStaffView } from "../../domain/staff-view.js";
import { failure } from "./register-ingest-handlers.js";
import { HandshakeError } from "./socket-auth.js";

type StaffNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

const staffRoom = (hallId: string, windowId: string) => `staff:${hallId}:${windowId}`;

export function registerStaffHandlers(ns: StaffNamespace, deps: { actions: StaffActions; live: LiveHalls; directory: HallDirectory; clock: Clock; onlineListVersion(hallId: string): number | null; sightings?: DeviceSightings }): void {
  const viewOf = (hallId: string, windowId: string, at?: { now: number; hallWaiting: readonly WaitingTicket[] }): StaffView | null => {
    const hall = deps.directory.get(hallId);
    if (!hall) return null;
    const now = at?.now ?? deps.clock.now();
    return computeStaffView(deps.live.facts(hallId), hall, hallId, windowId, now, startOfLocalDay(now, hall.timezone), deps.onlineListVersion(hallId), at?.hallWaiting);
  };

  ns.use((socket, next) => {
    const { hallId, windowId } = socket.data;
    if (hallId === null || windowId === null) return next(new HandshakeError("forbidden", "a staff token bound to a window is required"));
    // A hall made on another node a moment ago is read first (HallDirectory.getFresh).
    deps.directory.getFresh(hallId).then(
      (hall) => next(hall?.windows.some((w) => w.id === windowId) ? undefined : new HandshakeError("not_found", `unknown window "${windowId}"`)),
      (err: unknown) => next(err instanceof Error ? err : new Error(String(err))),
    );
  });

  ns.on("connection", (socket) => {
    const hallId = socket.data.hallId as string;
    const windowId = socket.data.windowId as string;
    void socket.join(staffRoom(hallId, windowId));
    // The console's heartbeat (issue #9): alive while connected, last seen when it drops.
    deps.sightings?.connected(hallId, windowId, deps.clock.now());
    socket.on("disconnect", () => deps.sightings?.disconnected(hallId, windowId, deps.clock.now()));
    const first = viewOf(hallId, windowId);
    if (first) socket.emit("staff.view", first);

    socket.on("action", async (action, ack) => {
      if (typeof ack !== "function") return;
      deps.sightings?.seen(hallId, windowId, CONSOLE_DEVICE, deps.clock.now());
      try {
        ack(await deps.actions.act({ hallId, windowId }, action));
      } catch (err) {
        ack(failure(err));
      }
    });
    socket.on("view", (ack) => {
      if (typeof ack !== "function") return;
      const view = viewOf(hallId, windowId);
      ack(view ? { ok: true, data: view } : { ok: false, error: { code: "not_found", message: "hall not found" } });
    });
  });

  // After each publication of a hall — or each one skipped because no display on this node shows the
  // hall (a console's view is computed from the facts, not from the hall's view) — and after a change of
  // its configuration (names, categories), push a fresh view to each of its windows that has a console open.
  // The hall's waiting tickets are read once per push, at one instant, for all its consoles.
  const pushAll = (hallId: string) => {
    let at: { now: number; hallWaiting: readonly WaitingTicket[] } | undefined;
    for (const room of ns.adapter.rooms.keys()) {
      if (!room.startsWith(`staff:${hallId}:`)) continue;
      if (!at) {
        const hall = deps.directory.get(hallId);
        if (!hall) return;
        const now = deps.clock.now();
        // Every category any window serves (and the hall's own): what any console's list is filtered from.
        const categories = [...new Set([...hall.categories.map((c) => c.id), ...hall.windows.flatMap((w) => w.categories)])];
        at = { now, hallWaiting: waitingTickets(deps.live.facts(hallId), categories, now) };
      }
      const view = viewOf(hallId, room.slice(`staff:${hallId}:`.length), at);
      // Each node pushes to its own consoles (with the Redis adapter `to` would reach every node's, twice).
      if (view) ns.local.to(room).emit("staff.view", view);
    }
  };
  deps.live.onPublish(pushAll);
  deps.live.onStale(pushAll);
  deps.directory.onChange(pushAll);
}
