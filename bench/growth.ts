// 6. Growth: the same ingest workload and the same history queries on databases holding 1×, 10×, 100× and
// 1,000× the base of one busy day (1, 10, 100 and 1,000 days ≈ 2.7 years; `--quick`: 1, 10, 30 days),
// to show how cost grows with the data. Baseline: the 1× figure of the same run; the plain SQL aggregate
// over raw events is measured at every size too. Ingest runs on a copy of each dataset.
import { BENCH_HALL_ID, copyDb, ensureDatasets, type Dataset } from "./datasets.js";
import { removeTemp, tempDbFile, INGEST_SHAPE } from "./ingest.js";
import { closeAll, connectDevices, ingestWorkload, runLoad, type LoadResult } from "./load.js";
import { sqliteBaseline } from "./history-baseline.js";
import { historyQueries, timeQueries, type QueryFigures } from "./history.js";
import type { BenchContext, BenchResult, Row } from "./report.js";
import { BenchServer } from "./server.js";
import { ratio } from "./stats.js";

const PICK = [/^history category \/ month$/, /^history day \/ year$/, /^history hour \/ custom/, /^heatmap arrivals \/ month$/];

interface SizeFigures {
  days: number;
  events: number;
  bytes: number;
  startMs: number;
  ingest: LoadResult;
  queries: QueryFigures[];
}

export async function benchGrowth(ctx: BenchContext): Promise<BenchResult> {
  const started = performance.now();
  // BENCH_GROWTH_SIZES="1,10,100,365" overrides the sizes (days; the first is the 1× base).
  const sizes = process.env.BENCH_GROWTH_SIZES ? process.env.BENCH_GROWTH_SIZES.split(",").map(Number) : ctx.quick ? [1, 10, 30] : [1, 10, 100, 1000];
  const total = ctx.quick ? 10_000 : 40_000;
  const reps = ctx.quick ? 5 : 10;
  const datasets = await ensureDatasets(sizes);
  const out: SizeFigures[] = [];
  for (const days of sizes) {
    const d = datasets.get(days) as Dataset;
    const { firstDay, lastDay } = d.meta;
    if (!firstDay || !lastDay) throw new Error("empty dataset");
    ctx.log(`${days} days: ${d.meta.events} events, ${(d.meta.bytes / 2 ** 20).toFixed(0)} MiB`);
    const queries = historyQueries(firstDay, lastDay, false).filter((q) => PICK.some((p) => p.test(q.name)));
    const server = new BenchServer(d.file, { LOG_LEVEL: "warn" });
    const startMs = await server.start();
    let figures: QueryFigures[];
    try {
      figures = await timeQueries(server, sqliteBaseline(d.file), queries, reps, 2, () => {});
    } finally {
      await server.stop();
    }
    const copy = tempDbFile(`growth-${days}`);
    copyDb(d.file, copy);
    const ingestServer = new BenchServer(copy, { LOG_LEVEL: "warn" });
    await ingestServer.start();
    let ingest: LoadResult;
    try {
      const tokens = [await ingestServer.api().createToken("device", BENCH_HALL_ID)];
      const sockets = await connectDevices(ingestServer.url, tokens, INGEST_SHAPE.devices);
      try {
        await runLoad(sockets, ingestWorkload(2_000, INGEST_SHAPE.devices, `gw${days}${Date.now().toString(36)}`), INGEST_SHAPE);
        ingest = await runLoad(sockets, ingestWorkload(total, INGEST_SHAPE.devices, `g${days}${Date.now().toString(36)}`), INGEST_SHAPE);
      } finally {
        closeAll(sockets);
      }
    } finally {
      await ingestServer.stop();
      removeTemp(copy);
    }
    ctx.log(`  start ${Math.round(startMs)} ms; ingest ${Math.round(ingest.eventsPerSecond)} ev/s; ${figures.map((f) => `${f.name} p50 ${f.hallPulse.p50.toFixed(0)} ms (SQL ${f.sql.p50.toFixed(0)} ms)`).join("; ")}`);
    out.push({ days, events: d.meta.events, bytes: d.meta.bytes, startMs, ingest, queries: figures });
  }
  const base = out[0] as SizeFigures;
  const rows: Row[] = [];
  for (const s of out.slice(1)) {
    const x = `${s.days / base.days}× (${s.days} days, ${(s.events / 1e6).toFixed(2)} M events)`;
    rows.push({
      bench: "growth",
      figure: `ingest ev/s at ${x}`,
      value: s.ingest.eventsPerSecond,
      unit: "ev/s",
      baseline: { name: `1× (${base.days} day)`, value: base.ingest.eventsPerSecond },
      ratio: ratio(s.ingest.eventsPerSecond, base.ingest.eventsPerSecond),
      note: `ack p99 ${Math.round(s.ingest.ackMs.p99)} ms (1×: ${Math.round(base.ingest.ackMs.p99)} ms)`,
    });
    rows.push({
      bench: "growth",
      figure: `start → healthy at ${x}`,
      value: s.startMs,
      unit: "ms",
      baseline: { name: "1×", value: base.startMs },
      ratio: ratio(s.startMs, base.startMs),
    });
    for (const q of s.queries) {
      const b = base.queries.find((f) => f.name === q.name);
      rows.push({
        bench: "growth",
        figure: `${q.name} p50 at ${s.days / base.days}×`,
        value: q.hallPulse.p50,
        unit: "ms",
        baseline: b ? { name: "1×", value: b.hallPulse.p50 } : undefined,
        ratio: b ? ratio(q.hallPulse.p50, b.hallPulse.p50) : null,
        note: `plain SQL ${Math.round(q.sql.p50)} ms${b ? ` (1×: ${Math.round(b.sql.p50)} ms)` : ""}`,
      });
    }
  }
  return { name: "growth", rows, details: { sizes: out, workload: { total, shape: INGEST_SHAPE }, reps }, ms: performance.now() - started };
}
