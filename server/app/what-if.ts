// What-if: the actual figures of a past day next to the replay of that day under another allocation
// (docs/metrics.md, "What-if replay").
import { localDayRange, parseIsoTimestamp, type HallConfig, type WhatIfFigures, type WhatIfRequest, type WhatIfResponse } from "../../contract/index.js";
import { HallFacts } from "../domain/hall-facts.js";
import { computeLoadView } from "../domain/load-view.js";
import { replay } from "../domain/whatif/replay.js";
import { replayDayOf, type ReplayDay } from "../domain/whatif/replay-input.js";
import type { EventLog } from "./ports.js";

export class WhatIfError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

const LOOKBACK_MS = 48 * 3_600_000;

/** "HH:MM" on the replayed date, or an ISO time with offset. */
function timeOf(value: string, dayStart: number, field: string): number {
  const hm = /^(\d{2}):(\d{2})$/.exec(value);
  if (hm) {
    const h = Number(hm[1]);
    const m = Number(hm[2]);
    if (h > 24 || m > 59 || (h === 24 && m > 0)) throw new WhatIfError(field, "expected HH:MM");
    return dayStart + (h * 60 + m) * 60_000;
  }
  const ms = parseIsoTimestamp(value);
  if (ms === null) throw new WhatIfError(field, "expected HH:MM or an ISO-8601 time with offset");
  return ms;
}

function applyAllocation(day: ReplayDay, hall: HallConfig, allocation: WhatIfRequest["allocation"]): ReplayDay {
  const categories = new Set(hall.categories.map((c) => c.id));
  const byId = new Map(day.windows.map((w) => [w.id, w]));
  const windows = day.windows.map((w) => ({ ...w }));
  allocation.windows.forEach((a, i) => {
    const w = windows.find((x) => x.id === a.id);
    if (!w || !byId.has(a.id)) throw new WhatIfError(`allocation.windows.${i}.id`, `unknown window "${a.id}"`);
    a.categories.forEach((c, j) => {
      if (!categories.has(c)) throw new WhatIfError(`allocation.windows.${i}.categories.${j}`, `unknown category "${c}"`);
    });
    w.categories = [...a.categories];
    if (a.open !== undefined)
      w.open = a.open
        .map(([f, t], j) => {
          const start = timeOf(f, day.from, `allocation.windows.${i}.open.${j}.0`);
          const end = timeOf(t, day.from, `allocation.windows.${i}.open.${j}.1`);
          if (end <= start) throw new WhatIfError(`allocation.windows.${i}.open.${j}`, "must end after it starts");
          return { start: Math.max(start, day.from), end: Math.min(end, day.to) };
        })
        .filter((iv) => iv.end > iv.start)
        .sort((x, y) => x.start - y.start);
  });
  return { ...day, windows };
}

export async function whatIf(log: EventLog, hallId: string, hall: HallConfig, req: WhatIfRequest, now: number): Promise<WhatIfResponse> {
  const { start, end } = localDayRange(req.date, hall.timezone);
  if (start > now) throw new WhatIfError("date", "must be a day that has begun");
  const facts = new HallFacts();
  await log.foldEventsForFacts(hallId, start - LOOKBACK_MS, end, (batch) => {
    for (const e of batch) facts.add(e);
  });
  const day = replayDayOf(facts, hall, start, Math.min(end, now));
  const view = computeLoadView(facts, hall, { hallId, from: start, to: Math.min(end, now), live: false, dayStart: start });
  const actual: WhatIfFigures = {
    categories: view.categories.map((c) => ({ categoryId: c.categoryId, avgWaitSeconds: c.avgWaitSeconds, maxWaitSeconds: c.maxWaitSeconds })),
    windows: view.windows.map((w) => ({ windowId: w.windowId, utilization: w.utilization })),
    cv: view.imbalance.cv,
  };
  const predicted = replay(applyAllocation(day, hall, req.allocation), req.seed ?? 1);
  // The same categories in the same order on both sides.
  const byCategory = new Map(predicted.categories.map((c) => [c.categoryId, c]));
  return {
    date: req.date,
    actual,
    predicted: {
      ...predicted,
      categories: actual.categories.map((c) => byCategory.get(c.categoryId) ?? { categoryId: c.categoryId, avgWaitSeconds: null, maxWaitSeconds: null }),
    },
  };
}
