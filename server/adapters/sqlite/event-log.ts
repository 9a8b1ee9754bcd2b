// The event log's hot path: prepared statements and group commit (same file and pragmas as Prisma's).
// Appends wait a few milliseconds to share one transaction; each caller's promise resolves only after
// its group committed with synchronous=FULL. Reads run on the server's own connection. The commit runs
// either on that connection too (inline: tools, tests, the rollup worker's reads) or in the writer worker
// (the server: the commit and its fsync then never hold the event loop; WAL lets the reads go on).
import type Database from "better-sqlite3";
import type { HallEvent } from "../../../contract/index.js";
import type { AppendItem, AppendOutcome, EventLog } from "../../app/ports.js";
import { LogWriter, toWriteRow, type WriteRow } from "./log-writer.js";
import { WriterThread } from "./log-writer-thread.js";
import { factsBatches } from "../facts-batches.js";
import { GroupCommit, type GroupCommitOptions } from "../group-commit.js";

export interface EventLogOptions extends GroupCommitOptions {
  /** Commit in a worker thread on its own connection to this file (the server); inline when absent. */
  writerFile?: string;
}

const TRANSITION_TYPES = ["window.opened", "window.paused", "window.resumed", "window.closed"] as const;

export class SqliteEventLog implements EventLog {
  /** Reads run on the server's own connection, synchronously: background reads go a day at a time. */
  readonly readsHoldEventLoop = true;
  private readonly group: GroupCommit<WriteRow>;
  private readonly selectEvent: Database.Statement;
  private readonly selectPayload: Database.Statement;
  private readonly selectRange: Database.Statement;
  private readonly selectWindows: Database.Statement;
  private readonly selectLastOfType: Database.Statement;
  private readonly selectTicket: Database.Statement;
  private readonly selectExisting: Database.Statement;
  private readonly selectEvaluationsRated: Database.Statement;
  /** Statements of eventsOfTypesSince by number of types (prepared once each: preparing costs ~50 µs). */
  private readonly selectTypesSince = new Map<number, Database.Statement>();
  private readonly inline: LogWriter | null;
  private readonly thread: WriterThread | null;

  constructor(private readonly db: Database.Database, opts: EventLogOptions = {}) {
    this.selectEvent = db.prepare(`select 1 from "Event" where hallId = ? and eventId = ?`).pluck();
    this.selectPayload = db.prepare(`select payload from "Event" where hallId = ? and eventId = ?`).pluck();
    this.selectRange = db.prepare(`select payload from "Event" where hallId = ? and tsMs >= ? and tsMs <= ? order by seq`).pluck();
    // The windows of a hall, by skip-scan over Event(hallId, windowId, type, tsMs): one index seek per
    // window instead of a walk over every event (a year of a busy hall has 1.5 M of them).
    this.selectWindows = db
      .prepare(
        `with recursive w(id) as (
           select min(windowId) from "Event" where hallId = ? and windowId is not null
           union all
           select (select min(windowId) from "Event" where hallId = ? and windowId > w.id) from w where w.id is not null)
         select id from w where id is not null`,
      )
      .pluck();
    // The last event of one transition type of one window before a time: one seek down the same index.
    this.selectLastOfType = db.prepare(
      `select seq, tsMs, payload from "Event" where hallId = ? and windowId = ? and type = ? and tsMs < ? order by tsMs desc, seq desc limit 1`,
    );
    this.selectExisting = db.prepare(`select eventId from "Event" where hallId = ? and eventId in (select value from json_each(?))`).pluck();
    this.selectEvaluationsRated = db
      .prepare(
        `select payload from "Event" where hallId = ? and tsMs >= ? and tsMs < ? and type = 'evaluation.submitted'
           and json_extract(payload, '$.rating') <= ? order by seq`,
      )
      .pluck();
    this.selectTicket = db.prepare(`select payload from "Event" where hallId = ? and ticketId = ? order by seq`).pluck();
    this.thread = opts.writerFile ? new WriterThread(opts.writerFile) : null;
    this.inline = this.thread ? null : new LogWriter(db);
    const thread = this.thread;
    const inline = this.inline;
    this.group = new GroupCommit<WriteRow>((groups) => (thread ? thread.commit(groups) : (inline as LogWriter).commit(groups)), opts);
  }

  append(items: AppendItem[]): Promise<AppendOutcome[]> {
    return this.enqueue(items.map(toWriteRow));
  }

  private enqueue(rows: WriteRow[]): Promise<AppendOutcome[]> {
    return this.group.enqueue(rows);
  }

  // The port's reads (async for PostgreSQL's sake) over the synchronous ones, which the rollup worker,
  // tools and benchmark datasets use directly on their own connection.
  hasEvent(hallId: string, eventId: string): Promise<boolean> {
    return Promise.resolve(this.hasEventSync(hallId, eventId));
  }

  existingEventIds(hallId: string, eventIds: readonly string[]): Promise<Set<string>> {
    return Promise.resolve(this.existingEventIdsSync(hallId, eventIds));
  }

  eventsOfTypesSince(hallId: string, types: readonly string[], sinceMs: number, beforeMs?: number): Promise<HallEvent[]> {
    return Promise.resolve(this.eventsOfTypesSinceSync(hallId, types, sinceMs, beforeMs));
  }

  evaluationsRatedAtMost(hallId: string, maxRating: number, sinceMs: number, beforeMs?: number): Promise<HallEvent[]> {
    return Promise.resolve(this.evaluationsRatedAtMostSync(hallId, maxRating, sinceMs, beforeMs));
  }

  eventsOfTicket(hallId: string, ticketId: string): Promise<HallEvent[]> {
    return Promise.resolve(this.eventsOfTicketSync(hallId, ticketId));
  }

  getEvent(hallId: string, eventId: string): Promise<HallEvent | null> {
    return Promise.resolve(this.getEventSync(hallId, eventId));
  }

  async foldEventsForFacts(hallId: string, sinceMs: number, toMs: number, fold: (batch: HallEvent[]) => void): Promise<void> {
    const batches = factsBatches(fold);
    this.forEachEventForFactsSync(hallId, sinceMs, toMs, (e) => batches.push(e));
    batches.end();
  }

  hasEventSync(hallId: string, eventId: string): boolean {
    return this.selectEvent.get(hallId, eventId) !== undefined;
  }

  existingEventIdsSync(hallId: string, eventIds: readonly string[]): Set<string> {
    if (eventIds.length === 0) return new Set();
    return new Set(this.selectExisting.all(hallId, JSON.stringify(eventIds)) as string[]);
  }

  /**
   * Commits rows other than events in the same writer and transaction groups (e.g. follow-up cases), so
   * that no second connection writes on the ingest path: a second writer would wait for the writer's lock
   * on the event loop.
   */
  write(rows: WriteRow[]): Promise<AppendOutcome[]> {
    return this.enqueue(rows);
  }

  eventsOfTypesSinceSync(hallId: string, types: readonly string[], sinceMs: number, beforeMs = Number.POSITIVE_INFINITY): HallEvent[] {
    if (types.length === 0) return [];
    let statement = this.selectTypesSince.get(types.length);
    if (!statement) {
      const placeholders = types.map(() => "?").join(",");
      statement = this.db.prepare(`select payload from "Event" where hallId = ? and tsMs >= ? and tsMs < ? and type in (${placeholders}) order by seq`).pluck();
      this.selectTypesSince.set(types.length, statement);
    }
    // SQLite compares an integer column with a REAL infinity as expected (every value is below it).
    const rows = statement.all(hallId, sinceMs, beforeMs, ...types) as string[];
    return rows.map((p) => JSON.parse(p) as HallEvent);
  }

  evaluationsRatedAtMostSync(hallId: string, maxRating: number, sinceMs: number, beforeMs = Number.POSITIVE_INFINITY): HallEvent[] {
    return (this.selectEvaluationsRated.all(hallId, sinceMs, beforeMs, maxRating) as string[]).map((p) => JSON.parse(p) as HallEvent);
  }

  eventsOfTicketSync(hallId: string, ticketId: string): HallEvent[] {
    return (this.selectTicket.all(hallId, ticketId) as string[]).map((p) => JSON.parse(p) as HallEvent);
  }

  getEventSync(hallId: string, eventId: string): HallEvent | null {
    const payload = this.selectPayload.get(hallId, eventId) as string | undefined;
    return payload === undefined ? null : (JSON.parse(payload) as HallEvent);
  }

  /** The events from `sinceMs` to `toMs`, plus each window's last open/pause/resume/close before `sinceMs` (its state then). */
  eventsForFactsSync(hallId: string, sinceMs: number, toMs: number): HallEvent[] {
    const events: HallEvent[] = [];
    this.forEachEventForFactsSync(hallId, sinceMs, toMs, (e) => events.push(e));
    return events;
  }

  /**
   * The events of eventsForFactsSync, in the same order, handed over one at a time as each row is read:
   * a caller that folds them holds neither the range's texts nor its parsed events at once (a busy day's
   * recompute held both — ~1 KB an event on top of the facts, issue #8). `each` must not use this
   * connection: it is busy until the read ends.
   */
  forEachEventForFactsSync(hallId: string, sinceMs: number, toMs: number, each: (e: HallEvent) => void): void {
    const before: string[] = [];
    for (const windowId of this.selectWindows.all(hallId, hallId) as string[]) {
      let last: { seq: number; tsMs: number | bigint; payload: string } | undefined;
      for (const type of TRANSITION_TYPES) {
        const row = this.selectLastOfType.get(hallId, windowId, type, sinceMs) as typeof last;
        if (row && (!last || row.tsMs > last.tsMs || (row.tsMs === last.tsMs && row.seq > last.seq))) last = row;
      }
      if (last) before.push(last.payload);
    }
    for (const payload of before) each(JSON.parse(payload) as HallEvent);
    for (const payload of this.selectRange.iterate(hallId, sinceMs, toMs) as IterableIterator<string>) each(JSON.parse(payload) as HallEvent);
  }

  /** Commits whatever is queued now and waits for every commit in flight (used on shutdown). */
  settled(): Promise<void> {
    return this.group.settled();
  }

  async close(): Promise<void> {
    await this.group.drain();
    await this.thread?.close();
  }
}
