// 3. Restart: time from process start (spawn of `node --import tsx server/main.ts`) to the first 200 of
// /api/health, on databases holding one day, 90 days and a year of one busy hall; baseline: the same start
// on a database with the hall configured and no events, in the same run. Right after each start the
// whole period's history is asked for, to show it is there without replaying the log (pendingDays 0).
// Target: ≤ 1 s for a day's live state; history available without replaying a year on start.
import type { HistoryResponse } from "../contract/index.js";
import { BENCH_HALL_ID, emptyDataset, ensureDatasets, type Dataset } from "./datasets.js";
import type { BenchContext, BenchResult, Row } from "./report.js";
import { BenchServer } from "./server.js";
import { ratio, summarize, type Summary } from "./stats.js";

interface StartFigures {
  startMs: Summary;
  rebuildMs: Summary;
  /** Spawn → the consistency facts held (read after the server is up): healthy, plus the server's own time from ready to held. */
  consistencyMs: Summary;
  history: { ms: number; pendingDays: number; rows: number; status: number } | null;
}

async function starts(file: string, n: number, dataset: Dataset | null): Promise<StartFigures> {
  const start: number[] = [];
  const rebuild: number[] = [];
  const consistency: number[] = [];
  let history: StartFigures["history"] = null;
  for (let i = 0; i < n; i++) {
    const server = new BenchServer(file);
    try {
      start.push(await server.start());
      const logged = server.loggedRebuildMs();
      if (logged !== null) rebuild.push(logged);
      if (dataset && i === n - 1 && dataset.meta.firstDay && dataset.meta.lastDay) {
        const r = await server
          .api()
          .request<HistoryResponse>("GET", `/api/halls/${BENCH_HALL_ID}/history?from=${dataset.meta.firstDay}&to=${dataset.meta.lastDay}&groupBy=day`);
        history = { ms: r.ms, status: r.status, pendingDays: r.body.pendingDays, rows: r.body.rows?.length ?? 0 };
      }
      const held = await server.consistencyHeldAfterReadyMs(30_000);
      if (held !== null) consistency.push((start.at(-1) as number) + held);
    } finally {
      await server.stop();
    }
  }
  return { startMs: summarize(start), rebuildMs: summarize(rebuild), consistencyMs: summarize(consistency), history };
}

export async function benchRestart(ctx: BenchContext): Promise<BenchResult> {
  const started = performance.now();
  const sizes = ctx.quick ? [1, 10, 30] : [1, 90, 365];
  const n = ctx.quick ? 2 : 5;
  const datasets = await ensureDatasets(sizes);
  ctx.log(`baseline: ${n} starts on a database with no events`);
  const base = await starts(await emptyDataset(), n, null);
  const rows: Row[] = [];
  const details: Record<string, unknown> = { starts: n, empty: base };
  for (const days of sizes) {
    const d = datasets.get(days) as Dataset;
    ctx.log(`${n} starts with ${days} days (${d.meta.events} events, ${(d.meta.bytes / 2 ** 20).toFixed(0)} MiB)`);
    const f = await starts(d.file, n, d);
    details[`${days}d`] = { ...f, dataset: d.meta };
    rows.push({
      bench: "restart",
      figure: `start → healthy, ${days} day${days > 1 ? "s" : ""} (${(d.meta.events / 1e6).toFixed(2)} M events)`,
      value: f.startMs.p50,
      unit: "ms",
      baseline: { name: "no events", value: base.startMs.p50 },
      ratio: ratio(f.startMs.p50, base.startMs.p50),
      ...(days === 1 ? { target: "≤ 1 s", met: f.startMs.p50 <= 1000 } : {}),
      note: `live state rebuilt in ${Math.round(f.rebuildMs.p50)} ms (server log; ${Math.round(base.rebuildMs.p50)} ms with no events); max start ${Math.round(f.startMs.max)} ms`,
    });
    rows.push({
      bench: "restart",
      figure: `consistency facts held, ${days} day${days > 1 ? "s" : ""} (read after healthy)`,
      value: f.consistencyMs.p50,
      unit: "ms",
      baseline: { name: "no events", value: base.consistencyMs.p50 },
      ratio: ratio(f.consistencyMs.p50, base.consistencyMs.p50),
      note: "from spawn: healthy, then the server's logged time from ready to the facts held; until then only the rules over lists run",
    });
    if (f.history)
      rows.push({
        bench: "restart",
        figure: `history of all ${days} days right after start`,
        value: f.history.ms,
        unit: "ms",
        target: "no replay on start (pendingDays 0)",
        met: f.history.status === 200 && f.history.pendingDays === 0 && f.history.rows > 0,
        note: `pendingDays ${f.history.pendingDays}, ${f.history.rows} day rows`,
      });
  }
  return { name: "restart", rows, details, ms: performance.now() - started };
}
