// The early warning's history (issue #9) on PostgreSQL (issue #11): the same rows as SqliteArrivalHistory
// (rollup/arrival-history-reader.ts) — the 15-minute CategoryRollup rows of the last N same weekdays before
// a hall-local day, and the days' mean handling time — in one query over all the days, and the RollupDay
// stamp that tells the live cache when a history day was recomputed.
import type pg from "pg";
import { localDayRange } from "../../../contract/index.js";
import type { ArrivalHistoryReader, ArrivalHistoryRows } from "../../app/ports.js";
import type { HistoryArrivalRow } from "../../domain/forecast/index.js";
import { DEFAULT_HISTORY_WEEKS, sameWeekdaysBefore } from "../rollup/arrival-history-reader.js";

interface Row {
  categoryId: string;
  bucket: number;
  arrivals: number;
  handleMsSum: number;
  handleCount: number;
}

export class PgArrivalHistory implements ArrivalHistoryReader {
  constructor(private readonly pool: pg.Pool) {}

  async sameWeekdayArrivals(hallId: string, day: string, timeZone: string, opts: { weeks?: number; keep?: (day: string) => boolean } = {}): Promise<ArrivalHistoryRows> {
    const days = sameWeekdaysBefore(day, opts.weeks ?? DEFAULT_HISTORY_WEEKS, opts.keep);
    if (days.length === 0) return { days, rows: [], handleSeconds: new Map() };
    const ranges = days.map((d) => localDayRange(d, timeZone));
    // Newest day first, as the SQLite reader returns them (the profile does not depend on the order).
    const r = await this.pool.query<Row>(
      `select "categoryId", bucket::float8 as bucket, arrivals, "handleMsSum"::float8 as "handleMsSum", "handleCount"
       from "CategoryRollup" c join unnest($2::bigint[], $3::bigint[]) with ordinality as d(s, e, n) on c.bucket >= d.s and c.bucket < d.e
       where c."hallId" = $1 and (arrivals > 0 or "handleCount" > 0)
       order by d.n, bucket, "categoryId" collate "C"`,
      [hallId, ranges.map((x) => x.start), ranges.map((x) => x.end)],
    );
    const rows: HistoryArrivalRow[] = [];
    const handle = new Map<string, { ms: number; n: number }>();
    for (const row of r.rows) {
      if (row.arrivals > 0) rows.push({ categoryId: row.categoryId, bucket: row.bucket, arrivals: row.arrivals });
      if (row.handleCount > 0) {
        const h = handle.get(row.categoryId) ?? { ms: 0, n: 0 };
        h.ms += row.handleMsSum;
        h.n += row.handleCount;
        handle.set(row.categoryId, h);
      }
    }
    return { days, rows, handleSeconds: new Map([...handle].map(([id, h]) => [id, h.ms / h.n / 1000])) };
  }

  async stamp(hallId: string, days: readonly string[]): Promise<string> {
    if (days.length === 0) return "none";
    const r = await this.pool.query<{ n: number; last: number | null; gen: number | null }>(
      `select count("computedAt")::float8 as n, max("computedAt")::float8 as last, sum("dirtyGen")::float8 as gen from "RollupDay" where "hallId" = $1 and day = any($2::text[])`,
      [hallId, [...days]],
    );
    const row = r.rows[0];
    return `${row?.n ?? 0}:${row?.last ?? 0}:${row?.gen ?? 0}`;
  }
}
