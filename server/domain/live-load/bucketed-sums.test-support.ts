// The plain definition the bucket sums' tests compare with: every entry held with from ≤ ts < to, summed per key.
import { emptySums, type EntrySums, type TimedEntry } from "./bucketed-sums.js";

export function naiveByKey(entries: Iterable<TimedEntry>, from: number, to: number): Map<string, EntrySums> {
  const out = new Map<string, EntrySums>();
  for (const e of entries) {
    if (!(e.ts >= from && e.ts < to)) continue;
    let s = out.get(e.key);
    if (!s) {
      s = emptySums();
      out.set(e.key, s);
    }
    s.count += 1;
    if (e.value !== null) {
      s.valueSum += e.value;
      s.valued += 1;
      s.max = Math.max(s.max, e.value);
    }
  }
  return out;
}

/** A Map as a plain object sorted by key, so that toEqual reports which key differs. */
export const plain = (m: Map<string, EntrySums>) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, s]) => [k, { ...s }]));
