// Harness for the what-if tests (admin-allocation-whatif*.test.ts, whatif-drafts.test.ts; imported only
// by tests): a fixed clock and hall, the fake API's …/whatif and …/rebalance routes (what was posted,
// the advice served per day), and a catcher for downloads.
import { afterEach, beforeEach, vi } from "vitest";
import type { RebalanceAdvice, WhatIfRequest, WhatIfResponse } from "../../../contract/index.js";
import { FakeApi, freshPinia, sampleHall } from "../views/admin/testing/fake-api.js";
import { useAdminSession } from "./admin-session.js";

// 00:30 on 2026-11-26 in Asia/Shanghai (still the 25th in UTC).
export const NOW = Date.parse("2026-11-25T16:30:00.000Z");
export const hall = sampleHall();

const answer = (date: string): WhatIfResponse => ({
  date,
  actual: { categories: [{ categoryId: "estate", avgWaitSeconds: 1800, maxWaitSeconds: 3600 }], windows: [{ windowId: "w3", utilization: 0.95 }], cv: 0.5 },
  predicted: { categories: [{ categoryId: "estate", avgWaitSeconds: 600, maxWaitSeconds: 1500 }], windows: [{ windowId: "w3", utilization: 0.7 }], cv: 0.2 },
});

const CSV = "\uFEFF类型,编号,名称,实际平均等候(分钟)\r\n业务,estate,不动产登记,30\r\n";

export interface WhatIfEnv {
  api: FakeApi;
  /** The bodies of the what-if runs (not of the exports), in order. */
  posted: WhatIfRequest[];
  /** Advice of past days by date; the live advice under "live". */
  advice: Record<string, RebalanceAdvice[]>;
}

/** Before each test: a fresh store, the fake API with the what-if routes, an admin of h1 signed in. */
export function setUpWhatIfTests(): WhatIfEnv {
  const env = { posted: [], advice: { live: [] } } as unknown as WhatIfEnv;
  beforeEach(async () => {
    localStorage.clear();
    freshPinia();
    env.posted = [];
    env.advice = { live: [] };
    env.api = new FakeApi().install();
    env.api.extraRoutes.push((method, url, _me, body) => {
      if (method === "POST" && url.pathname === "/api/halls/h1/whatif") {
        const format = url.searchParams.get("format");
        if (format === "csv") return { status: 200, text: CSV, type: "text/csv; charset=utf-8" };
        if (format === "xlsx") return { status: 503, body: { error: { code: "storage_unavailable", message: "storage unavailable" } } };
        env.posted.push(body as WhatIfRequest);
        return { status: 200, body: answer((body as WhatIfRequest).date) };
      }
      if (method === "GET" && url.pathname === "/api/halls/h1/rebalance") {
        const date = url.searchParams.get("date");
        if (date !== null && date > "2026-11-26") return { status: 400, body: { error: { code: "bad_request", field: "date", message: "date: must be a day that has begun" } } };
        return { status: 200, body: { at: "2026-11-25T06:00:00.000Z", advice: env.advice[date ?? "live"] ?? [] } };
      }
      return null;
    });
    await useAdminSession().signIn(env.api.principal("adm", "admin", "h1"));
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });
  return env;
}

export const suggestion = (windowId: string, categoryId: string): RebalanceAdvice => ({ windowId, categoryId, reason: { oldestWaitSeconds: 2400, hotWindows: ["w3"] }, predicted: { currentAvgWaitSeconds: 3120, withChangeAvgWaitSeconds: 1080 } });

/** Catches downloads: the blobs handed to object URLs and the file names of the clicked links. */
export function catchDownloads() {
  const blobs: Blob[] = [];
  const names: string[] = [];
  Object.assign(URL, { createObjectURL: (b: Blob) => (blobs.push(b), "blob:whatif"), revokeObjectURL: () => undefined });
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
  });
  return { blobs, names };
}
