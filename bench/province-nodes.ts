// Starting and stopping the province's nodes and reading their memory: each node is started with the memory
// hook, settled, then its RSS read and its main thread's memory taken after a forced GC.
import { rssMiB } from "./machine.js";
import type { GcMemory, Started } from "./province-types.js";
import { BenchServer, sleep } from "./server.js";

export const SETTLE_MS = 5000;
/**
 * Every node runs with --expose-gc and this hook: on SIGUSR2 it collects the main thread's garbage and
 * prints its memory. Sent only at the measurement points (after the start's settle, after each live
 * phase), so that memory per hall is what the live state retains, not whether V8 happened to collect the
 * load's garbage yet; the RSS as it was before is kept too. The floor worker's heap is not collected.
 */
const MEMORY_HOOK = `data:text/javascript,${encodeURIComponent(
  'let n = 0; process.on("SIGUSR2", () => { globalThis.gc?.(); process.stdout.write(JSON.stringify({ benchMemory: { n: ++n, ...process.memoryUsage() } }) + "\\n"); });',
)}`;
const NODE_ARGS = [...(process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean), "--expose-gc", "--import", MEMORY_HOOK];

export async function startNodes(n: number, env: Record<string, string>): Promise<Started> {
  const nodes: BenchServer[] = [];
  const startMs: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const node = new BenchServer("postgres", env, NODE_ARGS);
      nodes.push(node);
      startMs.push(await node.start());
    }
  } catch (err) {
    for (const node of nodes) await node.stop();
    throw err;
  }
  // The consistency facts are read after a node is up: memory is measured once every node holds them.
  for (const deadline = performance.now() + 120_000; nodes.some((node) => node.loggedConsistencyMs() === null) && performance.now() < deadline; ) await sleep(100);
  await sleep(SETTLE_MS); // the rollup worker's and the floor worker's first rounds done
  const rss = nodes.map((node) => rssMiB(node.pid) ?? Number.NaN);
  const gc: GcMemory[] = [];
  for (const node of nodes) gc.push(await memoryAfterGc(node));
  return { nodes, startMs, rebuildMs: nodes.map((node) => node.loggedRebuildMs()), consistencyMs: nodes.map((node) => node.loggedConsistencyMs()), rssMiB: rss, gc };
}

const signalled = new WeakMap<BenchServer, number>();

/** Signals MEMORY_HOOK and reads the line it prints. */
export async function memoryAfterGc(node: BenchServer): Promise<GcMemory> {
  const n = (signalled.get(node) ?? 0) + 1;
  signalled.set(node, n);
  process.kill(node.pid, "SIGUSR2");
  const line = new RegExp(`\\{"benchMemory":\\{"n":${n},[^}]*\\}\\}`);
  for (const deadline = performance.now() + 30_000; performance.now() < deadline; await sleep(50)) {
    const m = line.exec(node.output);
    if (!m) continue;
    const u = (JSON.parse(m[0]) as { benchMemory: Record<string, number> }).benchMemory;
    const mib = (x: number | undefined) => (x ?? Number.NaN) / 2 ** 20;
    return { rssMiB: mib(u.rss), heapUsedMiB: mib(u.heapUsed), heapTotalMiB: mib(u.heapTotal), externalMiB: mib(u.external) };
  }
  throw new Error(`node ${node.url} printed no memory after SIGUSR2 (started without the memory hook?)`);
}

export async function stopNodes(nodes: readonly BenchServer[]): Promise<void> {
  for (const node of nodes) await node.stop();
}
