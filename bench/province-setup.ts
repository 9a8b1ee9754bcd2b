// The province's data: each hall's simulated 48 hours (the preload's history and the live phase's source),
// the count of events the database holds, and the wait for the leader's rollups of the preloaded days.
import pg from "pg";
import type { HallEvent } from "../contract/index.js";
import { demoSimParams } from "../simulator/demo-hall.js";
import { simulateHallDay } from "../simulator/generate-day.js";
import { utcMidnight, zoneOffsetMinutes } from "../simulator/local-time.js";
import { BENCH_HALL, BUSY_SCALE } from "./datasets.js";
import * as plan from "./province-plan.js";
import type { Hall } from "./province-types.js";
import { sleep, type BenchServer } from "./server.js";

export async function countEvents(url: string, sinceMs: number): Promise<{ all: number; held: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ n: string; held: string }>(`select count(*) as n, count(*) filter (where "tsMs" >= $1) as held from "Event"`, [sinceMs]);
    return { all: Number(r.rows[0]?.n ?? 0), held: Number(r.rows[0]?.held ?? 0) };
  } finally {
    await client.end();
  }
}

/** Each hall's yesterday and today (up to now) as simulated, and today's whole day for the live phase. */
export function simulateProvince(ids: readonly string[], nowMs: number): { history: HallEvent[][]; live: HallEvent[][]; dates: { yesterday: string; today: string } } {
  const dates = plan.historyDates(nowMs, BENCH_HALL.timezone);
  const history: HallEvent[][] = [];
  const live: HallEvent[][] = [];
  ids.forEach((hallId, i) => {
    const [y, t] = [dates.yesterday, dates.today].map((date) => {
      const offset = zoneOffsetMinutes(BENCH_HALL.timezone, utcMidnight(date) + 12 * 3_600_000);
      return simulateHallDay({ hall: BENCH_HALL, hallId, date, seed: plan.hallSeed(i), scale: BUSY_SCALE, utcOffsetMinutes: offset, params: demoSimParams, ...plan.dayPrefixes(hallId, date) }).events;
    }) as [HallEvent[], HallEvent[]];
    history.push([...y, ...t].filter((e) => Date.parse(e.ts) < nowMs));
    live.push(t.length > 0 ? t : y);
  });
  return { history, live, dates };
}

/** Until every hall's history shows no pending day (the leader's rollups of the preloaded days), or the timeout. */
export async function untilRollupsDone(node: BenchServer, halls: readonly Hall[], day: string, timeoutMs: number): Promise<{ ms: number; pending: number }> {
  const t0 = performance.now();
  for (;;) {
    let pending = 0;
    for (const h of halls) {
      const r = await node.api().request<{ pendingDays?: number }>("GET", `/api/halls/${h.id}/history?from=${day}&to=${day}&groupBy=day`);
      pending += r.status === 200 ? (r.body.pendingDays ?? 0) : 1;
    }
    if (pending === 0 || performance.now() - t0 > timeoutMs) return { ms: performance.now() - t0, pending };
    await sleep(1000);
  }
}
