// The province's data: each hall's simulated 48 hours (the preload's history and the live phase's source),
// the count of events the database holds, and the wait for the leader's rollups of the preloaded days.
import pg from "pg";
import type { HallEvent } from "../contract/index.js";
import { demoSimParams } from "../simulator/demo-hall.js";
import { simulateHallDay } from "../simulator/generate-day.js";
import { utcMidnight, zoneOffsetMinutes } from "../simulator/local-time.js";
import { BENCH_HALL, BUSY_SCALE } from "./datasets.js";
import * as plan from "./province-plan.js";
import { sleep } from "./server.js";

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

/**
 * Each hall's last 48 hours before `nowMs` as simulated in `timeZone` (from the day before yesterday, yesterday
 * and today), and today's whole day for the live phase.
 */
export function simulateProvince(ids: readonly string[], nowMs: number, timeZone: string): { history: HallEvent[][]; live: HallEvent[][]; dates: ReturnType<typeof plan.historyDates> } {
  const dates = plan.historyDates(nowMs, timeZone);
  const from = nowMs - 48 * 3_600_000;
  const history: HallEvent[][] = [];
  const live: HallEvent[][] = [];
  ids.forEach((hallId, i) => {
    const [b, y, t] = [dates.dayBefore, dates.yesterday, dates.today].map((date) => {
      const offset = zoneOffsetMinutes(timeZone, utcMidnight(date) + 12 * 3_600_000);
      return simulateHallDay({ hall: BENCH_HALL, hallId, date, seed: plan.hallSeed(i), scale: BUSY_SCALE, utcOffsetMinutes: offset, params: demoSimParams, ...plan.dayPrefixes(hallId, date) }).events;
    }) as [HallEvent[], HallEvent[], HallEvent[]];
    history.push([...b, ...y, ...t].filter((e) => Date.parse(e.ts) >= from && Date.parse(e.ts) < nowMs));
    live.push(t.length > 0 ? t : y);
  });
  return { history, live, dates };
}

/**
 * Until no hall has a day through `throughDay` still marked for its rollup (the leader's rollups of the
 * preloaded past days), or the timeout; asked of the database, because the API's `pendingDays` counts
 * each hall's today too, which is recomputed only every few minutes with sixty halls (RollupRunner's
 * spacing), so waiting on it waited out the timeout.
 */
export async function untilRollupsDone(url: string, throughDay: string, timeoutMs: number): Promise<{ ms: number; pending: number }> {
  const t0 = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (;;) {
      const r = await client.query<{ n: string }>(`select count(*) as n from "RollupDay" where "dirtySince" is not null and day collate "C" <= $1`, [throughDay]);
      const pending = Number(r.rows[0]?.n ?? 0);
      if (pending === 0 || performance.now() - t0 > timeoutMs) return { ms: performance.now() - t0, pending };
      await sleep(1000);
    }
  } finally {
    await client.end();
  }
}
