// What ConsistencyService needs from the rest of the server: the clock, the event log, the halls, the item
// lists, the findings store and the calendar, and whom to tell (apart, as live-halls-options.ts is).
import type { Finding, ItemSource } from "../../contract/index.js";
import type { WorkingCalendar } from "../domain/calendar/working-calendar.js";
import type { ItemList } from "../domain/consistency/inputs.js";
import type { FindingTracker } from "../domain/consistency/tracker.js";
import type { HallDirectory } from "./hall-directory.js";
import type { Clock, EventLog } from "./ports.js";

export interface ConsistencyPorts {
  clock: Clock;
  log: EventLog;
  directory: HallDirectory;
  lists: { list(hallId: string, source: ItemSource): Promise<ItemList | null> };
  findings: { open(hallId: string): Promise<Finding[]>; save(hallId: string, change: ReturnType<FindingTracker["apply"]>, at: Date): Promise<void> };
  calendar(): WorkingCalendar;
  /** Called after the findings of a hall changed. */
  onChange(hallId: string): void;
  /** Told when an evaluation fails (e.g. its findings cannot be written to a full disk); the next one retries. */
  onError?(err: unknown): void;
  /**
   * Issue #11: whether this node writes findings. In a cluster every node evaluates (its live panel) but
   * only the leader stores, so two nodes never open the same finding twice. Absent: always.
   */
  mayWrite?(): boolean;
  /** The first wait before reading a hall's facts again after a failed read (LOAD_RETRY_MS; tests shorten it). */
  loadRetryMs?: number;
}
