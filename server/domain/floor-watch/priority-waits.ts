// Priority fairness in figures: per period and category, the waits of green-channel (绿色通道) and
// appointment tickets beside ordinary ones. The wait is the documented one (first call − issue, in the
// category issued in, counted in the period of the first call), so these rows reconcile with the
// history's waits; percentiles by nearest rank, as everywhere else.
import { PRIORITIES, type Priority } from "../../../contract/index.js";
import type { HallFacts } from "../hall-facts.js";
import { nearestRank } from "../history/percentiles.js";
import { ticketWait } from "../ticket-queue.js";
import type { Period } from "./idle-history.js";

export interface PriorityWaitRow {
  key: string;
  /** null: all categories of the hall together. */
  categoryId: string | null;
  priority: Priority;
  count: number;
  p50Seconds: number;
  p90Seconds: number;
  /** This priority's p50 (p90) over the normal tickets' in the same period and category; null without normal tickets or when theirs is 0. */
  p50RatioToNormal: number | null;
  p90RatioToNormal: number | null;
}

export function priorityWaits(facts: HallFacts, periods: readonly Period[]): PriorityWaitRow[] {
  // period key → category (or "" for all) → priority → waits in ms
  const groups = new Map<string, Map<string, Map<Priority, number[]>>>();
  const add = (key: string, cat: string, priority: Priority, waitMs: number) => {
    let byCat = groups.get(key);
    if (!byCat) groups.set(key, (byCat = new Map()));
    let byPriority = byCat.get(cat);
    if (!byPriority) byCat.set(cat, (byPriority = new Map()));
    const list = byPriority.get(priority);
    if (list) list.push(waitMs);
    else byPriority.set(priority, [waitMs]);
  };
  for (const t of facts.tickets.values()) {
    const wait = ticketWait(t);
    if (!wait) continue;
    const period = periods.find((p) => wait.firstCallAt >= p.from && wait.firstCallAt < p.to);
    if (!period) continue;
    const priority = t.issues[0]?.priority ?? "normal";
    add(period.key, wait.categoryId, priority, wait.waitMs);
    add(period.key, "", priority, wait.waitMs);
  }

  const out: PriorityWaitRow[] = [];
  for (const p of periods) {
    const byCat = groups.get(p.key);
    if (!byCat) continue;
    for (const cat of [...byCat.keys()].sort()) {
      const byPriority = byCat.get(cat) as Map<Priority, number[]>;
      const stats = new Map([...byPriority].map(([priority, waits]) => {
        const sorted = [...waits].sort((a, b) => a - b);
        return [priority, { count: sorted.length, p50: nearestRank(sorted, 50) as number, p90: nearestRank(sorted, 90) as number }] as const;
      }));
      const normal = stats.get("normal");
      const ratio = (v: number, base: number | undefined) => (base === undefined || base === 0 ? null : v / base);
      for (const priority of PRIORITIES) {
        const s = stats.get(priority);
        if (!s) continue;
        out.push({
          key: p.key,
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
  }
  return out;
}
