// 4. History: every history query of the allocation review — GET /history grouped by window, department,
// category, hour, weekday and day over a day, a week, a month, the year and a custom period not on day
// boundaries (which reads the 15-minute buckets), staffing (Erlang C), both heatmaps and the monthly
// report — on a year of one busy hall, over HTTP to the real server: p50/p99 per query. Baseline in the same
// run: a plain SQL aggregate over the raw events of the same period (tickets' arrivals and mean wait per
// the same key — a subset of what HallPulse computes) on a second connection to the same file.
// Target: ≤ 300 ms each.
import { localDayRange } from "../contract/index.js";
import { addDays } from "../simulator/local-time.js";
import { BASELINE_KEYS, sqliteBaseline, type Baseline, type BaselineKey } from "./history-baseline.js";
import { BENCH_HALL, BENCH_HALL_ID, ensureDatasets, type Dataset } from "./datasets.js";
import type { BenchContext, BenchResult, Row } from "./report.js";
import { BenchServer } from "./server.js";
import { ratio, summarize, type Summary } from "./stats.js";

export interface HistoryQuery {
  name: string;
  route: string;
  /** What the plain-SQL baseline groups by (history-baseline.ts). */
  key: BaselineKey;
  from: number;
  to: number;
}

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
    for (const g of BASELINE_KEYS) out.push({ name: `history ${g} / ${span}`, route: `${h}/history?from=${a}&to=${b}&groupBy=${g}`, key: g, ...range(a, b) });
  // A custom period on 15-minute boundaries, not whole days: the bucket path.
  const ca = addDays(last, quick ? -12 : -45);
  const cb = addDays(last, -2);
  const cFrom = Date.parse(`${ca}T09:15:00+08:00`);
  const cTo = Date.parse(`${cb}T16:45:00+08:00`);
  for (const g of BASELINE_KEYS)
    out.push({
      name: `history ${g} / custom ${quick ? 10 : 43} days, partial ends`,
      route: `${h}/history?from=${encodeURIComponent(`${ca}T09:15:00+08:00`)}&to=${encodeURIComponent(`${cb}T16:45:00+08:00`)}&groupBy=${g}`,
      key: g,
      from: cFrom,
      to: cTo,
    });
  const today = addDays(last, 1);
  for (const weeks of quick ? [4] : [8, 52]) {
    const r = { from: localDayRange(addDays(today, -7 * weeks), tz).start, to: localDayRange(today, tz).start };
    out.push({ name: `staffing ${weeks} weeks`, route: `${h}/staffing?weeks=${weeks}`, key: "category-weekday-hour", ...r });
  }
  for (const kind of ["arrivals", "utilization"])
    for (const [span, a] of [["month", addDays(last, -29)], [quick ? "whole dataset" : "year", yearStart]] as const)
      out.push({
        name: `heatmap ${kind} / ${span}`,
        route: `${h}/heatmap?kind=${kind}&from=${a}&to=${last}`,
        key: "weekday-hour",
        ...range(a, last),
      });
  const month = addDays(last, -31).slice(0, 7);
  const [y, m] = month.split("-").map(Number) as [number, number];
  const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  out.push({ name: `monthly report ${month}`, route: `${h}/report/monthly?month=${month}`, key: "month-category", from: localDayRange(`${prev}-01`, tz).start, to: localDayRange(`${next}-01`, tz).start });
  return out;
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

/** Times each query over HTTP and its baseline; closes the baseline's connection at the end. */
export async function timeQueries(server: BenchServer, baseline: Baseline, queries: HistoryQuery[], reps: number, sqlReps: number, log: (m: string) => void): Promise<QueryFigures[]> {
  const api = server.api();
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
      const sqlTimes: number[] = [];
      let sqlArrivals = 0;
      for (let i = 0, spent = 0; i < sqlReps && (i < 1 || spent < 10_000); i++) {
        const t = performance.now();
        sqlArrivals = await baseline.arrivals(q.key, BENCH_HALL_ID, q.from, q.to);
        sqlTimes.push(performance.now() - t);
        spent += performance.now() - t;
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
    await baseline.close();
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
    figures = await timeQueries(server, sqliteBaseline(d.file), historyQueries(firstDay, lastDay, ctx.quick), reps, sqlReps, ctx.log);
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}; server exit ${server.child?.exitCode ?? "-"} ${server.child?.signalCode ?? ""}; server output:\n${server.output.slice(-3000)}`, { cause: err });
  } finally {
    await server.stop();
  }
  return { name: "history", rows: historyRows("history", figures, "plain SQL p50"), details: { dataset: d.meta, reps, sqlReps, queries: figures }, ms: performance.now() - started };
}

/** The table rows of timed history queries: each query's p99 against the baseline's p50, target ≤ 300 ms. */
export function historyRows(bench: string, figures: QueryFigures[], baselineName: string): Row[] {
  return figures.map((f) => ({
    bench,
    figure: `${f.name} p99`,
    value: f.hallPulse.p99,
    unit: "ms",
    baseline: { name: baselineName, value: f.sql.p50 },
    ratio: ratio(f.hallPulse.p99, f.sql.p50),
    target: "≤ 300 ms",
    met: f.hallPulse.p99 <= 300 && f.status === 200,
    note: `p50 ${f.hallPulse.p50.toFixed(1)} ms; ${(f.bytes / 1024).toFixed(0)} KB JSON${f.arrivals.hallPulse !== null ? `; arrivals ${f.arrivals.hallPulse} vs SQL ${f.arrivals.sql}` : ""}`,
  }));
}
