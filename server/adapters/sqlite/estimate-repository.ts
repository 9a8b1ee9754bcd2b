// The wait estimates given at issue (TicketEstimate), on the server's own better-sqlite3 connection.
// The live floor reports them from inside a view flush, so `record` only queues: rows are written a
// moment later in small transactions, away from any ack, and a write failure is logged, never thrown.
// The first estimate of a ticket wins (insert or ignore): after a restart the live floor estimates the
// tickets still waiting afresh, and those later estimates must not replace what the screen promised.
import type Database from "better-sqlite3";
import type { EstimateStore } from "../../app/ports.js";
import type { CalibrationInput, IssueEstimate } from "../../domain/wait-estimate/calibration.js";
import { calibrationInputOf, type EstimateRow, type QueuedEstimate } from "../estimate-rows.js";

export interface EstimateRepositoryOptions {
  /** How long queued estimates wait for company before they are written. */
  flushDelayMs?: number;
  /** Rows per transaction; more queued rows are written by the next timer turn. */
  batchRows?: number;
  /** Called with a write failure (the rows of that batch are dropped). */
  onError?: (err: unknown, rows: number) => void;
}

export class SqliteEstimateRepository implements EstimateStore {
  private queue: QueuedEstimate[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly flushDelayMs: number;
  private readonly batchRows: number;
  private readonly insert: Database.Statement;
  private readonly selectRange: Database.Statement;
  private readonly writeBatch: (rows: QueuedEstimate[]) => void;

  constructor(db: Database.Database, private readonly opts: EstimateRepositoryOptions = {}) {
    this.flushDelayMs = opts.flushDelayMs ?? 200;
    this.batchRows = opts.batchRows ?? 200;
    this.insert = db.prepare(
      `insert into "TicketEstimate" (hallId, ticketId, categoryId, issuedMs, estimatedMs, p50Minutes, p80Minutes, basis, modelP50Minutes, modelP80Minutes)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (hallId, ticketId) do nothing`,
    );
    // Each ticket's first call by one seek down Event(hallId, ticketId): the estimates of a day are a few
    // hundred tickets, each with a handful of events.
    this.selectRange = db.prepare(
      `select e.ticketId, e.categoryId, e.issuedMs, e.estimatedMs, e.p50Minutes, e.p80Minutes, e.basis, e.modelP50Minutes, e.modelP80Minutes,
              (select min(v.tsMs) from "Event" v where v.hallId = e.hallId and v.ticketId = e.ticketId and v.type = 'ticket.called') as firstCalledMs
       from "TicketEstimate" e where e.hallId = ? and e.issuedMs >= ? and e.issuedMs < ? order by e.issuedMs, e.ticketId`,
    );
    this.writeBatch = db.transaction((rows: QueuedEstimate[]) => {
      for (const { hallId, e } of rows)
        this.insert.run(hallId, e.ticketId, e.categoryId, e.issuedAt, e.estimatedAt, e.p50Minutes, e.p80Minutes, e.basis, e.modelP50Minutes ?? null, e.modelP80Minutes ?? null);
    });
  }

  /** Queues the estimates for writing; returns at once and never throws (the live floor's hook). */
  record(hallId: string, estimates: readonly IssueEstimate[]): void {
    for (const e of estimates) this.queue.push({ hallId, e });
    if (this.queue.length > 0 && !this.timer) this.timer = setTimeout(() => this.flushBatch(), this.flushDelayMs);
  }

  /** Writes everything queued now (shutdown, tests). */
  flushNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.queue.length > 0) this.writeSome();
  }

  /** Estimates queued but not written yet. */
  get queued(): number {
    return this.queue.length;
  }

  /** The port's read (async for PostgreSQL's sake) over the synchronous one; a failure rejects. */
  async calibrationInputs(hallId: string, fromMs: number, toMs: number): Promise<CalibrationInput[]> {
    return this.calibrationInputsSync(hallId, fromMs, toMs);
  }

  /** The estimates of tickets issued in [fromMs, toMs), each with its first ticket.called time. */
  calibrationInputsSync(hallId: string, fromMs: number, toMs: number): CalibrationInput[] {
    return (this.selectRange.all(hallId, fromMs, toMs) as EstimateRow[]).map(calibrationInputOf);
  }

  private flushBatch(): void {
    this.timer = null;
    this.writeSome();
    if (this.queue.length > 0) this.timer = setTimeout(() => this.flushBatch(), 0);
  }

  private writeSome(): void {
    const batch = this.queue.splice(0, this.batchRows);
    try {
      this.writeBatch(batch);
    } catch (err) {
      this.opts.onError?.(err, batch.length);
    }
  }
}
