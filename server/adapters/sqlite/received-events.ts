// The events of a period with the server's receive time (Event.receivedMs), for the device data-quality
// report, on the event log's connection. Besides the period it returns context the judgement needs to
// be fair: the `contextMs` before it (a ticket issued last evening and called this morning is not a call
// before issue) and each window's last open/pause/resume/close before that (a window opened yesterday
// and never closed is open). Context events are not judged (data-quality.ts filters by event time).
import type Database from "better-sqlite3";
import type { HallEvent } from "../../../contract/index.js";
import type { ReceivedEventReader } from "../../app/ports.js";
import type { ReceivedEvent } from "../../domain/floor-watch/index.js";

/** Context before the judged period: the live facts' horizon for abandoned tickets (12 h). */
export const DEFAULT_CONTEXT_MS = 12 * 3_600_000;

const TRANSITION_TYPES = ["window.opened", "window.paused", "window.resumed", "window.closed"] as const;

interface Row {
  payload: string;
  receivedMs: number | bigint;
}

interface StateRow extends Row {
  seq: number;
  tsMs: number | bigint;
}

export class SqliteReceivedEvents implements ReceivedEventReader {
  private readonly selectRange: Database.Statement;
  private readonly selectWindows: Database.Statement;
  private readonly selectLastOfType: Database.Statement;

  constructor(db: Database.Database) {
    this.selectRange = db.prepare(`select payload, receivedMs from "Event" where hallId = ? and tsMs >= ? and tsMs < ? order by seq`);
    // As the event log finds each window's state (event-log.ts): the windows by skip-scan over
    // Event(hallId, windowId, type, tsMs), then one seek per window and transition type.
    this.selectWindows = db
      .prepare(
        `with recursive w(id) as (
           select min(windowId) from "Event" where hallId = ? and windowId is not null
           union all
           select (select min(windowId) from "Event" where hallId = ? and windowId > w.id) from w where w.id is not null)
         select id from w where id is not null`,
      )
      .pluck();
    this.selectLastOfType = db.prepare(
      `select seq, tsMs, payload, receivedMs from "Event" where hallId = ? and windowId = ? and type = ? and tsMs < ? order by tsMs desc, seq desc limit 1`,
    );
  }

  /** Each window's latest transition before `beforeMs` (greatest tsMs, then seq). */
  private states(hallId: string, beforeMs: number): Row[] {
    const out: StateRow[] = [];
    for (const windowId of this.selectWindows.all(hallId, hallId) as string[]) {
      let last: StateRow | undefined;
      for (const type of TRANSITION_TYPES) {
        const row = this.selectLastOfType.get(hallId, windowId, type, beforeMs) as StateRow | undefined;
        if (row && (!last || row.tsMs > last.tsMs || (row.tsMs === last.tsMs && row.seq > last.seq))) last = row;
      }
      if (last) out.push(last);
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  /** The port's read (async for PostgreSQL's sake) over the synchronous one; a failure rejects. */
  async forPeriod(hallId: string, fromMs: number, toMs: number, contextMs = DEFAULT_CONTEXT_MS): Promise<ReceivedEvent[]> {
    return this.forPeriodSync(hallId, fromMs, toMs, contextMs);
  }

  /** Every event with ts in [fromMs − contextMs, toMs), plus each window's state before that, in commit order. */
  forPeriodSync(hallId: string, fromMs: number, toMs: number, contextMs = DEFAULT_CONTEXT_MS): ReceivedEvent[] {
    const since = fromMs - contextMs;
    const rows = [...this.states(hallId, since), ...(this.selectRange.all(hallId, since, toMs) as Row[])];
    return rows.map((r) => ({ event: JSON.parse(r.payload) as HallEvent, receivedMs: Number(r.receivedMs) }));
  }
}
