// Today's rollups computed on the floor worker's copy of the live facts instead of from the log (issue #8):
// the rollup worker re-read the whole day from the log at each of today's recomputes, a third copy of the
// day built and dropped every 30 s — at 1,000 events/s the steps in the process's RSS the benchmark shows.
// The floor worker computes the day (computeDay, the same function) and sends it on a MessagePort straight
// to the rollup worker, which writes it: the main thread never holds the figures. A past day, and today
// while a hall's live facts are not held, is still read from the log — the final figures of every day
// come from the log once it has ended (live-today.ts). docs/architecture.md, "History rollups".
import type { MessagePort } from "node:worker_threads";
import type { HallConfig } from "../../../contract/index.js";
import type { FloorDays } from "../../domain/history/floor-days.js";
import type { Rollup } from "../../domain/history/rollup.js";

/** What the computing thread sends on the port: the day's figures, or why it could not. */
export type ComputedDay = { ok: true; rollup: Rollup; floor: FloorDays } | { ok: false; error: string };

/** Computes hall-local days on a copy of the live facts held off the main thread (the floor worker). */
export interface LiveDaySource {
  /**
   * A number that changes whenever the hall's live facts change (folds, prunes); null while they are not
   * all held here (the hall not loaded yet, its read failed, or the floor worker is down): read the log.
   */
  version(hallId: string): number | null;
  /**
   * Resolves once every event committed before the call is folded into the live facts: a commit is visible
   * in the log (its day marked) a moment before they fold it — the facts must not be read in between.
   */
  folded(): Promise<void>;
  /** Computes [start, end) of `day` as of `asOf` on the hall's live facts and sends a ComputedDay on `port`. */
  computeDay(request: { hallId: string; config: HallConfig; day: string; start: number; end: number; asOf: number }, port: MessagePort): void;
}

/**
 * The day sent on `port`; rejected if the sender reports an error or its side closes first (its thread
 * ended): the job fails and is retried like any failed recompute.
 */
export function receiveComputedDay(port: MessagePort): Promise<{ rollup: Rollup; floor: FloorDays }> {
  return new Promise((resolve, reject) => {
    port.once("message", (m: ComputedDay) => {
      port.close();
      if (m.ok) resolve({ rollup: m.rollup, floor: m.floor });
      else reject(new Error(`computing the day on the live facts failed: ${m.error}`));
    });
    // After a message this changes nothing (the promise is settled).
    port.once("close", () => reject(new Error("the live facts' thread ended before sending the day")));
  });
}
