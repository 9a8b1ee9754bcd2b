// Sends the live feed to the displays of a hall through its room.
import type { Namespace } from "socket.io";
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "../../../contract/index.js";
import type { Broadcaster } from "../../app/live-halls.js";
import { compactHallRoom, hallRoom } from "./register-display-handlers.js";

export function socketBroadcaster(ns: Namespace<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>): Broadcaster {
  return {
    snapshot: (hallId, snapshot) => ns.to([hallRoom(hallId), compactHallRoom(hallId)]).emit("snapshot", snapshot),
    update: (hallId, update, compact) => {
      ns.to(hallRoom(hallId)).emit("update", update);
      ns.to(compactHallRoom(hallId)).emit("update", compact);
    },
  };
}
