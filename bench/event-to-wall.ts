// 2. Event to wall: 500 /display sockets connected and 1,000 events/s flowing into /ingest; every second a
// probe event (window.paused / window.resumed of a window kept for it) is sent, and the time from its
// send to the update showing the probe window's new state is taken at every display socket, and at one
// real Chromium wall page (a MutationObserver on the window's tile). Baseline in the same run: a plain
// socket.io server that relays the probe to the same 500 sockets at once (same traffic, same padding as
// HallPulse's mean update), i.e. the transport and client floor without storage or coalescing.
// Target: p99 ≤ 300 ms including the 250 ms coalescing, and no growth of server memory over the run (RSS;
// the main thread's heap after a forced GC before and after the run is shown beside it, outside the probes).
// One probe run is bench/event-to-wall-probe.ts (its Chromium page event-to-wall-browser.ts), the figures
// bench/event-to-wall-rows.ts.
import { BENCH_HALL_ID, copyDb, emptyDataset } from "./datasets.js";
import { probeRun, type ProbeRun } from "./event-to-wall-probe.js";
import { eventToWallRows, memoryFigures, type HeapAroundRun } from "./event-to-wall-rows.js";
import { removeTemp, tempDbFile } from "./ingest.js";
import { MEMORY_HOOK_NODE_ARGS, memoryAfterGc } from "./memory-hook.js";
import { ensureClientBuild } from "./pages.js";
import { PROBE_WINDOW, probeHall } from "./probe-displays.js";
import type { BenchContext, BenchResult } from "./report.js";
import { BenchServer, ROOT, sleep, startNoopServer } from "./server.js";

export async function benchEventToWall(ctx: BenchContext): Promise<BenchResult> {
  const started = performance.now();
  const seconds = ctx.quick ? 15 : 90;
  const displays = 500;
  await ensureClientBuild(ctx.log);
  const file = tempDbFile("wall");
  copyDb(await emptyDataset(), file);
  const server = new BenchServer(file, { LOG_LEVEL: "warn" }, MEMORY_HOOK_NODE_ARGS);
  await server.start();
  let hp: ProbeRun;
  let heap: HeapAroundRun;
  try {
    const api = server.api();
    await api.putHall(BENCH_HALL_ID, probeHall());
    const deviceTokens = [await api.createToken("device", BENCH_HALL_ID), await api.createToken("device", BENCH_HALL_ID)];
    const displayToken = await api.createToken("display", BENCH_HALL_ID);
    ctx.log(`HallPulse: ${displays} displays + Chromium, 1,000 events/s, ${seconds} probes`);
    const before = await memoryAfterGc(server);
    hp = await probeRun({ url: server.url, pid: server.pid, deviceTokens, displayToken, displays, seconds, withBrowser: true, log: ctx.log });
    await sleep(1000); // the displays' disconnects handled: what is left is the hall's
    heap = { before, after: await memoryAfterGc(server) };
  } finally {
    await server.stop();
    removeTemp(file);
  }
  const pad = Math.round(hp.meanUpdateBytes ?? 0);
  ctx.log(`baseline: plain socket.io relay to ${displays} sockets, updates padded to ${pad} bytes`);
  const noop = await startNoopServer({ RELAY: "1", PAD_BYTES: String(pad), PROBE_WINDOW });
  let base: ProbeRun;
  try {
    base = await probeRun({ url: noop.url, pid: noop.pid, deviceTokens: ["none"], displayToken: "none", displays, seconds: Math.min(seconds, 30), withBrowser: false, log: ctx.log });
  } finally {
    await noop.stop();
  }
  const mem = memoryFigures(hp.rss);
  const rows = eventToWallRows(hp, base, mem, heap, displays);
  return {
    name: "event-to-wall",
    rows,
    details: { displays, seconds, hallPulse: { ...hp, memory: mem, heap }, baseline: base, root: ROOT },
    ms: performance.now() - started,
  };
}

