// Starting and stopping the province's nodes and reading their memory: each node is started with the memory
// hook, settled, then its RSS read and its main thread's memory taken after a forced GC.
import { rssMiB } from "./machine.js";
import { MEMORY_HOOK_NODE_ARGS, memoryAfterGc, type GcMemory } from "./memory-hook.js";
import type { Started } from "./province-types.js";
import { BenchServer, sleep } from "./server.js";

export const SETTLE_MS = 5000;

export async function startNodes(n: number, env: Record<string, string>): Promise<Started> {
  const nodes: BenchServer[] = [];
  const startMs: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const node = new BenchServer("postgres", env, MEMORY_HOOK_NODE_ARGS);
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

export async function stopNodes(nodes: readonly BenchServer[]): Promise<void> {
  for (const node of nodes) await node.stop();
}
