// The wait estimates given at issue (TicketEstimate) on PostgreSQL (issue #11), as SqliteEstimateRepository
// (sqlite/estimate-repository.ts): the live floor reports them from inside a view flush, so `record` only
// queues; rows are written a moment later in small batches, away from any ack, and a write failure is
// reported, never thrown. The first estimate of a ticket wins (on conflict do nothing), also when two
// nodes estimate the same ticket.
import type pg from "pg";
import type { EstimateStore } from "../../app/ports.js";
import type { CalibrationInput, IssueEstimate } from "../../domain/wait-estimate/calibration.js";
import { calibrationInputOf, type EstimateRow, type QueuedEstimate } from "../estimate-rows.js";
import type { EstimateRepositoryOptions } from "../sqlite/estimate-repository.js";

export class PgEstimateRepository implements EstimateStore {
  private queue: QueuedEstimate[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly flushDelayMs: number;
  private readonly batchRows: number;

  constructor(private readonly pool: pg.Pool, private readonly opts: EstimateRepositoryOptions = {}) {
    this.flushDelayMs = opts.flushDelayMs ?? 200;
    this.batchRows = opts.batchRows ?? 200;
  }

  /** Queues the estimates for writing; returns at once and never throws (the live floor's hook). */
  record(hallId: string, estimates: readonly IssueEstimate[]): void {
    for (const e of estimates) this.queue.push({ hallId, e });
    if (this.queue.length > 0 && !this.timer) this.timer = setTimeout(() => void this.flushBatch(), this.flushDelayMs);
  }

  /** Writes everything queued now and waits for writes in flight (shutdown, tests). */
  async flushNow(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.queue.length > 0) await this.writeSome();
    await this.writing;
  }

  /** Estimates queued but not written yet. */
  get queued(): number {
    return this.queue.length;
  }

  /** The estimates of tickets issued in [fromMs, toMs), each with its first ticket.called time. */
  async calibrationInputs(hallId: string, fromMs: number, toMs: number): Promise<CalibrationInput[]> {
    // Each ticket's first call by one seek down Event(hallId, ticketId), as on SQLite.
    const r = await this.pool.query<EstimateRow>(
      `select e."ticketId", e."categoryId", e."issuedMs"::float8 as "issuedMs", e."estimatedMs"::float8 as "estimatedMs", e."p50Minutes", e."p80Minutes", e.basis,
              e."modelP50Minutes", e."modelP80Minutes",
              (select min(v."tsMs") from "Event" v where v."hallId" = e."hallId" and v."ticketId" = e."ticketId" and v.type = 'ticket.called')::float8 as "firstCalledMs"
       from "TicketEstimate" e where e."hallId" = $1 and e."issuedMs" >= $2 and e."issuedMs" < $3 order by e."issuedMs", e."ticketId" collate "C"`,
      [hallId, fromMs, toMs],
    );
    return r.rows.map(calibrationInputOf);
  }

  private async flushBatch(): Promise<void> {
    this.timer = null;
    await this.writeSome();
    if (this.queue.length > 0 && !this.timer) this.timer = setTimeout(() => void this.flushBatch(), 0);
  }

  /** One batch in one statement (in queue order: the first copy of a ticket wins), after the batch before it. */
  private writeSome(): Promise<void> {
    const batch = this.queue.splice(0, this.batchRows);
    if (batch.length === 0) return this.writing;
    this.writing = this.writing.then(async () => {
      try {
        const col = <T>(f: (q: QueuedEstimate) => T) => batch.map(f);
        await this.pool.query(
          `insert into "TicketEstimate" ("hallId", "ticketId", "categoryId", "issuedMs", "estimatedMs", "p50Minutes", "p80Minutes", basis, "modelP50Minutes", "modelP80Minutes")
           select h, t, c, i, e, p50, p80, b, m50, m80
           from unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::float8[], $7::float8[], $8::text[], $9::float8[], $10::float8[])
             with ordinality as x(h, t, c, i, e, p50, p80, b, m50, m80, n)
           order by n
           on conflict ("hallId", "ticketId") do nothing`,
          [
            col((q) => q.hallId),
            col((q) => q.e.ticketId),
            col((q) => q.e.categoryId),
            col((q) => q.e.issuedAt),
            col((q) => q.e.estimatedAt),
            col((q) => q.e.p50Minutes),
            col((q) => q.e.p80Minutes),
            col((q) => q.e.basis),
            col((q) => q.e.modelP50Minutes ?? null),
            col((q) => q.e.modelP80Minutes ?? null),
          ],
        );
      } catch (err) {
        this.opts.onError?.(err, batch.length);
      }
    });
    return this.writing;
  }
}
