// The on-demand memory scripts' one measure: the main thread's heap used after two full GCs (the second
// collects what the first's finalizers released). The script must run with --expose-gc.

/** A reader of the heap used after a full GC, in bytes; throws at once, naming `script`, without --expose-gc. */
export function heapUsedAfterGc(script: string): () => number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error(`run with node --expose-gc --import tsx ${script}`);
  return () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
}
