// Each thread's memory every 5 s, appended as JSON lines to THREAD_MEMORY_LOG (default
// /tmp/hallpulse-thread-memory.log): loaded into a bench server with
//   BENCH_SERVER_NODE_ARGS="--import ./bench/thread-memory-log.mjs" npm run bench -- --only event-to-wall
// Node runs an --import preload in every worker thread started from a file too (they inherit execArgv),
// so the main thread, the floor worker, the log writer and the rollup worker each log their own heap: `t`
// is seconds since that thread started, `name` "main" or "w<threadId>", sizes in MiB (`spaces`: V8's heap
// spaces). Plain JavaScript so that the built server loads it without tsx. Issue #8's memory
// (docs/performance.md §2).
import { appendFileSync } from "node:fs";
import process from "node:process";
import { setInterval } from "node:timers";
import v8 from "node:v8";
import { isMainThread, threadId } from "node:worker_threads";

const file = process.env.THREAD_MEMORY_LOG ?? "/tmp/hallpulse-thread-memory.log";
const started = Date.now();
const name = isMainThread ? "main" : `w${threadId}`;
const mib = (bytes) => Math.round(bytes / 2 ** 20);

setInterval(() => {
  const m = process.memoryUsage();
  const h = v8.getHeapStatistics();
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name.replace(/_space$/, ""), mib(s.space_size)]));
  const line = { t: Math.round((Date.now() - started) / 1000), name, rss: mib(m.rss), used: mib(h.used_heap_size), total: mib(h.total_heap_size), external: mib(m.external), spaces };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}, 5_000).unref();
