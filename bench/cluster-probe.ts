// Event to wall across nodes (issue #11): display sockets spread round-robin over the nodes, a steady
// background load and a probe event every second, both sent to node 1 only, so that the displays on the
// other nodes measure the cross-node path (commit → NOTIFY → log follower → coalesced flush). The method
// is the one of bench/event-to-wall-probe.ts (same probe window, same background day re-stamped to now, same
// 10 device sockets with batches every 100 ms, same change detection), with each display tagged by its
// node; with one URL it is that measurement without Chromium, which is how the single-node baselines of
// the scale-out section are taken.
import type { Socket } from "socket.io-client";
import { BENCH_HALL_ID } from "./datasets.js";
import { PROBE_WINDOW, probeWatcher, wallLikeDisplay, type ProbeView } from "./probe-displays.js";
import { probeDueMs } from "./probe-schedule.js";
import { closeAll, connectDevices } from "./load.js";
import { roundRobin, summarizeByNode, type GroupSummaries, type NodeSample } from "./scale-out-plan.js";
import { sleep } from "./server.js";
import { backgroundTraffic } from "./background-traffic.js";
import type { Summary } from "./stats.js";

interface Display {
  node: number;
  socket: Socket;
  changes: { at: number; state: string }[];
}


function connectDisplay(url: string, token: string, node: number): Promise<Display> {
  return new Promise<Display>((resolve, reject) => {
    const d: Display = { node, socket: wallLikeDisplay(url, token), changes: [] };
    const see = probeWatcher(d.changes);
    d.socket.on("snapshot", (s: ProbeView) => {
      see(s);
      resolve(d);
    });
    d.socket.on("update", see);
    d.socket.once("connect_error", (err) => reject(new Error(`display on node ${node + 1} refused: ${err.message}`)));
  });
}

async function connectDisplays(urls: readonly string[], token: string, count: number): Promise<Display[]> {
  const nodes = roundRobin(count, urls.length);
  const out: Display[] = [];
  for (let i = 0; i < count; i += 50) out.push(...(await Promise.all(nodes.slice(i, i + 50).map((n) => connectDisplay(urls[n] as string, token, n)))));
  return out;
}

/** A busy day's events re-stamped to now, `perSecond` in all, from `sockets` in batches every 100 ms. */
export interface ClusterProbeRun {
  nodes: number;
  displays: number;
  displaysPerNode: number[];
  probes: number;
  latency: GroupSummaries;
  /**
   * probe × display pairs that never saw the change, per node. Under a backlog of more than a probe interval
   * two probes can fold into one flush, so the display shows only the later state: counted here.
   */
  missedByNode: number[];
  /** Displays, per node, not showing the last probe's state 30 s after the last probe (a real loss). */
  wrongAtEndByNode: number[];
  background: { sent: number; errors: number; ackMs: Summary; eventsPerSecond: number };
}

/**
 * `urls[0]` takes the background load and the probes; the displays are spread over all `urls`.
 * The probe window must exist in the hall (probeHall()).
 */
export async function clusterProbeRun(opts: {
  urls: readonly string[];
  deviceToken: string;
  displayToken: string;
  displays: number;
  seconds: number;
  eventsPerSecond: number;
  log(msg: string): void;
}): Promise<ClusterProbeRun> {
  const [ingestUrl] = opts.urls;
  if (!ingestUrl) throw new Error("no node");
  const tag = `so${Date.now().toString(36)}`;
  const displays = await connectDisplays(opts.urls, opts.displayToken, opts.displays);
  const displaysPerNode = opts.urls.map((_, n) => displays.filter((d) => d.node === n).length);
  opts.log(`${displays.length} display sockets connected (${displaysPerNode.join(" + ")} over ${opts.urls.length} node${opts.urls.length > 1 ? "s" : ""})`);
  const devices = await connectDevices(ingestUrl, [opts.deviceToken], 10);
  const [probeSocket] = await connectDevices(ingestUrl, [opts.deviceToken], 1);
  if (!probeSocket) throw new Error("no probe socket");
  try {
    let probeN = 0;
    const sendProbe = async (type: string, extra: Record<string, unknown> = {}) => {
      const ev = { id: `${tag}:probe:${++probeN}`, hallId: BENCH_HALL_ID, ts: new Date().toISOString(), type, windowId: PROBE_WINDOW, ...extra };
      const at = performance.now();
      const r = (await probeSocket.timeout(30_000).emitWithAck("events", [ev])) as { ok: boolean; data?: { results: { status: string }[] } };
      if (!r.ok || r.data?.results[0]?.status !== "accepted") throw new Error(`probe not accepted: ${JSON.stringify(r)}`);
      return at;
    };
    await sendProbe("window.opened", { staffId: "probe-staff" });
    const traffic = backgroundTraffic(devices, opts.eventsPerSecond, tag);
    const t0 = performance.now();
    await sleep(3000); // traffic flowing before the first probe
    const probes: { at: number; state: string }[] = [];
    // One a second, spread over the phases of the nodes' 250 ms flush cycle (probe-schedule.ts).
    const first = performance.now();
    for (let i = 0; i < opts.seconds; i++) {
      await sleep(Math.max(0, probeDueMs(first, i) - performance.now()));
      const paused = i % 2 === 0;
      const at = await sendProbe(paused ? "window.paused" : "window.resumed");
      probes.push({ at, state: paused ? "paused" : "open" });
    }
    await sleep(1500);
    const bg = await traffic.stop();
    const elapsed = (performance.now() - t0) / 1000;

    const last = probes.at(-1);
    const shows = (d: Display) => d.changes.at(-1)?.state === last?.state;
    for (const deadline = performance.now() + 30_000; last && performance.now() < deadline && !displays.every(shows); ) await sleep(100);
    const wrongAtEndByNode = opts.urls.map((_, n) => displays.filter((d) => d.node === n && !shows(d)).length);

    const samples: NodeSample[] = [];
    const missedByNode = opts.urls.map(() => 0);
    for (const d of displays)
      probes.forEach((p, k) => {
        const until = probes[k + 1]?.at ?? Infinity;
        const c = d.changes.find((x) => x.at >= p.at && x.state === p.state && x.at < until + 1000);
        if (c) samples.push({ node: d.node, ms: c.at - p.at });
        else missedByNode[d.node] = (missedByNode[d.node] ?? 0) + 1;
      });
    return {
      nodes: opts.urls.length,
      displays: displays.length,
      displaysPerNode,
      probes: probes.length,
      latency: summarizeByNode(samples, opts.urls.length),
      missedByNode,
      wrongAtEndByNode,
      background: { ...bg, eventsPerSecond: bg.sent / elapsed },
    };
  } finally {
    closeAll(displays.map((d) => d.socket));
    closeAll([...devices, probeSocket]);
  }
}
