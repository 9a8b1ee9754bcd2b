// Builders shared by the view-diff example tests (view-diff.entries.test.ts, view-diff.sections.test.ts):
// a small live view with two open windows, two categories and one recent call, and its rows with overrides.
// Not load-view.test-support.ts's idleWindow/quietCategory: these diffs need busy, non-default rows.
import type { CategoryLoad, LoadView, RecentCall, WindowLoad } from "../../contract/index.js";
import { at, iso } from "./test-fixtures.js";

export const windowLoad = (windowId: string, over: Partial<WindowLoad> = {}): WindowLoad => ({
  windowId,
  openSeconds: 3600,
  busySeconds: 1800,
  utilization: 0.5,
  served: 2,
  avgHandleSeconds: 900,
  ratingAvg: null,
  ratingCount: 0,
  eligible: true,
  hot: false,
  cold: false,
  state: "open",
  stateSince: iso(at(9)),
  currentTicket: null,
  servedToday: 2,
  ...over,
});

export const categoryLoad = (categoryId: string, over: Partial<CategoryLoad> = {}): CategoryLoad => ({
  categoryId,
  arrivals: 1,
  calledCount: 1,
  avgWaitSeconds: 60,
  maxWaitSeconds: 60,
  waitingNow: 0,
  oldestWaitSeconds: null,
  ...over,
});

export const call = (ticketNo: string, minute: number, recall = false): RecentCall => ({
  ticketNo,
  windowId: "w1",
  categoryId: "c1",
  ts: iso(at(9, minute)),
  recall,
});

export const baseView = (over: Partial<LoadView> = {}): LoadView => ({
  hallId: "hall-1",
  from: iso(at(9)),
  to: iso(at(10)),
  live: true,
  windows: [windowLoad("w1"), windowLoad("w2", { served: 0 })],
  categories: [categoryLoad("c1"), categoryLoad("c2")],
  imbalance: { cv: 0, hot: [], cold: [], imbalanced: false },
  recentCalls: [call("A1", 5)],
  ...over,
});
