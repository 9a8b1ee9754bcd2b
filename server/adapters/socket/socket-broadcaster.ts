// Sends the live feed to the displays of a hall through its room — this node's displays only (`local`):
// every node of a cluster computes the live view from the shared log and serves its own displays, whose
// seq numbers are that node's (a display that fails over gets a snapshot from its new node).
import type { Namespace } from "socket.io";
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "../../../contract/index.js";
import type { Broadcaster } from "../../app/live-halls.js";
import { compactHallRoom, hallRoom } from "./register-display-handlers.js";

export function socketBroadcaster(ns: Namespace<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>): Broadcaster {
  return {
    snapshot: (hallId, snapshot) => ns.local.to([hallRoom(hallId), compactHallRoom(hallId)]).emit("snapshot", snapshot),
    update: (hallId, update, compact) => {
      ns.local.to(hallRoom(hallId)).emit("update", update);
      ns.local.to(compactHallRoom(hallId)).emit("update", compact);
    },
  };
}
