// Floor intelligence in history (issue #9): per hall-local day, the idle-while-waiting time and episodes
// of each window (idleHistory) and the waits of each category by ticket priority — stored beside the
// day rollups by the rollup worker, and added to GET /history for the whole days of a period.
// Priority waits are the rollup's own wait samples (first call − issue, in the period of the first call:
// the same waits as WaitDay and as floor-watch's priorityWaits) tagged with the ticket's priority; the
// WaitSample table holds no priority, so they are kept per day as sorted blobs like WaitDay's.
import { PRIORITIES, type HallConfig, type HistoryGroup, type HistoryRow, type Priority, type PriorityWaitSummary } from "../../../contract/index.js";
import { DEFAULT_IDLE_THRESHOLD_MS } from "../floor-watch/idle-episodes.js";
import { idleHistory } from "../floor-watch/idle-history.js";
import type { HallFacts } from "../hall-facts.js";
import { nearestRanksBySelection } from "./percentiles.js";
import type { WaitSample } from "./rollup.js";

export interface WindowIdleDay {
  day: string;
  windowId: string;
  idleMs: number;
  episodes: number;
}

export interface PriorityWaitDay {
  day: string;
  categoryId: string;
  priority: Priority;
  /** Waits in ms, sorted ascending. */
  waits: ArrayLike<number>;
}

export interface FloorDays {
  idle: WindowIdleDay[];
  priority: PriorityWaitDay[];
}

/** What GET /history reads of the floor rows: the idle days, and priority waits by day or whole month. */
export interface FloorHistory {
  idle: WindowIdleDay[];
  priority: Pick<PriorityWaitDay, "categoryId" | "priority" | "waits">[];
}

/**
 * One hall-local day [start, end): idle rows per window (episodes still running are counted up to `asOf`,
 * the rollup's now or the day's end) and the day's waits by category and priority.
 */
export function floorDayOf(facts: HallFacts, hall: HallConfig, day: string, start: number, end: number, asOf: number, waits: readonly Pick<WaitSample, "ticketId" | "categoryId" | "waitMs">[]): FloorDays {
  // The hall's own idle threshold (targets.idleMinutes), as the live floor section uses it.
  const thresholdMs = hall.targets.idleMinutes !== undefined ? hall.targets.idleMinutes * 60_000 : DEFAULT_IDLE_THRESHOLD_MS;
  const idle = idleHistory(facts, hall, [{ key: day, from: start, to: end }], Math.min(asOf, end), thresholdMs).map((r) => ({ day, windowId: r.windowId, idleMs: r.idleMs, episodes: r.episodes }));
  const groups = new Map<string, PriorityWaitDay & { waits: number[] }>();
  for (const s of waits) {
    const priority = facts.tickets.get(s.ticketId)?.issues[0]?.priority ?? "normal";
    const key = `${s.categoryId}\u0000${priority}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { day, categoryId: s.categoryId, priority, waits: [] }));
    g.waits.push(s.waitMs);
  }
  const priority = [...groups.values()].map((g) => ({ ...g, waits: g.waits.sort((a, b) => a - b) }));
  return { idle, priority };
}

/** GET /history's rows by window or department gain the period's idle minutes and episodes (0 when none). */
export function withIdle(rows: readonly HistoryRow[], idle: readonly WindowIdleDay[], hall: HallConfig, groupBy: HistoryGroup): HistoryRow[] {
  if (groupBy !== "window" && groupBy !== "department") return [...rows];
  const dept = new Map(hall.windows.map((w) => [w.id, w.department]));
  const sums = new Map<string, { ms: number; episodes: number }>();
  for (const r of idle) {
    const key = groupBy === "window" ? r.windowId : (dept.get(r.windowId) ?? r.windowId);
    const s = sums.get(key) ?? { ms: 0, episodes: 0 };
    s.ms += r.idleMs;
    s.episodes += r.episodes;
    sums.set(key, s);
  }
  return rows.map((row) => {
    const s = sums.get(String(row.key));
    return { ...row, idleMinutes: (s?.ms ?? 0) / 60_000, idleEpisodes: s?.episodes ?? 0 };
  });
}

/**
 * Each priority's waits beside the normal tickets', for the hall (categoryId null) then each category in
 * id order, priorities in contract order — the rule of floor-watch's priorityWaits (nearest rank; a ratio
 * only against a non-zero normal figure).
 */
export function priorityComparison(groups: readonly Pick<PriorityWaitDay, "categoryId" | "priority" | "waits">[]): PriorityWaitSummary[] {
  // The days' wait lists are gathered as they are and copied once into one typed array per group: a
  // year holds ~300,000 waits, and pushing them one by one into plain arrays was most of the query.
  const byCat = new Map<string, Map<Priority, ArrayLike<number>[]>>();
  const add = (cat: string, priority: Priority, waits: ArrayLike<number>) => {
    let m = byCat.get(cat);
    if (!m) byCat.set(cat, (m = new Map()));
    let lists = m.get(priority);
    if (!lists) m.set(priority, (lists = []));
    lists.push(waits);
  };
  const joined = (lists: readonly ArrayLike<number>[]): Float64Array => {
    const out = new Float64Array(lists.reduce((n, l) => n + l.length, 0));
    let at = 0;
    for (const l of lists) {
      out.set(l, at);
      at += l.length;
    }
    return out;
  };
  for (const g of groups) {
    add(g.categoryId, g.priority, g.waits);
    add("", g.priority, g.waits);
  }
  const out: PriorityWaitSummary[] = [];
  for (const cat of [...byCat.keys()].sort()) {
    const stats = new Map([...(byCat.get(cat) as Map<Priority, ArrayLike<number>[]>)].map(([p, lists]) => {
      const all = joined(lists);
      const [p50, p90] = nearestRanksBySelection(all, [50, 90]) as [number, number];
      return [p, { count: all.length, p50, p90 }] as const;
    }));
    const normal = stats.get("normal");
    const ratio = (v: number, base: number | undefined) => (base === undefined || base === 0 ? null : v / base);
    for (const priority of PRIORITIES) {
      const s = stats.get(priority);
      if (!s) continue;
      out.push({
        categoryId: cat === "" ? null : cat,
        priority,
        count: s.count,
        p50Seconds: s.p50 / 1000,
        p90Seconds: s.p90 / 1000,
        p50RatioToNormal: ratio(s.p50, normal?.p50),
        p90RatioToNormal: ratio(s.p90, normal?.p90),
      });
    }
  }
  return out;
}
