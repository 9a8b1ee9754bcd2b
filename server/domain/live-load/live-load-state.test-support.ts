// The check shared by live-load-state's example and property tests: a compute of the live state must equal
// the reference functions (computeLoadView and computeTodaySeries) recomputed from every fact at the same moment.
import { expect } from "vitest";
import { startOfLocalDay, type HallConfig } from "../../../contract/index.js";
import type { HallFacts } from "../hall-facts.js";
import { computeLoadView, type LoadViewRequest } from "../load-view.js";
import { HALL_ID, MINUTE } from "../test-fixtures.js";
import { computeTodaySeries } from "../today-series.js";
import type { LiveLoad, LiveLoadState } from "./live-load-state.js";

export const TZ = "Asia/Shanghai";

export function request(to: number, opts: { live?: boolean; dayStart?: number; hall?: HallConfig } = {}): LoadViewRequest {
  return { hallId: HALL_ID, from: to - 60 * MINUTE, to, live: opts.live ?? true, dayStart: opts.dayStart ?? startOfLocalDay(to, opts.hall?.timezone ?? TZ) };
}

function reference(facts: HallFacts, hall: HallConfig, req: LoadViewRequest): LiveLoad {
  return { view: computeLoadView(facts, hall, req), today: computeTodaySeries(facts, req.dayStart, req.to) };
}

/** The first path where two plain values differ, for a readable failure. */
function firstDifference(got: unknown, want: unknown, path = ""): string | null {
  if (Object.is(got, want)) return null;
  if (typeof got !== "object" || typeof want !== "object" || got === null || want === null)
    return `${path || "(root)"}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`;
  if (Array.isArray(got) !== Array.isArray(want)) return `${path}: array vs object`;
  const keys = new Set([...Object.keys(got), ...Object.keys(want)]);
  for (const k of keys) {
    const d = firstDifference((got as Record<string, unknown>)[k], (want as Record<string, unknown>)[k], Array.isArray(got) ? `${path}[${k}]` : `${path}.${k}`);
    if (d !== null) return d;
  }
  return null;
}

/** Computes both ways and fails with the trace so far and the first difference. */
export function computeAndCompare(state: LiveLoadState, facts: HallFacts, hall: HallConfig, req: LoadViewRequest, trace: readonly string[]): LiveLoad {
  const got = state.compute(hall, req);
  const want = reference(facts, hall, req);
  const diff = firstDifference(got, want);
  if (diff !== null) throw new Error(`live view differs from the reference\n${trace.join("\n")}\n=> ${diff}`);
  expect(got).toStrictEqual(want);
  return got;
}
