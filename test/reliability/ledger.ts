// The crash loop's accounting, shared by every device: which event ids the server acknowledged (the
// set the database checks hold it to), with which status, and the counters behind the duplicate /
// replay checks. Also carries the generation (kills so far) and the allowance the loop releases.
import type { IngestResult } from "../../contract/index.js";

/** What every device shares: the per-event ledger and the generation (kills so far). */
export class Ledger {
  generation = 0;
  /** Events the devices may take up for a first send; the loop raises it cycle by cycle. */
  allowance = 0;
  /** Events taken up for a first send so far. */
  taken = 0;
  /** Ids the server acknowledged at least once (accepted or duplicate), pretended losses included. */
  readonly serverAcked = new Set<string>();
  /** Ids the devices hold as acknowledged, with the status of that acknowledgement. */
  readonly acked = new Map<string, IngestResult["status"]>();
  /** Ids acknowledged `accepted` more than once. */
  readonly acceptedTwice = new Set<string>();
  private readonly acceptedOnce = new Set<string>();
  readonly rejected: IngestResult[] = [];
  retriedAfterLostAck = 0;
  lostAckDuplicates = 0;
  replayed = 0;
  replayedDuplicates = 0;
  replayedNotDuplicate: string[] = [];
  /** Duplicates answered for an event never sent before — impossible unless ids collide. */
  unexpectedDuplicates: string[] = [];

  noteServerAck(results: readonly IngestResult[]): void {
    for (const r of results) {
      if (r.id === null) continue;
      if (r.status === "accepted" || r.status === "duplicate") this.serverAcked.add(r.id);
      if (r.status === "accepted") {
        if (this.acceptedOnce.has(r.id)) this.acceptedTwice.add(r.id);
        this.acceptedOnce.add(r.id);
      }
    }
  }
}
