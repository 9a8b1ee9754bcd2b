// Comparing views and figures as they travel over the wire, and naming where two differ so a failed
// check's detail says which fields to look at.
import { isDeepStrictEqual } from "node:util";

/** Equal as JSON values (what travels over the wire), whatever the key order. */
export function deepEqual(a: unknown, b: unknown): boolean {
  const json = (x: unknown): unknown => (x === undefined ? undefined : JSON.parse(JSON.stringify(x)));
  return isDeepStrictEqual(json(a), json(b));
}

/** Names of the top-level fields (and window/category ids) where two views differ, for a failure's detail. */
export function diffSummary(a: unknown, b: unknown): string {
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return `${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out: string[] = [];
  for (const k of keys) {
    const x = (a as Record<string, unknown>)[k];
    const y = (b as Record<string, unknown>)[k];
    if (!deepEqual(x, y)) out.push(`${k}: ${JSON.stringify(x)?.slice(0, 300)} ≠ ${JSON.stringify(y)?.slice(0, 300)}`);
  }
  return out.join("; ");
}
