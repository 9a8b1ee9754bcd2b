// The event log's writes: the insert statements and the group transaction (events, quarantine rows and
// the rollup days they mark), on one better-sqlite3 connection. Used in the server's own thread or in
// the writer worker (log-writer-worker.ts); items travel as flat rows so that handing them to the worker
// is a cheap structured clone of arrays of strings and numbers.
import type Database from "better-sqlite3";
import type { AppendItem, AppendOutcome } from "../../app/ports.js";

/** An event: hallId, eventId, type, tsMs, windowId, ticketId, deviceId, deviceSeq, receivedMs, payload, rollup days. */
export type EventRow = ["e", string, string, string, number, string | null, string | null, string | null, number | null, number, string, readonly string[]];
/** A quarantined input: hallId, source, eventId, field, error, payload, receivedMs. */
export type QuarantineRow = ["q", string, string, string | null, string | null, string, string, number];
/**
 * A 好差评 follow-up case opened unless its evaluation has one: hallId, evaluationEventId, ticketId, ticketNo,
 * windowId, itemCode, rating, evaluatedAt, deadline, provisional (0/1), history, updatedAt — DateTime
 * columns as Prisma's text ("…+00:00"), so Prisma reads the row back unchanged.
 */
export type FollowUpCaseRow = ["f", string, string, string, string | null, string, string | null, number, string, string, number, string, string];
export type WriteRow = EventRow | QuarantineRow | FollowUpCaseRow;

export function toWriteRow(item: AppendItem): WriteRow {
  if (item.kind === "quarantine") return ["q", item.hallId, item.source, item.eventId, item.field, item.error, item.payload, item.receivedMs];
  const e = item.event;
  const windowId = "windowId" in e ? e.windowId : "fromWindowId" in e ? e.fromWindowId : null;
  const ticketId = "ticketId" in e ? e.ticketId : null;
  return ["e", item.hallId, e.id, e.type, item.tsMs, windowId, ticketId, e.deviceId ?? null, e.seq ?? null, item.receivedMs, JSON.stringify(e), item.rollupDays];
}

export class LogWriter {
  private readonly insertEvent: Database.Statement;
  private readonly insertQuarantine: Database.Statement;
  private readonly markDay: Database.Statement;
  private readonly insertFollowUp: Database.Statement;
  /** Commits groups of rows in one transaction (synchronous=FULL: durable when it returns). */
  readonly commit: (groups: readonly (readonly WriteRow[])[]) => AppendOutcome[][];

  constructor(db: Database.Database) {
    this.insertEvent = db.prepare(
      `insert into "Event" (hallId, eventId, type, tsMs, windowId, ticketId, deviceId, deviceSeq, receivedMs, payload)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (hallId, eventId) do nothing`,
    );
    this.insertQuarantine = db.prepare(
      `insert into "Quarantine" (hallId, source, eventId, field, error, payload, receivedMs) values (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.markDay = db.prepare(
      `insert into "RollupDay" (hallId, day, dirtySince, dirtyGen) values (?, ?, ?, 1)
       on conflict (hallId, day) do update set dirtySince = coalesce(dirtySince, excluded.dirtySince), dirtyGen = dirtyGen + 1`,
    );
    this.insertFollowUp = db.prepare(
      `insert into "FollowUpCase" (hallId, evaluationEventId, ticketId, ticketNo, windowId, itemCode, rating, evaluatedAt, deadline, provisional, state, history, updatedAt)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?) on conflict (hallId, evaluationEventId) do nothing`,
    );
    this.commit = db.transaction((groups: readonly (readonly WriteRow[])[]) => {
      const marked = new Set<string>();
      return groups.map((rows) =>
        rows.map((row) => {
          if (row[0] === "q") {
            this.insertQuarantine.run(row[1], row[2], row[3], row[4], row[5], row[6], row[7]);
            return "stored";
          }
          if (row[0] === "f") return this.insertFollowUp.run(...row.slice(1)).changes === 1 ? "accepted" : "duplicate";
          const [, hallId, eventId, type, tsMs, windowId, ticketId, deviceId, deviceSeq, receivedMs, payload, rollupDays] = row;
          const accepted = this.insertEvent.run(hallId, eventId, type, tsMs, windowId, ticketId, deviceId, deviceSeq, receivedMs, payload).changes === 1;
          // Days whose rollups the accepted event changes: marked once per transaction, committed with it.
          if (accepted)
            for (const day of rollupDays) {
              const key = `${hallId}\u0000${day}`;
              if (marked.has(key)) continue;
              marked.add(key);
              this.markDay.run(hallId, day, receivedMs);
            }
          return accepted ? "accepted" : "duplicate";
        }),
      );
    });
  }
}
