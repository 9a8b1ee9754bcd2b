// The overview's ordering, worst first (docs/metrics.md, "Province overview"):
//   1. imbalanced halls (a hot and a cold window at once) before balanced ones;
//   2. lower share within the target wait first — a hall with no call today yet (null) comes after
//      every hall with a share, since it has nothing to show yet;
//   3. more tickets waiting now first;
//   4. longer oldest wait first (none waiting counts as 0);
//   5. hall id, so that the order is total and stable between refreshes.
import type { OverviewHall } from "../../../contract/overview.js";
import type { UnrankedHall } from "./hall-figures.js";

export function compareHalls(a: UnrankedHall, b: UnrankedHall): number {
  if (a.imbalance.imbalanced !== b.imbalance.imbalanced) return a.imbalance.imbalanced ? -1 : 1;
  const sa = a.withinTargetShare;
  const sb = b.withinTargetShare;
  if (sa !== sb) {
    if (sa === null) return 1;
    if (sb === null) return -1;
    return sa - sb;
  }
  if (a.waitingNow !== b.waitingNow) return b.waitingNow - a.waitingNow;
  const oa = a.oldestWaitSeconds ?? 0;
  const ob = b.oldestWaitSeconds ?? 0;
  if (oa !== ob) return ob - oa;
  return a.hallId < b.hallId ? -1 : a.hallId > b.hallId ? 1 : 0;
}

export function rankHalls(halls: readonly UnrankedHall[]): OverviewHall[] {
  return [...halls].sort(compareHalls).map((h, i) => ({ ...h, rank: i + 1 }));
}
