// The early warning's history (issue #9): per category, the 15-minute arrival rows of the last N same
// weekdays before a hall-local day, read from the CategoryRollup buckets the rollup worker keeps, and the
// days' mean handling time. The RollupDay stamp tells the live cache when a history day was recomputed.
import type Database from "better-sqlite3";
import { localDayRange } from "../../../contract/index.js";
import type { ArrivalHistoryReader, ArrivalHistoryRows } from "../../app/ports.js";
import type { HistoryArrivalRow } from "../../domain/forecast/index.js";

export const DEFAULT_HISTORY_WEEKS = 8;

/** YYYY-MM-DD shifted by whole days (calendar arithmetic in UTC: no time zone involved). */
export function shiftDay(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The `weeks` same weekdays before `day` that `keep` accepts, newest first, at most 2 × weeks back. */
export function sameWeekdaysBefore(day: string, weeks: number, keep: (day: string) => boolean = () => true): string[] {
  const out: string[] = [];
  for (let k = 1; k <= 2 * weeks && out.length < weeks; k++) {
    const d = shiftDay(day, -7 * k);
    if (keep(d)) out.push(d);
  }
  return out;
}

interface Row {
  categoryId: string;
  bucket: number;
  arrivals: number;
  handleMsSum: number;
  handleCount: number;
}

export class SqliteArrivalHistory implements ArrivalHistoryReader {
  private readonly selectBuckets: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.selectBuckets = db.prepare(
      `select categoryId, bucket, arrivals, handleMsSum, handleCount from "CategoryRollup" where hallId = ? and bucket >= ? and bucket < ? and (arrivals > 0 or handleCount > 0)`,
    );
  }

  // The port's reads (async for PostgreSQL's sake) over the synchronous ones; a failure rejects.
  async sameWeekdayArrivals(hallId: string, day: string, timeZone: string, opts: { weeks?: number; keep?: (day: string) => boolean } = {}): Promise<ArrivalHistoryRows> {
    return this.sameWeekdayArrivalsSync(hallId, day, timeZone, opts);
  }

  async stamp(hallId: string, days: readonly string[]): Promise<string> {
    return this.stampSync(hallId, days);
  }

  sameWeekdayArrivalsSync(hallId: string, day: string, timeZone: string, opts: { weeks?: number; keep?: (day: string) => boolean } = {}): ArrivalHistoryRows {
    const days = sameWeekdaysBefore(day, opts.weeks ?? DEFAULT_HISTORY_WEEKS, opts.keep);
    const rows: HistoryArrivalRow[] = [];
    const handle = new Map<string, { ms: number; n: number }>();
    for (const d of days) {
      const { start, end } = localDayRange(d, timeZone);
      for (const r of this.selectBuckets.all(hallId, start, end) as Row[]) {
        if (r.arrivals > 0) rows.push({ categoryId: r.categoryId, bucket: Number(r.bucket), arrivals: r.arrivals });
        if (r.handleCount > 0) {
          const h = handle.get(r.categoryId) ?? { ms: 0, n: 0 };
          h.ms += Number(r.handleMsSum);
          h.n += r.handleCount;
          handle.set(r.categoryId, h);
        }
      }
    }
    return { days, rows, handleSeconds: new Map([...handle].map(([id, h]) => [id, h.ms / h.n / 1000])) };
  }

  stampSync(hallId: string, days: readonly string[]): string {
    if (days.length === 0) return "none";
    const marks = days.map(() => "?").join(", ");
    const row = this.db
      .prepare(`select count(computedAt) as n, max(computedAt) as last, sum(dirtyGen) as gen from "RollupDay" where hallId = ? and day in (${marks})`)
      .get(hallId, ...days) as { n: number; last: number | null; gen: number | null };
    return `${row.n}:${row.last ?? 0}:${row.gen ?? 0}`;
  }
}
