// Sends the live feed to the displays of a hall through its room — this node's displays only (`local`):
// every node of a cluster computes the live view from the shared log and serves its own displays, whose
// seq numbers are that node's (a display that fails over gets a snapshot from its new node).
import type { Namespace } from "socket.io";
import type { ClientToServerEvents, DisplayUpdate, InterServerEvents, ServerToClientEvents, SocketData } from "../../../contract/index.js";
import type { Broadcaster } from "../../app/live-halls.js";
import { DISPLAY_FORM_KEYS, snapshotForm } from "../../app/display-forms.js";
import { displayRoom } from "./register-display-handlers.js";

export function socketBroadcaster(ns: Namespace<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>): Broadcaster {
  return {
    snapshot: (hallId, snapshot) => {
      for (const key of DISPLAY_FORM_KEYS) ns.local.to(displayRoom(hallId, key)).emit("snapshot", snapshotForm(snapshot, key));
    },
    update: (hallId, forms) => {
      for (const key of DISPLAY_FORM_KEYS) ns.local.to(displayRoom(hallId, key)).emit("update", forms[key] as DisplayUpdate);
    },
  };
}
