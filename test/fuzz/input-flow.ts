// How generated inputs reach the server: sampled in chunks from a seed per target and chunk (so a seed
// replays the same inputs), cut into batches under a byte budget, and sent with bounded concurrency.
import fc from "fast-check";
import { TARGETS, type TargetName } from "./report-types.js";
import type { Tagged } from "./tagged.js";

/** Requests in flight at once for the per-request targets (each answer waits for an fsync). */
export const CONCURRENCY = 6;

/** Runs `fn` over `items` with at most `n` at once. */
export async function pool<T>(items: readonly T[], n: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i] as T, i);
      }
    }),
  );
}

/** The sample seed of one chunk of one target: targets and chunks get different inputs, and one run seed replays them all. */
export const seedFor = (seed: number, target: TargetName, chunk: number) => (seed + TARGETS.indexOf(target) * 1_000_003 + chunk * 7_919) | 0;

/** Generates `n` inputs in chunks (deterministic for the seed) and hands each chunk to `use`. */
export async function inChunks<T>(n: number, seed: number, target: TargetName, arb: (chunk: number) => fc.Arbitrary<T>, use: (items: T[], offset: number) => Promise<void>, chunkSize = 500): Promise<void> {
  for (let done = 0, chunk = 0; done < n; chunk++) {
    const size = Math.min(chunkSize, n - done);
    const items = fc.sample(arb(chunk), { numRuns: size, seed: seedFor(seed, target, chunk) });
    await use(items, done);
    done += size;
  }
}

/** Cuts a list of tagged inputs into batches of 1..max inputs, each under `budget` bytes of JSON. */
export function batches(items: Tagged[], sizes: number[], budget: number): Tagged[][] {
  const out: Tagged[][] = [];
  let cur: Tagged[] = [];
  let bytes = 2;
  let k = 0;
  for (const t of items) {
    const len = (JSON.stringify(t.value) ?? "null").length + 1;
    const max = sizes[k % sizes.length] as number;
    if (cur.length > 0 && (cur.length >= max || bytes + len > budget)) {
      out.push(cur);
      cur = [];
      bytes = 2;
      k++;
    }
    cur.push(t);
    bytes += len;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}
