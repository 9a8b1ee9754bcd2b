// The plain-SQL baseline of the history measurements (sections 4, 6 and 4b): per key, the tickets issued in
// a period and their mean wait to the first call (and mean handling), straight from the raw events — a
// subset of what HallPulse computes, with no rollups. One key vocabulary, written once per SQL dialect:
// the SQLite file of the embedded default and PostgreSQL of a cluster (issue #11).
import Database from "better-sqlite3";
import pg from "pg";
import { BENCH_HALL } from "./datasets.js";

export type BaselineKey =
  | "window"
  | "department"
  | "category"
  | "hour"
  | "weekday"
  | "day"
  /** staffing: category × weekday × hour */
  | "category-weekday-hour"
  /** heatmaps: weekday × hour */
  | "weekday-hour"
  /** monthly report: month × category */
  | "month-category";

export const BASELINE_KEYS: readonly BaselineKey[] = ["window", "department", "category", "hour", "weekday", "day"];

const TZ_OFFSET_S = 8 * 3600; // Asia/Shanghai, no DST

function departmentCase(): string {
  return `case win ${BENCH_HALL.windows.map((w) => `when '${w.id}' then '${w.department.replace(/'/g, "''")}'`).join(" ")} end`;
}

// Parenthesized: in SQLite `||` binds tighter than `%`, so a bare hour would turn a composite key into a number.
const SQLITE_HOUR = `(((issued / 1000 + ${TZ_OFFSET_S}) / 3600) % 24)`;
const SQLITE_WEEKDAY = `strftime('%w', issued / 1000 + ${TZ_OFFSET_S}, 'unixepoch')`;

/** Key expressions over the ticket table `t` (issued, called, started, completed, cat, win). */
export const SQLITE_KEYS: Record<BaselineKey, string> = {
  window: "win",
  department: departmentCase(),
  category: "cat",
  hour: SQLITE_HOUR,
  weekday: SQLITE_WEEKDAY,
  day: `date(issued / 1000 + ${TZ_OFFSET_S}, 'unixepoch')`,
  "category-weekday-hour": `cat || ':' || ${SQLITE_WEEKDAY} || ':' || ${SQLITE_HOUR}`,
  "weekday-hour": `${SQLITE_WEEKDAY} || ':' || ${SQLITE_HOUR}`,
  "month-category": `strftime('%Y-%m', issued / 1000 + ${TZ_OFFSET_S}, 'unixepoch') || ':' || cat`,
};

// tsMs is bigint: `/` is integer division, as in SQLite. A local timestamp without zone, read as UTC.
const PG_LOCAL = `(to_timestamp(issued / 1000 + ${TZ_OFFSET_S}) at time zone 'UTC')`;
const PG_HOUR = `(((issued / 1000 + ${TZ_OFFSET_S}) / 3600) % 24)`;
const PG_WEEKDAY = `extract(dow from ${PG_LOCAL})::int`;

export const POSTGRES_KEYS: Record<BaselineKey, string> = {
  window: "win",
  department: departmentCase(),
  category: "cat",
  hour: PG_HOUR,
  weekday: PG_WEEKDAY,
  day: `to_char(${PG_LOCAL}, 'YYYY-MM-DD')`,
  "category-weekday-hour": `cat || ':' || ${PG_WEEKDAY} || ':' || ${PG_HOUR}`,
  "weekday-hour": `${PG_WEEKDAY} || ':' || ${PG_HOUR}`,
  "month-category": `to_char(${PG_LOCAL}, 'YYYY-MM') || ':' || cat`,
};

/** SQLite: the baseline over the raw events of one hall and period (parameters hallId, from, to). */
export function baselineSql(key: string): string {
  return `with t as (
    select ticketId,
      min(case when type = 'ticket.issued' then tsMs end) as issued,
      min(case when type = 'ticket.called' then tsMs end) as called,
      min(case when type = 'service.started' then tsMs end) as started,
      max(case when type = 'service.completed' then tsMs end) as completed,
      max(case when type = 'ticket.issued' then json_extract(payload, '$.categoryId') end) as cat,
      min(case when type = 'ticket.called' then windowId end) as win
    from "Event" where hallId = ? and tsMs >= ? and tsMs < ? and ticketId is not null
      and type in ('ticket.issued', 'ticket.called', 'service.started', 'service.completed')
    group by ticketId)
  select ${key} as k, count(issued) as arrivals, avg(called - issued) / 1000.0 as avgWaitSeconds, avg(completed - started) / 1000.0 as avgHandleSeconds
  from t where issued is not null group by k`;
}

/** PostgreSQL: the same statement in its dialect (the payload is JSON text; quoted column names). */
export function postgresBaselineSql(key: string): string {
  return `with t as (
    select "ticketId",
      min(case when type = 'ticket.issued' then "tsMs" end) as issued,
      min(case when type = 'ticket.called' then "tsMs" end) as called,
      min(case when type = 'service.started' then "tsMs" end) as started,
      max(case when type = 'service.completed' then "tsMs" end) as completed,
      max(case when type = 'ticket.issued' then payload::jsonb ->> 'categoryId' end) as cat,
      min(case when type = 'ticket.called' then "windowId" end) as win
    from "Event" where "hallId" = $1 and "tsMs" >= $2 and "tsMs" < $3 and "ticketId" is not null
      and type in ('ticket.issued', 'ticket.called', 'service.started', 'service.completed')
    group by "ticketId")
  select ${key} as k, count(issued)::int as arrivals, avg(called - issued) / 1000.0 as "avgWaitSeconds", avg(completed - started) / 1000.0 as "avgHandleSeconds"
  from t where issued is not null group by k`;
}

/** Runs the baseline of one key over one hall and period; answers the arrivals it counted. */
export interface Baseline {
  arrivals(key: BaselineKey, hallId: string, from: number, to: number): Promise<number>;
  close(): Promise<void>;
}

const sumArrivals = (rows: { arrivals: number }[]) => rows.reduce((s, r) => s + Number(r.arrivals), 0);

/** On a second, read-only connection to the server's SQLite file. */
export function sqliteBaseline(file: string): Baseline {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const statements = new Map<BaselineKey, Database.Statement>();
  return {
    arrivals(key, hallId, from, to) {
      let stmt = statements.get(key);
      if (!stmt) statements.set(key, (stmt = db.prepare(baselineSql(SQLITE_KEYS[key]))));
      return Promise.resolve(sumArrivals(stmt.all(hallId, from, to) as { arrivals: number }[]));
    },
    close() {
      db.close();
      return Promise.resolve();
    },
  };
}

/** On a connection of its own to the cluster's PostgreSQL database. */
export async function postgresBaseline(url: string): Promise<Baseline> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async arrivals(key, hallId, from, to) {
      const r = await client.query<{ arrivals: number }>(postgresBaselineSql(POSTGRES_KEYS[key]), [hallId, from, to]);
      return sumArrivals(r.rows);
    },
    close: () => client.end(),
  };
}
