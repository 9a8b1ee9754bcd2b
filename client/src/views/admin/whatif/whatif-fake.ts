// Test support for the what-if page's tests: a FakeApi at 00:30 on 2026-11-26 hall time (yesterday there
// is the 25th) that answers the replay (with the server's check of the intervals and its field path, and
// the CSV export) and the 调配建议 (live, or of a past day — a day not begun refused as the server does),
// recording what was posted; mounting the page as a manager; a window's row and its category boxes.
// Used by tests only.
import { vi } from "vitest";
import type { RebalanceAdvice, WhatIfRequest, WhatIfResponse } from "../../../../../contract/index.js";
import { setLocale } from "../../../i18n/index.js";
import { FakeApi, mountAdmin } from "../testing/fake-api.js";
import WhatIfPage from "./WhatIfPage.vue";

export const XSS = "<img src=x onerror=alert(1)>";
// 00:30 on 2026-11-26 in Asia/Shanghai: yesterday there is the 25th, today the 26th.
export const NOW = Date.parse("2026-11-25T16:30:00.000Z");

export const answer = (date: string): WhatIfResponse => ({
  date,
  actual: {
    categories: [
      { categoryId: "social", avgWaitSeconds: 300, maxWaitSeconds: 900 },
      { categoryId: "estate", avgWaitSeconds: 1800, maxWaitSeconds: 3600 },
    ],
    windows: [
      { windowId: "w1", utilization: 0.6 },
      { windowId: "w2", utilization: 0.2 },
      { windowId: "w3", utilization: 0.97 },
    ],
    cv: 0.52,
  },
  predicted: {
    categories: [
      { categoryId: "social", avgWaitSeconds: 342, maxWaitSeconds: 900 },
      { categoryId: "estate", avgWaitSeconds: 600, maxWaitSeconds: 1500 },
    ],
    windows: [
      { windowId: "w1", utilization: 0.62 },
      { windowId: "w2", utilization: 0.55 },
      { windowId: "w3", utilization: 0.8 },
    ],
    cv: 0.21,
  },
});

export const CSV = "\uFEFF类型,编号,名称,实际平均等候(分钟)\r\n业务,estate,不动产登记,30.0\r\n";

/** One test's server: the FakeApi, the replays posted to it, and the advice it answers (set by the test). */
export interface WhatIfFake {
  api: FakeApi;
  posted: WhatIfRequest[];
  advice: RebalanceAdvice[];
  /** The advice of past days (GET …/rebalance?date=), by date. */
  history: Record<string, RebalanceAdvice[]>;
}

/** Before each test: the clock at NOW, a clean page and storage, and a new server. */
export function startWhatIfTest(): WhatIfFake {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
  localStorage.clear();
  document.body.innerHTML = "";
  const fake: WhatIfFake = { api: new FakeApi().install(), posted: [], advice: [], history: {} };
  fake.api.extraRoutes.push((method, url, _me, body) => {
    if (method === "GET" && url.pathname === "/api/halls/h1/rebalance") {
      const date = url.searchParams.get("date");
      if (date === null) return { status: 200, body: { at: "2026-11-25T16:29:00.000Z", advice: fake.advice } };
      if (date > "2026-11-26") return { status: 400, body: { error: { code: "bad_request", field: "date", message: "date: must be a day that has begun" } } };
      return { status: 200, body: { at: "2026-11-25T16:29:00.000Z", advice: fake.history[date] ?? [] } };
    }
    if (method !== "POST" || url.pathname !== "/api/halls/h1/whatif") return null;
    if (url.searchParams.get("format") === "csv") return { status: 200, text: CSV, type: "text/csv; charset=utf-8" };
    const req = body as WhatIfRequest;
    fake.posted.push(req);
    // The server's check of the intervals, with its field path.
    for (const [i, w] of req.allocation.windows.entries())
      for (const [j, [from, to]] of (w.open ?? []).entries())
        if (to <= from) return { status: 400, body: { error: { code: "bad_request", field: `allocation.windows.${i}.open.${j}`, message: `allocation.windows.${i}.open.${j}: must end after it starts` } } };
    return { status: 200, body: answer(req.date) };
  });
  return fake;
}

/** After each test: the real clock, globals and mocks back, the page's language back to zh-CN. */
export function endWhatIfTest(): void {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  setLocale("zh-CN");
}

export const mountWhatIf = (api: FakeApi) => mountAdmin(WhatIfPage, { path: "/admin/whatif", token: api.principal("mgr", "manager"), stubs: { BaseChart: true } });
export type PageWrapper = Awaited<ReturnType<typeof mountWhatIf>>["wrapper"];

/** A window's row in the editor. */
export const row = (wrapper: PageWrapper, id: string) => wrapper.get(`tr[data-window="${id}"]`);

/** Ticks (or unticks) a category in a window's picker. */
export async function tick(wrapper: PageWrapper, windowId: string, categoryId: string, on = true) {
  await row(wrapper, windowId).get(`[data-test="pick-${windowId}"] input[data-category="${categoryId}"]`).setValue(on);
}
