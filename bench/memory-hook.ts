// A bench server's main-thread memory after a forced GC: the server runs with --expose-gc and this hook,
// which on SIGUSR2 collects the main thread's garbage and prints its memory. Signalled only at measurement
// points outside any timed phase (a full GC pauses the server), so that memory is what the live state
// retains, not whether V8 happened to collect the load's garbage yet. The floor worker's heap is not
// collected (a second copy of the live facts: bench/memory-per-event.ts measures it).
import { BenchServer, sleep } from "./server.js";

const MEMORY_HOOK = `data:text/javascript,${encodeURIComponent(
  'let n = 0; process.on("SIGUSR2", () => { globalThis.gc?.(); process.stdout.write(JSON.stringify({ benchMemory: { n: ++n, ...process.memoryUsage() } }) + "\\n"); });',
)}`;

/** Node arguments for a server whose memory is read with memoryAfterGc (BENCH_SERVER_NODE_ARGS first). */
export const MEMORY_HOOK_NODE_ARGS = [...(process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean), "--expose-gc", "--import", MEMORY_HOOK];

/** Main-thread memory after a forced GC, in MiB. */
export interface GcMemory {
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
}

const signalled = new WeakMap<BenchServer, number>();

/** Signals the memory hook and reads the line it prints. */
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
