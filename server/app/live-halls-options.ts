// What LiveHalls (live-halls.ts) is wired with: its ports and hooks, and where its publications go.
import type { DisplaySnapshot, LiveConsistency, LiveHeartbeat } from "../../contract/index.js";
import type { UpdateForms } from "./display-forms.js";
import type { HallDirectory } from "./hall-directory.js";
import type { FloorScanner, LiveFloorOptions } from "./live-floor.js";
import type { Clock, EventLog } from "./ports.js";

export interface Broadcaster {
  /** Sent to every display in its form (display-forms.ts: snapshotForm). */
  snapshot(hallId: string, snapshot: DisplaySnapshot): void;
  /** One update in each display form (same seq and baseSeq in all). */
  update(hallId: string, forms: UpdateForms): void;
  /**
   * Whether a display on this node shows the hall now. A hall no display here shows is not computed at
   * its coalesced flushes (issue #11: in a cluster whose balancer keeps a hall's screens on one node, the
   * other nodes would compute it for nobody).
   */
  watched(hallId: string): boolean;
}

export interface LiveHallsOptions {
  /** The wall's consistency panel for a hall (absent until the consistency checks are wired). */
  consistency?: (hallId: string) => LiveConsistency;
  clock: Clock;
  log: EventLog;
  directory: HallDirectory;
  bootEpoch: number;
  coalesceMs?: number;
  heartbeatMs?: number;
  /** The floor section's hooks (issue #9). */
  floor?: LiveFloorOptions;
  /** The floor worker (adapters/floor-worker): scans the section on its own copy of the facts. */
  floorScanner?: FloorScanner;
  /** The floor worker failed; the section is computed on the event loop from then on. */
  onFloorScannerError?: (err: unknown) => void;
  /** Lost heartbeats of consoles and terminals at `now` (issue #9; server/app/device-sightings.ts). */
  heartbeats?: (hallId: string, now: number) => LiveHeartbeat[];
  /** A hall configured after the start could not be read from the log (it is read again later: load-retry.ts). Must not throw. */
  onLoadError?: (hallId: string, err: unknown) => void;
  /** The first wait before reading such a hall again (load-retry.ts; tests shorten it). */
  loadRetryMs?: number;
}
