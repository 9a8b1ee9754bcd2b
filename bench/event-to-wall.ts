// 2. Event to wall: 500 /display sockets connected and 1,000 events/s flowing into /ingest; every second a
// probe event (window.paused / window.resumed of a window kept for it) is sent, and the time from its
// send to the update showing the probe window's new state is taken at every display socket, and at one
// real Chromium wall page (a MutationObserver on the window's tile). Baseline in the same run: a plain
// socket.io server that relays the probe to the same 500 sockets at once (same traffic, same padding as
// HallPulse's mean update), i.e. the transport and client floor without storage or coalescing.
// Target: p99 ≤ 300 ms including the 250 ms coalescing, and no growth of server memory over the run.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { chromium } from "playwright-core";
import { BENCH_HALL_ID, copyDb, emptyDataset } from "./datasets.js";
import { closeAll, connectDevices } from "./load.js";
import { removeTemp, tempDbFile } from "./ingest.js";
import { cpuMs, rssMiB } from "./machine.js";
import type { BenchContext, BenchResult, Row } from "./report.js";
import { BenchServer, ROOT, sleep, startNoopServer } from "./server.js";
import { backgroundTraffic } from "./background-traffic.js";
import { ratio, slope, summarize, type Summary } from "./stats.js";
import { ensureClientBuild, type MiniDocument } from "./pages.js";
import { connectProbeDisplays, PROBE_WINDOW, probeHall } from "./probe-displays.js";
import { watchWallWork } from "./wall-page-work.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"];

interface ProbeRun {
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

async function probeRun(opts: {
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

  let browser: Awaited<ReturnType<typeof chromium.launch>> | null = null;
  let page: Awaited<ReturnType<Awaited<ReturnType<typeof chromium.launch>>["newPage"]>> | null = null;
  let firstRenderMs = 0;
  if (opts.withBrowser) {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    page = await context.newPage();
    const t = performance.now();
    await page.goto(`${opts.url}/wall/${BENCH_HALL_ID}?token=${opts.displayToken}`);
    await page.locator(`[data-window="${PROBE_WINDOW}"]`).waitFor({ timeout: 60_000 });
    firstRenderMs = performance.now() - t;
    await page.evaluate((id) => {
      const g = globalThis as unknown as {
        __probe: { t: number; cls: string }[];
        document: MiniDocument;
        MutationObserver: new (cb: () => void) => { observe(target: unknown, options: Record<string, unknown>): void };
      };
      const document = g.document;
      g.__probe = [];
      const tile = document.querySelector(`[data-window="${id}"]`);
      let last = tile?.className ?? "";
      // The tile may be re-created; observe the whole grid.
      new g.MutationObserver(() => {
        const el = document.querySelector(`[data-window="${id}"]`);
        const cls = el?.className ?? "";
        if (cls !== last) {
          last = cls;
          g.__probe.push({ t: Date.now(), cls });
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"] });
    }, PROBE_WINDOW);
  }

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
  const wallWork = page ? await watchWallWork(page) : null;
  await sleep(3000); // traffic flowing before the first probe
  const probes: { at: number; epoch: number; state: string }[] = [];
  for (let i = 0; i < opts.seconds; i++) {
    const paused = i % 2 === 0;
    const p = await sendProbe(paused ? "window.paused" : "window.resumed");
    probes.push({ ...p, state: paused ? "paused" : "open" });
    await sleep(Math.max(0, 1000 - (performance.now() - p.at)));
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
  if (page && browser) {
    const seen = await page.evaluate(() => (globalThis as unknown as { __probe: { t: number; cls: string }[] }).__probe);
    const lat: number[] = [];
    let bMissed = 0;
    probes.forEach((p, k) => {
      const until = probes[k + 1]?.epoch ?? Infinity;
      const c = seen.find((x) => x.t >= p.epoch && x.cls.includes(`state-${p.state}`) && x.t < until + 1000);
      if (c) lat.push(c.t - p.epoch);
      else bMissed++;
    });
    browserFigures = { latency: summarize(lat), missed: bMissed, firstRenderMs };
    await browser.close();
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

function memoryFigures(rss: { t: number; mib: number }[]) {
  const third = Math.max(1, Math.floor(rss.length / 3));
  const mean = (xs: { mib: number }[]) => xs.reduce((s, x) => s + x.mib, 0) / Math.max(1, xs.length);
  const firstThird = mean(rss.slice(0, third));
  const lastThird = mean(rss.slice(-third));
  return {
    firstThirdMiB: firstThird,
    lastThirdMiB: lastThird,
    maxMiB: Math.max(...rss.map((r) => r.mib)),
    slopeMiBPerMin: slope(rss.map((r) => r.t), rss.map((r) => r.mib)) * 60,
  };
}

export async function benchEventToWall(ctx: BenchContext): Promise<BenchResult> {
  const started = performance.now();
  const seconds = ctx.quick ? 15 : 90;
  const displays = 500;
  await ensureClientBuild(ctx.log);
  const file = tempDbFile("wall");
  copyDb(await emptyDataset(), file);
  const server = new BenchServer(file, { LOG_LEVEL: "warn" });
  await server.start();
  let hp: ProbeRun;
  try {
    const api = server.api();
    await api.putHall(BENCH_HALL_ID, probeHall());
    const deviceTokens = [await api.createToken("device", BENCH_HALL_ID), await api.createToken("device", BENCH_HALL_ID)];
    const displayToken = await api.createToken("display", BENCH_HALL_ID);
    ctx.log(`HallPulse: ${displays} displays + Chromium, 1,000 events/s, ${seconds} probes`);
    hp = await probeRun({ url: server.url, pid: server.pid, deviceTokens, displayToken, displays, seconds, withBrowser: true, log: ctx.log });
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
  const b = hp.browser;
  const rows: Row[] = [
    {
      bench: "event-to-wall",
      figure: `send → display socket p99 (${displays} sockets)`,
      value: hp.socketLatency.p99,
      unit: "ms",
      baseline: { name: "socket.io relay p99", value: base.socketLatency.p99 },
      ratio: ratio(hp.socketLatency.p99, base.socketLatency.p99),
      target: "≤ 300 ms",
      met: hp.socketLatency.p99 <= 300 && hp.missed === 0,
      note: [
        ...(hp.missed > 0 ? [`${hp.missed} probe×display pairs never saw the change`] : []),
        `measuring process's loop delay p99 ${Math.round(hp.clientLoopDelay.p99)} ms (relay run: ${Math.round(base.clientLoopDelay.p99)} ms)`,
        `server CPU ${hp.serverCpuMs === null ? "?" : Math.round(hp.serverCpuMs / 1000)} s`,
      ].join("; "),
    },
    {
      bench: "event-to-wall",
      figure: "send → display socket p50",
      value: hp.socketLatency.p50,
      unit: "ms",
      baseline: { name: "socket.io relay p50", value: base.socketLatency.p50 },
      ratio: ratio(hp.socketLatency.p50, base.socketLatency.p50),
    },
    {
      bench: "event-to-wall",
      figure: "send → display socket max",
      value: hp.socketLatency.max,
      unit: "ms",
      baseline: { name: "socket.io relay max", value: base.socketLatency.max },
      ratio: ratio(hp.socketLatency.max, base.socketLatency.max),
    },
    ...(b
      ? [
          {
            bench: "event-to-wall",
            figure: "send → Chromium wall DOM p99",
            value: b.latency.p99,
            unit: "ms",
            baseline: { name: "socket.io relay p99", value: base.socketLatency.p99 },
            ratio: ratio(b.latency.p99, base.socketLatency.p99),
            target: "≤ 300 ms",
            met: b.latency.p99 <= 300 && b.missed === 0,
            note: `p50 ${Math.round(b.latency.p50)} ms, max ${Math.round(b.latency.max)} ms${b.missed ? `, ${b.missed} missed` : ""}`,
          } satisfies Row,
        ]
      : []),
    {
      bench: "event-to-wall",
      figure: "server RSS, last third of the run",
      value: mem.lastThirdMiB,
      unit: "MiB",
      baseline: { name: "first third", value: mem.firstThirdMiB },
      ratio: ratio(mem.lastThirdMiB, mem.firstThirdMiB),
      target: "no growth (≤ 1.1× first third)",
      met: mem.lastThirdMiB <= mem.firstThirdMiB * 1.1,
      note: `slope ${mem.slopeMiBPerMin.toFixed(1)} MiB/min, max ${Math.round(mem.maxMiB)} MiB; the ${hp.background.sent} events sent stay in the 48-hour live facts by design`,
    },
    {
      bench: "event-to-wall",
      figure: "background events acked/s",
      value: hp.background.eventsPerSecond,
      unit: "ev/s",
      baseline: { name: "socket.io relay", value: base.background.eventsPerSecond },
      ratio: ratio(hp.background.eventsPerSecond, base.background.eventsPerSecond),
      target: "1,000 ev/s offered",
      met: hp.background.eventsPerSecond >= 950,
    },
  ];
  return {
    name: "event-to-wall",
    rows,
    details: { displays, seconds, hallPulse: { ...hp, memory: mem }, baseline: base, root: ROOT },
    ms: performance.now() - started,
  };
}

