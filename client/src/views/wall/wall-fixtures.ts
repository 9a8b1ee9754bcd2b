// Test data for the wall's unit and component tests: a small hall summary and a live view.
import type { CategoryLoad, DisplaySnapshot, HallSummary, LoadView, WindowLoad } from "../../../../contract/index.js";

export const XSS_IMG = "<img src=x onerror=alert(1)>";
export const XSS_SVG = '"><svg onload=alert(1)>';

export const NOW = Date.parse("2026-11-25T06:30:00.000Z"); // 14:30 in Asia/Shanghai

export function hallSummary(overrides: Partial<HallSummary> = {}): HallSummary {
  return {
    hallId: "h1",
    name: "测试大厅",
    timezone: "Asia/Shanghai",
    targets: { waitMinutes: 20, hotUtilization: 0.85, coldUtilization: 0.35 },
    windows: [
      { id: "w1", name: "1号窗口", department: "人社局", categories: ["social"], comprehensive: false },
      { id: "w2", name: "2号窗口", department: "人社局", categories: ["social"], comprehensive: false },
      { id: "w3", name: "3号窗口", department: "自然资源局", categories: ["estate"], comprehensive: false },
    ],
    categories: [
      { id: "social", name: "社会保险" },
      { id: "estate", name: "不动产登记" },
    ],
    ...overrides,
  };
}

export function windowLoad(windowId: string, overrides: Partial<WindowLoad> = {}): WindowLoad {
  return {
    windowId,
    openSeconds: 3600,
    busySeconds: 1800,
    utilization: 0.5,
    served: 3,
    avgHandleSeconds: 600,
    ratingAvg: null,
    ratingCount: 0,
    eligible: true,
    hot: false,
    cold: false,
    state: "open",
    stateSince: "2026-11-25T00:30:00.000Z",
    currentTicket: null,
    servedToday: 12,
    ...overrides,
  };
}

export function categoryLoad(categoryId: string, overrides: Partial<CategoryLoad> = {}): CategoryLoad {
  return { categoryId, arrivals: 5, calledCount: 4, avgWaitSeconds: 300, maxWaitSeconds: 600, waitingNow: 2, oldestWaitSeconds: 420, ...overrides };
}

export function liveView(overrides: Partial<LoadView> = {}): LoadView {
  return {
    hallId: "h1",
    from: new Date(NOW - 3_600_000).toISOString(),
    to: new Date(NOW).toISOString(),
    live: true,
    windows: [
      windowLoad("w1", { utilization: 0.95, hot: true, currentTicket: { ticketNo: "A023", categoryId: "social", phase: "serving", since: new Date(NOW - 125_000).toISOString() } }),
      windowLoad("w2", { utilization: 0.2, cold: true }),
      windowLoad("w3", { state: "closed", openSeconds: 0, busySeconds: 0, utilization: 0, eligible: false }),
    ],
    categories: [categoryLoad("social"), categoryLoad("estate", { waitingNow: 9, oldestWaitSeconds: 1900 })],
    imbalance: { cv: 0.62, hot: ["w1"], cold: ["w2"], imbalanced: true },
    recentCalls: [
      { ticketNo: "A023", windowId: "w1", categoryId: "social", ts: new Date(NOW - 125_000).toISOString(), recall: false },
      { ticketNo: "E007", windowId: "w3", categoryId: "estate", ts: new Date(NOW - 300_000).toISOString(), recall: true },
    ],
    today: {
      dayStart: "2026-11-24T16:00:00.000Z",
      bucketMinutes: 15,
      buckets: Array.from({ length: 58 }, (_, i) => ({
        start: new Date(Date.parse("2026-11-24T16:00:00.000Z") + i * 900_000).toISOString(),
        // Activity from 08:30 (slot 34) on.
        arrivals: i >= 34 ? 6 + (i % 3) : 0,
        served: i >= 35 ? 5 : 0,
        avgWaitSeconds: i >= 35 && i !== 48 ? 600 + i * 10 : null,
      })),
    },
    ...overrides,
  };
}

export function snapshot(seq = 1_000_000_001, view: LoadView = liveView(), hall: HallSummary = hallSummary()): DisplaySnapshot {
  return { seq, hall, view };
}
