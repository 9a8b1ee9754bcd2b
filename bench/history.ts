// 4. History: every history query of the allocation review — GET /history grouped by window, department,
// category, hour, weekday and day over a day, a week, a month, the year and a custom period not on day
// boundaries (which reads the 15-minute buckets), staffing (Erlang C), both heatmaps and the monthly
// report — on a year of one busy hall, over HTTP to the real server: p50/p99 per query. Baseline in the same
// run: a plain SQL aggregate over the raw events of the same period (tickets' arrivals and mean wait per
// the same key — a subset of what HallPulse computes) on a second connection to the same file.
// Target: ≤ 300 ms each.
import Database from "better-sqlite3";
import { localDayRange } from "../contract/index.js";
import { addDays } from "../simulator/local-time.js";
import { BENCH_HALL, BENCH_HALL_ID, ensureDatasets, type Dataset } from "./datasets.js";
import type { BenchContext, BenchResult, Row } from "./report.js";
import { BenchServer } from "./server.js";
import { ratio, summarize, type Summary } from "./stats.js";

export interface HistoryQuery {
  name: string;
  route: string;
  /** Baseline: the SQL key expression over the ticket table `t` (issued, called, started, completed, cat, win). */
  sqlKey: string;
  from: number;
  to: number;
}

const TZ_OFFSET_S = 8 * 3600; // Asia/Shanghai, no DST

function departmentCase(): string {
  return `case win ${BENCH_HALL.windows.map((w) => `when '${w.id}' then '${w.department.replace(/'/g, "''")}'`).join(" ")} end`;
}

const KEYS: Record<string, string> = {
  window: "win",
  department: departmentCase(),
  category: "cat",
  hour: `((issued / 1000 + ${TZ_OFFSET_S}) / 3600) % 24`,
  weekday: `strftime('%w', issued / 1000 + ${TZ_OFFSET_S}, 'unixepoch')`,
  day: `date(issued / 1000 + ${TZ_OFFSET_S}, 'unixepoch')`,
};

/** The queries on a dataset whose last day is `last` and first `first`. */
export function historyQueries(first: string, last: string, quick: boolean): HistoryQuery[] {
  const tz = BENCH_HALL.timezone;
  const h = `/api/halls/${BENCH_HALL_ID}`;
  const range = (a: string, b: string) => ({ from: localDayRange(a, tz).start, to: localDayRange(b, tz).end });
  const yearStart = addDays(last, -364) < first ? first : addDays(last, -364);
  const spans: [string, string, string][] = [
    ["day", last, last],
    ["week", addDays(last, -6), last],
    ["month", addDays(last, -29), last],
    [quick ? "whole dataset" : "year", yearStart, last],
  ];
  const out: HistoryQuery[] = [];
  for (const [span, a, b] of spans)
    for (const g of Object.keys(KEYS)) out.push({ name: `history ${g} / ${span}`, route: `${h}/history?from=${a}&to=${b}&groupBy=${g}`, sqlKey: KEYS[g] as string, ...range(a, b) });
  // A custom period on 15-minute boundaries, not whole days: the bucket path.
  const ca = addDays(last, quick ? -12 : -45);
  const cb = addDays(last, -2);
  const cFrom = Date.parse(`${ca}T09:15:00+08:00`);
  const cTo = Date.parse(`${cb}T16:45:00+08:00`);
  for (const g of Object.keys(KEYS))
    out.push({
      name: `history ${g} / custom ${quick ? 10 : 43} days, partial ends`,
      route: `${h}/history?from=${encodeURIComponent(`${ca}T09:15:00+08:00`)}&to=${encodeURIComponent(`${cb}T16:45:00+08:00`)}&groupBy=${g}`,
      sqlKey: KEYS[g] as string,
      from: cFrom,
      to: cTo,
    });
  const today = addDays(last, 1);
  for (const weeks of quick ? [4] : [8, 52]) {
    const r = { from: localDayRange(addDays(today, -7 * weeks), tz).start, to: localDayRange(today, tz).start };
    out.push({ name: `staffing ${weeks} weeks`, route: `${h}/staffing?weeks=${weeks}`, sqlKey: `cat || ':' || strftime('%w', issued / 1000 + ${TZ_OFFSET_S}, 'unixepoch') || ':' || ((issued / 1000 + ${TZ_OFFSET_S}) / 3600) % 24`, ...r });
  }
  for (const kind of ["arrivals", "utilization"])
    for (const [span, a] of [["month", addDays(last, -29)], [quick ? "whole dataset" : "year", yearStart]] as const)
      out.push({
        name: `heatmap ${kind} / ${span}`,
        route: `${h}/heatmap?kind=${kind}&from=${a}&to=${last}`,
        sqlKey: `strftime('%w', issued / 1000 + ${TZ_OFFSET_S}, 'unixepoch') || ':' || ((issued / 1000 + ${TZ_OFFSET_S}) / 3600) % 24`,
        ...range(a, last),
      });
  const month = addDays(last, -31).slice(0, 7);
  const [y, m] = month.split("-").map(Number) as [number, number];
  const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  out.push({ name: `monthly report ${month}`, route: `${h}/report/monthly?month=${month}`, sqlKey: `strftime('%Y-%m', issued / 1000 + ${TZ_OFFSET_S}, 'unixepoch') || ':' || cat`, from: localDayRange(`${prev}-01`, tz).start, to: localDayRange(`${next}-01`, tz).start });
  return out;
}

/** The plain-SQL baseline: per key, tickets issued and their mean wait to the first call (and mean handling). */
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

export interface QueryFigures {
  name: string;
  hallPulse: Summary;
  sql: Summary;
  status: number;
  bytes: number;
  pendingDays: number | null;
  arrivals: { hallPulse: number | null; sql: number };
}

export async function timeQueries(server: BenchServer, dbFile: string, queries: HistoryQuery[], reps: number, sqlReps: number, log: (m: string) => void): Promise<QueryFigures[]> {
  const api = server.api();
  const raw = new Database(dbFile, { readonly: true, fileMustExist: true });
  const out: QueryFigures[] = [];
  try {
    for (const q of queries) {
      const first = await api.request<{ pendingDays?: number; rows?: { arrivals: number }[] }>("GET", q.route); // warm-up
      if (first.status !== 200) throw new Error(`${q.route}: ${first.status} ${JSON.stringify(first.body).slice(0, 300)}`);
      // Up to `reps` timed requests, but at least 3 and no more once a query has taken 20 s in all.
      const times: number[] = [];
      for (let i = 0, spent = first.ms; i < reps && (i < 3 || spent < 20_000); i++) {
        const ms = (await api.request("GET", q.route)).ms;
        times.push(ms);
        spent += ms;
      }
      const stmt = raw.prepare(baselineSql(q.sqlKey));
      const sqlTimes: number[] = [];
      let sqlArrivals = 0;
      for (let i = 0, spent = 0; i < sqlReps && (i < 1 || spent < 10_000); i++) {
        const t = performance.now();
        const rows = stmt.all(BENCH_HALL_ID, q.from, q.to) as { arrivals: number }[];
        sqlTimes.push(performance.now() - t);
        spent += performance.now() - t;
        sqlArrivals = rows.reduce((s, r) => s + r.arrivals, 0);
      }
      const body = first.body;
      const hpArrivals = q.route.includes("/history?") && q.route.includes("groupBy=category") ? (body.rows ?? []).reduce((s, r) => s + r.arrivals, 0) : null;
      const f: QueryFigures = {
        name: q.name,
        hallPulse: summarize(times),
        sql: summarize(sqlTimes),
        status: first.status,
        bytes: JSON.stringify(body).length,
        pendingDays: typeof body.pendingDays === "number" ? body.pendingDays : null,
        arrivals: { hallPulse: hpArrivals, sql: sqlArrivals },
      };
      log(`${q.name}: p50 ${f.hallPulse.p50.toFixed(1)} ms, p99 ${f.hallPulse.p99.toFixed(1)} ms; SQL p50 ${f.sql.p50.toFixed(0)} ms`);
      out.push(f);
    }
  } finally {
    raw.close();
  }
  return out;
}

export async function benchHistory(ctx: BenchContext): Promise<BenchResult> {
  const started = performance.now();
  const days = ctx.quick ? 30 : 365;
  const reps = ctx.quick ? 5 : 20;
  const sqlReps = ctx.quick ? 2 : 3;
  // (timeQueries stops repeating a query that has taken 20 s in all, and a SQL baseline after 10 s.)
  const d = (await ensureDatasets([days])).get(days) as Dataset;
  const { firstDay, lastDay } = d.meta;
  if (!firstDay || !lastDay) throw new Error("empty dataset");
  ctx.log(`${days} days, ${d.meta.events} events; ${reps} timed requests per query (after one warm-up), ${sqlReps} runs of each SQL baseline`);
  const server = new BenchServer(d.file, { LOG_LEVEL: "warn" });
  await server.start();
  let figures: QueryFigures[];
  try {
    figures = await timeQueries(server, d.file, historyQueries(firstDay, lastDay, ctx.quick), reps, sqlReps, ctx.log);
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}; server exit ${server.child?.exitCode ?? "-"} ${server.child?.signalCode ?? ""}; server output:\n${server.output.slice(-3000)}`, { cause: err });
  } finally {
    await server.stop();
  }
  const rows: Row[] = figures.map((f) => ({
    bench: "history",
    figure: `${f.name} p99`,
    value: f.hallPulse.p99,
    unit: "ms",
    baseline: { name: "plain SQL p50", value: f.sql.p50 },
    ratio: ratio(f.hallPulse.p99, f.sql.p50),
    target: "≤ 300 ms",
    met: f.hallPulse.p99 <= 300 && f.status === 200,
    note: `p50 ${f.hallPulse.p50.toFixed(1)} ms; ${(f.bytes / 1024).toFixed(0)} KB JSON${f.arrivals.hallPulse !== null ? `; arrivals ${f.arrivals.hallPulse} vs SQL ${f.arrivals.sql}` : ""}`,
  }));
  return { name: "history", rows, details: { dataset: d.meta, reps, sqlReps, queries: figures }, ms: performance.now() - started };
}
