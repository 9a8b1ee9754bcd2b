// `npm run bench`: the performance figures of issue #8, each against a baseline measured in the same run.
//   npm run bench                      full scale (long: generates a year and ~3 years of data once)
//   npm run bench -- --quick           small scales, a few minutes
//   npm run bench -- --only ingest,history
//   npm run bench -- --markdown        also print the summary as a markdown table (for docs/performance.md)
// Environment: BENCH_GROWTH_SIZES="1,10,100,365" (growth sizes in days), BENCH_SERVER_NODE_ARGS (e.g. --cpu-prof),
//   BENCH_PROVINCE_HALLS=60 (halls of the province measurement; BENCH_PROVINCE_NODES="1,2", BENCH_PROVINCE_HEAVY=10).
// Prints machine facts and a table; writes bench/results/latest.json and a timestamped copy (gitignored).
// What each figure means and the last full result: docs/performance.md.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadAverage, machineFacts } from "../bench/machine.js";
import { tableLines, type BenchContext, type BenchResult } from "../bench/report.js";
import { ROOT, buildServer, serverEntry } from "../bench/server.js";

type Bench = (ctx: BenchContext) => Promise<BenchResult>;
/** Loaded only when run, so that `--only x` does not load the others. */
const BENCHES: Record<string, () => Promise<Bench>> = {
  ingest: async () => (await import("../bench/ingest.js")).benchIngest,
  "event-to-wall": async () => (await import("../bench/event-to-wall.js")).benchEventToWall,
  restart: async () => (await import("../bench/restart.js")).benchRestart,
  history: async () => (await import("../bench/history.js")).benchHistory,
  "history-pg": async () => (await import("../bench/history-pg.js")).benchHistoryPostgres,
  pages: async () => (await import("../bench/pages.js")).benchPages,
  growth: async () => (await import("../bench/growth.js")).benchGrowth,
  "scale-out": async () => (await import("../bench/scale-out.js")).benchScaleOut,
  province: async () => (await import("../bench/province.js")).benchProvince,
};

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string" },
    markdown: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  process.stdout.write(`npm run bench -- [--quick] [--markdown] [--only ${Object.keys(BENCHES).join(",")}]\n`);
  process.exit(0);
}
const names = args.only ? args.only.split(",").map((s) => s.trim()).filter(Boolean) : Object.keys(BENCHES);
for (const n of names) if (!(n in BENCHES)) throw new Error(`unknown benchmark "${n}"; expected one of ${Object.keys(BENCHES).join(", ")}`);

const machine = machineFacts();
const mode = args.quick ? "quick" : "full";
process.stdout.write(
  `HallPulse benchmark (${mode}) ${machine.date}\n  ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.platform}\n  Node ${machine.node}, SQLite ${machine.sqlite} (better-sqlite3 ${machine.betterSqlite3}), load average ${machine.loadAverage.join(" ")}\n\n`,
);

buildServer((m) => process.stdout.write(`${m}\n\n`));
const results: BenchResult[] = [];
const loads: Record<string, { before: number[]; after: number[] }> = {};
for (const name of names) {
  process.stdout.write(`▶ ${name}\n`);
  const before = loadAverage();
  const ctx: BenchContext = { quick: args.quick, log: (msg) => process.stdout.write(`  ${msg}\n`) };
  try {
    const run = await (BENCHES[name] as () => Promise<Bench>)();
    const r = await run(ctx);
    results.push(r);
    loads[name] = { before, after: loadAverage() };
    process.stdout.write(`${tableLines(r.rows, false).map((l) => `  ${l}`).join("\n")}\n  (${(r.ms / 1000).toFixed(0)} s, load average ${before.join(" ")} → ${loads[name].after.join(" ")})\n\n`);
  } catch (err) {
    process.stdout.write(`  FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n\n`);
    results.push({ name, rows: [], details: { error: err instanceof Error ? err.message : String(err) }, ms: 0 });
    process.exitCode = 1;
  }
}

const rows = results.flatMap((r) => r.rows);
process.stdout.write(`Summary\n${tableLines(rows, false).join("\n")}\n`);
const notMet = rows.filter((r) => r.met === false);
const failed = results.filter((r) => r.rows.length === 0).map((r) => r.name);
if (failed.length > 0) process.stdout.write(`\nFailed to run: ${failed.join(", ")}\n`);
process.stdout.write(notMet.length === 0 ? "\nEvery target measured here is met.\n" : `\nTargets not met: ${notMet.map((r) => `${r.bench}: ${r.figure}`).join("; ")}\n`);

const dir = path.join(ROOT, "bench", "results");
fs.mkdirSync(dir, { recursive: true });
const doc = { mode, only: args.only ?? null, server: serverEntry, machine: { ...machine, loadAverageAtEnd: loadAverage() }, loadAverages: loads, results };
const json = `${JSON.stringify(doc, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2)}\n`;
fs.writeFileSync(path.join(dir, "latest.json"), json);
fs.writeFileSync(path.join(dir, `${machine.date.replace(/[:.]/g, "-")}-${mode}.json`), json);
if (args.markdown)
  process.stdout.write(
    `\nMeasured ${machine.date} (${mode}) on ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, SQLite ${machine.sqlite}; load average at start ${machine.loadAverage.join(" ")}.\n\n${tableLines(rows, true).join("\n")}\n`,
  );
process.stdout.write(`\nWrote bench/results/latest.json\n`);
// Sockets and timers of the measurements must not keep the process alive.
process.exit();
