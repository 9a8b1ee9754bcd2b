// Issue #11: which staff consoles are connected anywhere in the cluster, every few seconds, through the
// Redis adapter's fetchSockets (it asks every node). Without it a console on node A would look lost on
// the walls served by node B.
import type { Namespace } from "socket.io";
import type { SocketData } from "../../../contract/index.js";
import type { DeviceSightings } from "../../app/device-sightings.js";
import type { Clock } from "../../app/ports.js";

export function startConsoleCensus(staff: Namespace, sightings: DeviceSightings, clock: Clock, onError: (message: string) => void, everyMs = 5000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    staff
      .fetchSockets()
      .then((sockets) => {
        const connected = new Set<string>();
        for (const s of sockets) {
          const data = s.data as SocketData | undefined;
          if (data?.hallId && data.windowId) connected.add(`${data.hallId}\u0000${data.windowId}`);
        }
        sightings.clusterConsoles(connected, clock.now());
      })
      .catch((err: Error) => onError(`console census failed: ${err.message}`))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
