// One node configuration on the loaded province: its nodes started and their memory against the empty
// baseline, the province's displays, devices and probe sockets connected, then its live phases.
import type { Socket } from "socket.io-client";
import { PROBE_WINDOW, probeWatcher, wallLikeDisplay, type ProbeView } from "./probe-displays.js";
import { closeAll, connectDevices } from "./load.js";
import { loadAverage } from "./machine.js";
import { watchOverview } from "./overview-watch.js";
import { livePhase } from "./province-live.js";
import { startNodes, stopNodes } from "./province-nodes.js";
import * as plan from "./province-plan.js";
import { countEvents } from "./province-setup.js";
import { label, mibs, ms, type Ack, type ConfigRun, type Display, type Hall, type Live, type Started } from "./province-types.js";
import type { BenchContext } from "./report.js";
import { untilHallKnown } from "./server.js";
import { round } from "./stats.js";

/** Waits until every node knows every hall and its display token (the nodes read them from the database). */
async function untilKnown(urls: readonly string[], halls: readonly Hall[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const h of halls) await untilHallKnown(urls, h.id, h.displayToken, deadline);
}

function connectDisplay(url: string, token: string, hall: number, node: number): Promise<Display> {
  return new Promise<Display>((resolve, reject) => {
    const d: Display = { hall, node, socket: wallLikeDisplay(url, token), changes: [], disconnected: false };
    const see = probeWatcher(d.changes);
    d.socket.on("snapshot", (s: ProbeView) => {
      see(s);
      resolve(d);
    });
    d.socket.on("update", see);
    d.socket.on("disconnect", () => (d.disconnected = true));
    d.socket.once("connect_error", (err) => reject(new Error(`display of hall ${hall + 1} on node ${node + 1} refused: ${err.message}`)));
  });
}

/** Starts N nodes on the loaded database, connects the province's clients, runs the live phases. */
export async function loadedConfig(
  n: number,
  env: Record<string, string>,
  halls: Hall[],
  empty: Started,
  work: { probes: number; heavyProbes: number; perHallPerSecond: number; heavy: number; databaseUrl: string; overseerToken: string; placement: plan.DisplayPlacement },
  ctx: BenchContext,
): Promise<ConfigRun> {
  const beforeStart = loadAverage();
  const held = await countEvents(work.databaseUrl, Date.now() - 48 * 3_600_000);
  const started = await startNodes(n, env);
  const afterStart = loadAverage();
  const per = (f: (s: Started) => number[]) => plan.memoryPerHall(f(started), f(empty), halls.length, held.held);
  const memory = { rss: per((s) => s.gc.map((g) => g.rssMiB)), heap: per((s) => s.gc.map((g) => g.heapUsedMiB)), rssAsSeen: per((s) => s.rssMiB) };
  ctx.log(
    `${label(n)} on the loaded database (${held.held} events in the last 48 h): started in ${started.startMs.map(ms).join(", ")} (live state rebuilt ${started.rebuildMs.map((x) => (x === null ? "?" : ms(x))).join(", ")}, consistency facts held ${started.consistencyMs.map((x) => (x === null ? "?" : ms(x))).join(", ")}); after GC RSS ${mibs(started.gc.map((g) => g.rssMiB))}, heap used ${mibs(started.gc.map((g) => g.heapUsedMiB))} against ${mibs(empty.gc.map((g) => g.rssMiB))}, ${mibs(empty.gc.map((g) => g.heapUsedMiB))} without events (RSS ${round(memory.rss.perHallMiB)} MiB a hall, ${round(memory.rss.perEventKB)} KB an event; heap ${round(memory.heap.perHallMiB)} MiB, ${round(memory.heap.perEventKB)} KB); RSS before GC ${mibs(started.rssMiB)} (empty ${mibs(empty.rssMiB)})`,
  );
  const urls = started.nodes.map((x) => x.url);
  const live: Live = { urls, nodes: started.nodes, halls, displays: [], devices: [], probeSockets: new Map(), cursors: halls.map((h) => ({ at: h.liveStart, loop: 0 })), sent: [], failed: [], databaseUrl: work.databaseUrl, tag: `pv${n}${Date.now().toString(36)}`, overseerToken: work.overseerToken, overview: null };
  try {
    await untilKnown(urls, halls);
    const targets = halls.flatMap((h) => plan.displayNodes(h.index, plan.DISPLAYS_PER_HALL, n, work.placement).map((node) => ({ h, node })));
    for (let i = 0; i < targets.length; i += 50)
      live.displays.push(...(await Promise.all(targets.slice(i, i + 50).map(({ h, node }) => connectDisplay(urls[node] as string, h.displayToken, h.index, node)))));
    const displaysPerNode = urls.map((_, node) => live.displays.filter((d) => d.node === node).length);
    for (const h of halls) live.devices.push(...(await connectDevices(urls[plan.deviceNode(h.index, n)] as string, [h.deviceToken], 1)));
    const totalProbes = work.probes + (work.heavy > 0 ? work.heavyProbes : 0);
    for (const p of plan.probePairs(0, totalProbes, halls.length, n)) {
      const [socket] = await connectDevices(urls[p.node] as string, [(halls[p.hall] as Hall).deviceToken], 1);
      live.probeSockets.set(`${p.hall}/${p.node}`, socket as Socket);
    }
    live.overview = await watchOverview(urls, work.overseerToken, halls.map((h) => h.id));
    ctx.log(`${live.displays.length} displays (${displaysPerNode.join(" + ")}; placed ${work.placement === "hall" ? "by hall" : "spread within each hall"}), ${live.devices.length} device and ${live.probeSockets.size} probe sockets, ${urls.length} /overview socket(s) connected`);
    // Every hall's probe window open before its first (paused) probe.
    await Promise.all(
      halls.map(async (h) => {
        const ev = { id: `${live.tag}:open`, hallId: h.id, ts: new Date().toISOString(), type: "window.opened", windowId: PROBE_WINDOW, staffId: "probe-staff" };
        const r = (await (live.devices[h.index] as Socket).timeout(30_000).emitWithAck("events", [ev])) as Ack;
        if (!r.ok || r.data?.results[0]?.status !== "accepted") throw new Error(`probe window of ${h.id} not opened: ${JSON.stringify(r)}`);
      }),
    );
    const phases = [await livePhase(live, "peak", work.perHallPerSecond, 0, work.probes, ctx.log)];
    if (work.heavy > 0) phases.push(await livePhase(live, "heavy", work.perHallPerSecond * work.heavy, work.probes, work.heavyProbes, ctx.log));
    const { nodes: _nodes, ...loaded } = started;
    const { nodes: _empty, ...emptyFigures } = empty;
    return {
      nodes: n,
      label: label(n),
      heldEvents: held.held,
      empty: emptyFigures,
      loaded,
      memory,
      displaysPerNode,
      displayDisconnects: live.displays.filter((d) => d.disconnected).length,
      phases,
      load: { beforeStart, afterStart, end: loadAverage() },
    };
  } finally {
    closeAll(live.displays.map((d) => d.socket));
    closeAll([...live.devices, ...live.probeSockets.values()]);
    live.overview?.close();
    await stopNodes(started.nodes);
  }
}
