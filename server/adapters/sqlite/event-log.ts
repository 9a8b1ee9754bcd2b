// The event log's hot path: prepared statements and group commit on the server's own better-sqlite3
// connection (same file and pragmas as Prisma's). Appends wait a few milliseconds to share one
// transaction; each caller's promise resolves only after its group committed with synchronous=FULL.
import type Database from "better-sqlite3";
import type { HallEvent } from "../../../contract/index.js";
import type { AppendItem, AppendOutcome, EventLog } from "../../app/ports.js";

export class StorageError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
  }
}

interface PendingAppend {
  items: AppendItem[];
  resolve(outcomes: AppendOutcome[]): void;
  reject(err: unknown): void;
}

export interface EventLogOptions {
  /** How long the first append of a group waits for company. */
  batchDelayMs?: number;
  /** A group commits at once when it holds this many items. */
  maxBatchItems?: number;
}

const TRANSITION_TYPES = ["window.opened", "window.paused", "window.resumed", "window.closed"] as const;

export class SqliteEventLog implements EventLog {
  private queue: PendingAppend[] = [];
  private queuedItems = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly batchDelayMs: number;
  private readonly maxBatchItems: number;
  private readonly insertEvent: Database.Statement;
  private readonly insertQuarantine: Database.Statement;
  private readonly markDay: Database.Statement;
  private readonly selectEvent: Database.Statement;
  private readonly selectPayload: Database.Statement;
  private readonly selectRange: Database.Statement;
  private readonly selectWindows: Database.Statement;
  private readonly selectLastOfType: Database.Statement;
  private readonly commitGroup: (groups: PendingAppend[]) => AppendOutcome[][];

  constructor(private readonly db: Database.Database, opts: EventLogOptions = {}) {
    this.batchDelayMs = opts.batchDelayMs ?? 2;
    this.maxBatchItems = opts.maxBatchItems ?? 2000;
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
    this.commitGroup = db.transaction((groups: PendingAppend[]) => {
      const marked = new Set<string>();
      return groups.map((g) =>
        g.items.map((item) => {
          const outcome = this.write(item);
          // Days whose rollups the accepted event changes: marked once per group, committed with it.
          if (outcome === "accepted" && item.kind === "event")
            for (const day of item.rollupDays) {
              const key = `${item.hallId}\u0000${day}`;
              if (marked.has(key)) continue;
              marked.add(key);
              this.markDay.run(item.hallId, day, item.receivedMs);
            }
          return outcome;
        }),
      );
    });
  }

  append(items: AppendItem[]): Promise<AppendOutcome[]> {
    if (items.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      this.queuedItems += items.length;
      if (this.queuedItems >= this.maxBatchItems) this.flushSoon(0);
      else this.flushSoon(this.batchDelayMs);
    });
  }

  hasEvent(hallId: string, eventId: string): boolean {
    return this.selectEvent.get(hallId, eventId) !== undefined;
  }

  eventsOfTypesSince(hallId: string, types: readonly string[], sinceMs: number): HallEvent[] {
    if (types.length === 0) return [];
    const placeholders = types.map(() => "?").join(",");
    const rows = this.db
      .prepare(`select payload from "Event" where hallId = ? and tsMs >= ? and type in (${placeholders}) order by seq`)
      .pluck()
      .all(hallId, sinceMs, ...types) as string[];
    return rows.map((p) => JSON.parse(p) as HallEvent);
  }

  eventsOfTicket(hallId: string, ticketId: string): HallEvent[] {
    return (this.db.prepare(`select payload from "Event" where hallId = ? and ticketId = ? order by seq`).pluck().all(hallId, ticketId) as string[]).map(
      (p) => JSON.parse(p) as HallEvent,
    );
  }

  getEvent(hallId: string, eventId: string): HallEvent | null {
    const payload = this.selectPayload.get(hallId, eventId) as string | undefined;
    return payload === undefined ? null : (JSON.parse(payload) as HallEvent);
  }

  /** The events from `sinceMs` to `toMs`, plus each window's last open/pause/resume/close before `sinceMs` (its state then). */
  eventsForFacts(hallId: string, sinceMs: number, toMs: number): HallEvent[] {
    const before: string[] = [];
    for (const windowId of this.selectWindows.all(hallId, hallId) as string[]) {
      let last: { seq: number; tsMs: number | bigint; payload: string } | undefined;
      for (const type of TRANSITION_TYPES) {
        const row = this.selectLastOfType.get(hallId, windowId, type, sinceMs) as typeof last;
        if (row && (!last || row.tsMs > last.tsMs || (row.tsMs === last.tsMs && row.seq > last.seq))) last = row;
      }
      if (last) before.push(last.payload);
    }
    const range = this.selectRange.all(hallId, sinceMs, toMs) as string[];
    return [...before, ...range].map((p) => JSON.parse(p) as HallEvent);
  }

  /** Commits whatever is queued now (used on shutdown). */
  flushNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.flush();
  }

  private flushSoon(delayMs: number): void {
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, delayMs);
  }

  private flush(): void {
    const groups = this.queue;
    this.queue = [];
    this.queuedItems = 0;
    if (groups.length === 0) return;
    let outcomes: AppendOutcome[][];
    try {
      outcomes = this.commitGroup(groups);
    } catch (err) {
      const e = new StorageError(`the event log could not commit: ${(err as Error).message}`, err);
      for (const g of groups) g.reject(e);
      return;
    }
    groups.forEach((g, i) => g.resolve(outcomes[i] as AppendOutcome[]));
  }

  private write(item: AppendItem): AppendOutcome {
    if (item.kind === "quarantine") {
      this.insertQuarantine.run(item.hallId, item.source, item.eventId, item.field, item.error, item.payload, item.receivedMs);
      return "stored";
    }
    const e = item.event;
    const windowId = "windowId" in e ? e.windowId : "fromWindowId" in e ? e.fromWindowId : null;
    const ticketId = "ticketId" in e ? e.ticketId : null;
    const info = this.insertEvent.run(
      item.hallId,
      e.id,
      e.type,
      item.tsMs,
      windowId,
      ticketId,
      e.deviceId ?? null,
      e.seq ?? null,
      item.receivedMs,
      JSON.stringify(e),
    );
    return info.changes === 1 ? "accepted" : "duplicate";
  }
}
