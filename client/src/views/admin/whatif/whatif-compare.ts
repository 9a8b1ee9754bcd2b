// The comparison the what-if result shows, derived from the server's answer: per category the average
// and the longest wait in minutes, actual and predicted, each with its change and tone (categories with
// no wait on either side left out, as there is nothing to compare); how many categories' average got
// lower or higher; and the change of the imbalance index cv. Names come from the configuration.
import type { WhatIfResponse } from "../../../../../contract/index.js";
import { diffOf, minutesOf, type DiffTone } from "./whatif-format.js";

export interface WaitPair {
  actual: number | null;
  predicted: number | null;
}

export interface CompareRow {
  id: string;
  name: string;
  avg: WaitPair;
  max: WaitPair;
  avgDiff: { value: number | null; tone: DiffTone };
  maxDiff: { value: number | null; tone: DiffTone };
}

/** One row per category of the real day, in its order, with the replay's figures beside it. */
export function compareRows(result: WhatIfResponse, categoryNames: ReadonlyMap<string, string>): CompareRow[] {
  const predicted = new Map(result.predicted.categories.map((c) => [c.categoryId, c]));
  return result.actual.categories
    .map((a) => {
      const p = predicted.get(a.categoryId);
      const avg = { actual: minutesOf(a.avgWaitSeconds), predicted: minutesOf(p?.avgWaitSeconds ?? null) };
      const max = { actual: minutesOf(a.maxWaitSeconds), predicted: minutesOf(p?.maxWaitSeconds ?? null) };
      return { id: a.categoryId, name: categoryNames.get(a.categoryId) ?? a.categoryId, avg, max, avgDiff: diffOf(avg.actual, avg.predicted), maxDiff: diffOf(max.actual, max.predicted) };
    })
    .filter((r) => r.avg.actual !== null || r.avg.predicted !== null);
}

/** How many categories' average wait has this tone (the tiles count "lower" and "higher"). */
export const avgToneCount = (rows: readonly CompareRow[], tone: DiffTone) => rows.filter((r) => r.avgDiff.tone === tone).length;

/** predicted − actual cv, to two decimals. */
export const cvChange = (result: WhatIfResponse) => Math.round((result.predicted.cv - result.actual.cv) * 100) / 100;
