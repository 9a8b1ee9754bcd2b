// One probe run of the event-to-wall section (bench/event-to-wall.ts), against HallPulse or the plain
// socket.io relay alike: display sockets and device sockets connected, 1,000 background events/s, a probe
// a second (window.paused / window.resumed of the probe window, spread over the flush cycle's phases), and the time from each probe's send to
// every display socket showing its state; optionally a real Chromium wall page (event-to-wall-browser.ts).
// The server's RSS and CPU and this process's own event-loop delay are taken while the probes run.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { backgroundTraffic } from "./background-traffic.js";
import { BENCH_HALL_ID } from "./datasets.js";
import { openWallPage, wallLatency } from "./event-to-wall-browser.js";
import { closeAll, connectDevices } from "./load.js";
import { cpuMs, rssMiB } from "./machine.js";
import { connectProbeDisplays, PROBE_WINDOW } from "./probe-displays.js";
import { probeDueMs } from "./probe-schedule.js";
import { sleep } from "./server.js";
import { summarize, type Summary } from "./stats.js";
import { watchWallWork } from "./wall-page-work.js";

export interface ProbeRun {
  socketLatency: Summary;
  missed: number;
  probes: number;
  background: { sent: number; errors: number; ackMs: Summary; eventsPerSecond: number };
  updatesPerDisplay: number;
  meanUpdateBytes: number | null;
  rss: { t: number; mib: number }[];
  serverCpuMs: number | null;
  /**
   * This process's own event-loop delay while the probes ran (ms): the displays' receive times and the
   * acks are taken here, so a busy measuring process adds its delay to every figure.
   */
  clientLoopDelay: { p50: number; p99: number; max: number };
  browser?: { latency: Summary; missed: number; firstRenderMs: number } | undefined;
}

export async function probeRun(opts: {
  url: string;
  pid: number;
  deviceTokens: string[];
  displayToken: string;
  displays: number;
  seconds: number;
  withBrowser: boolean;
  log(msg: string): void;
}): Promise<ProbeRun> {
  const tag = `w${Date.now().toString(36)}`;
  const displays = await connectProbeDisplays(opts.url, opts.displayToken, opts.displays, true);
  opts.log(`${displays.length} display sockets connected`);
  const devices = await connectDevices(opts.url, opts.deviceTokens, 10);
  const [probeSocket] = await connectDevices(opts.url, opts.deviceTokens, 1);
  if (!probeSocket) throw new Error("no probe socket");
  let probeN = 0;
  const sendProbe = async (type: string, extra: Record<string, unknown> = {}) => {
    const ev = { id: `${tag}:probe:${++probeN}`, hallId: BENCH_HALL_ID, ts: new Date().toISOString(), type, windowId: PROBE_WINDOW, ...extra };
    const at = performance.now();
    const epoch = Date.now();
    const r = (await probeSocket.timeout(30_000).emitWithAck("events", [ev])) as { ok: boolean; data?: { results: { status: string }[] } };
    if (!r.ok || r.data?.results[0]?.status !== "accepted") throw new Error(`probe not accepted: ${JSON.stringify(r)}`);
    return { at, epoch };
  };
  await sendProbe("window.opened", { staffId: "probe-staff" });

  const wall = opts.withBrowser ? await openWallPage(opts.url, opts.displayToken) : null;

  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const traffic = backgroundTraffic(devices, 1000, tag);
  const rss: { t: number; mib: number }[] = [];
  const t0 = performance.now();
  const sampler = setInterval(() => {
    const m = rssMiB(opts.pid);
    if (m !== null) rss.push({ t: (performance.now() - t0) / 1000, mib: m });
  }, 1000);
  const cpu0 = cpuMs(opts.pid);
  // What the wall page costs the box it shares with the server (wall-page-work.ts).
  const wallWork = wall ? await watchWallWork(wall.page) : null;
  await sleep(3000); // traffic flowing before the first probe
  const probes: { at: number; epoch: number; state: string }[] = [];
  // One a second, spread over the phases of the server's 250 ms flush cycle (probe-schedule.ts).
  const first = performance.now();
  for (let i = 0; i < opts.seconds; i++) {
    await sleep(Math.max(0, probeDueMs(first, i) - performance.now()));
    const paused = i % 2 === 0;
    const p = await sendProbe(paused ? "window.paused" : "window.resumed");
    probes.push({ ...p, state: paused ? "paused" : "open" });
  }
  await sleep(1500);
  const cpu1 = cpuMs(opts.pid);
  clearInterval(sampler);
  const bg = await traffic.stop();
  loopDelay.disable();
  const ns = 1e6;
  const clientLoopDelay = { p50: loopDelay.percentile(50) / ns, p99: loopDelay.percentile(99) / ns, max: loopDelay.max / ns };
  const elapsed = (performance.now() - t0) / 1000;

  const latencies: number[] = [];
  let missed = 0;
  for (const d of displays)
    probes.forEach((p, k) => {
      const until = probes[k + 1]?.at ?? Infinity;
      const c = d.changes.find((x) => x.at >= p.at && x.state === p.state && x.at < until + 1000);
      if (c) latencies.push(c.at - p.at);
      else missed++;
    });
  // BENCH_TRACE=1: each probe's median and slowest display latency, to tell a steady cost from stalls.
  if (process.env.BENCH_TRACE === "1")
    probes.forEach((p, k) => {
      const until = probes[k + 1]?.at ?? Infinity;
      const lat = displays.map((d) => d.changes.find((x) => x.at >= p.at && x.state === p.state && x.at < until + 1000)).flatMap((c) => (c ? [c.at - p.at] : []));
      const s = summarize(lat);
      opts.log(`probe ${k} at ${((p.at - t0) / 1000).toFixed(1)} s: p50 ${Math.round(s.p50)} ms, max ${Math.round(s.max)} ms`);
    });
  if (wallWork) opts.log(await wallWork.report(elapsed));
  let browserFigures: ProbeRun["browser"];
  if (wall) {
    browserFigures = { ...(await wallLatency(wall.page, probes)), firstRenderMs: wall.firstRenderMs };
    await wall.browser.close();
  }
  const sizes = displays[0]?.sampleBytes ?? [];
  const updates = displays.reduce((s, d) => s + d.updates, 0) / Math.max(1, displays.length);
  closeAll(displays.map((d) => d.socket));
  closeAll([...devices, probeSocket]);
  return {
    socketLatency: summarize(latencies),
    missed,
    probes: probes.length,
    background: { ...bg, eventsPerSecond: bg.sent / elapsed },
    updatesPerDisplay: updates,
    meanUpdateBytes: sizes.length > 0 ? sizes.reduce((a, b) => a + b, 0) / sizes.length : null,
    rss,
    serverCpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0,
    clientLoopDelay,
    browser: browserFigures,
  };
}
