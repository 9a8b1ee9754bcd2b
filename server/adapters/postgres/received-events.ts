// The events of a period with the server's receive time on PostgreSQL (issue #11), for the device
// data-quality report: the same answer as SqliteReceivedEvents (sqlite/received-events.ts) — the events
// from `contextMs` before the period to its end, plus each window's last open/pause/resume/close before
// that, in commit order.
import type pg from "pg";
import type { HallEvent } from "../../../contract/index.js";
import type { ReceivedEventReader } from "../../app/ports.js";
import type { ReceivedEvent } from "../../domain/floor-watch/index.js";
import { DEFAULT_CONTEXT_MS } from "../sqlite/received-events.js";

const TRANSITION_TYPES = ["window.opened", "window.paused", "window.resumed", "window.closed"];

export class PgReceivedEvents implements ReceivedEventReader {
  constructor(private readonly pool: pg.Pool) {}

  /** Every event with ts in [fromMs − contextMs, toMs), plus each window's state before that, in commit order. */
  async forPeriod(hallId: string, fromMs: number, toMs: number, contextMs = DEFAULT_CONTEXT_MS): Promise<ReceivedEvent[]> {
    const since = fromMs - contextMs;
    // Each window's latest transition (greatest tsMs, then seq) before `since`; the states by seq, then the range.
    const r = await this.pool.query<{ payload: string; receivedMs: number }>(
      `(select payload, "receivedMs", seq, 0 as part from (
          select distinct on ("windowId") payload, "receivedMs"::float8 as "receivedMs", seq from "Event"
          where "hallId" = $1 and "windowId" is not null and type = any($2::text[]) and "tsMs" < $3
          order by "windowId", "tsMs" desc, seq desc) s)
       union all
       (select payload, "receivedMs"::float8, seq, 1 from "Event" where "hallId" = $1 and "tsMs" >= $3 and "tsMs" < $4)
       order by part, seq`,
      [hallId, TRANSITION_TYPES, since, toMs],
    );
    return r.rows.map((row) => ({ event: JSON.parse(row.payload) as HallEvent, receivedMs: row.receivedMs }));
  }
}
