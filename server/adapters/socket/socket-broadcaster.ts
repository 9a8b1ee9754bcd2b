// Sends the live feed to the displays of a hall through its room — this node's displays only (`local`):
// every node of a cluster computes the live view from the shared log and serves its own displays, whose
// seq numbers are that node's (a display that fails over gets a snapshot from its new node).
import type { Namespace } from "socket.io";
import type { ClientToServerEvents, DisplayUpdate, InterServerEvents, ServerToClientEvents, SocketData } from "../../../contract/index.js";
import type { Broadcaster } from "../../app/live-halls.js";
import { DISPLAY_FORM_KEYS, snapshotForm } from "../../app/display-forms.js";
import { displayRoom } from "./register-display-handlers.js";

export function socketBroadcaster(ns: Namespace<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>): Broadcaster {
  // A form nobody on this node asked for is not encoded at all: socket.io serializes (and frames) a
  // broadcast before it looks at the room, and the unused forms — the full one carries today's whole
  // series — cost more to encode than the used one (issue #8, the event-to-wall profile).
  const rooms = (hallId: string) =>
    DISPLAY_FORM_KEYS.flatMap((key) => {
      const room = displayRoom(hallId, key);
      return (ns.adapter.rooms.get(room)?.size ?? 0) > 0 ? [{ key, room }] : [];
    });
  return {
    // Consoles do not count: their views are computed from the facts, pushed at publications and at
    // skipped ones alike (register-staff-handlers.ts).
    watched: (hallId) => DISPLAY_FORM_KEYS.some((key) => (ns.adapter.rooms.get(displayRoom(hallId, key))?.size ?? 0) > 0),
    snapshot: (hallId, snapshot) => {
      for (const { key, room } of rooms(hallId)) ns.local.to(room).emit("snapshot", snapshotForm(snapshot, key));
    },
    update: (hallId, forms) => {
      for (const { key, room } of rooms(hallId)) ns.local.to(room).emit("update", forms[key] as DisplayUpdate);
    },
  };
}
