// The history store: the default period (7 days ending yesterday in the hall's time zone) and each preset
// as the query's from/to, the grouping as groupBy, a bad custom period not asked for, the downloads with
// the token, the heatmaps of the period.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeApi, freshPinia } from "../views/admin/testing/fake-api.js";
import { installHistoryRoutes, type HistoryFake } from "../views/admin/history/history-fake.js";
import { historyQuery, useHistoryStore } from "./admin-history.js";
import { useHistoryStatusStore } from "./admin-history-status.js";
import { useAdminSession } from "./admin-session.js";

let api: FakeApi;
let fake: HistoryFake;
// 16:30 UTC on 25 Nov 2026 = 00:30 on 26 Nov in Shanghai.
const NOW = Date.parse("2026-11-25T16:30:00.000Z");
const gets = () => api.callsTo("GET", "/api/halls/h1/history?").map((c) => Object.fromEntries(new URL(c.path, "http://x").searchParams));

beforeEach(async () => {
  localStorage.clear();
  freshPinia();
  api = new FakeApi().install();
  fake = installHistoryRoutes(api);
  await useAdminSession().signIn(api.principal("mgr", "manager", "h1"));
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("history store", () => {
  it("writes the query string", () => {
    expect(historyQuery({ from: "2026-11-19", to: "2026-11-25" }, "window")).toBe("from=2026-11-19&to=2026-11-25&groupBy=window");
    expect(historyQuery({ from: "2026-11-19", to: "2026-11-25" }, "hour", "csv")).toBe("from=2026-11-19&to=2026-11-25&groupBy=hour&format=csv");
  });

  it("opens on the 7 days ending yesterday in the hall's time zone, by window", async () => {
    const store = useHistoryStore();
    await store.open("h1", "Asia/Shanghai", NOW);
    expect(gets()).toEqual([{ from: "2026-11-19", to: "2026-11-25", groupBy: "window" }]);
    expect(store.data?.rows.map((r) => r.key)).toEqual(["w1", "w2", "w3"]);
    // Another hall in another zone: its own yesterday.
    await store.open("h2", "America/Los_Angeles", NOW);
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h2/history?from=2026-11-18&to=2026-11-24&groupBy=window");
  });

  it("turns each preset into from/to and keeps the grouping", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    const store = useHistoryStore();
    await store.open("h1", "Asia/Shanghai");
    await store.setGroupBy("department");
    await store.setPreset("day");
    await store.setPreset("month");
    await store.setPreset("year");
    expect(gets()).toEqual([
      { from: "2026-11-19", to: "2026-11-25", groupBy: "window" },
      { from: "2026-11-19", to: "2026-11-25", groupBy: "department" },
      { from: "2026-11-25", to: "2026-11-25", groupBy: "department" },
      { from: "2026-10-27", to: "2026-11-25", groupBy: "department" },
      { from: "2025-11-26", to: "2026-11-25", groupBy: "department" },
    ]);
    expect(store.data?.groupBy).toBe("department");
  });

  it("asks for a valid custom period and refuses a bad one without asking", async () => {
    const store = useHistoryStore();
    await store.open("h1", "Asia/Shanghai", NOW);
    await store.setPreset("custom", NOW);
    expect(gets()).toHaveLength(1); // choosing 自定义 alone asks nothing
    await store.setCustom({ from: "2026-11-10", to: "2026-11-01" }, NOW);
    expect(store.periodError).toBe("order");
    await store.setCustom({ from: "2026-11-20", to: "2026-11-27" }, NOW);
    expect(store.periodError).toBe("future");
    expect(gets()).toHaveLength(1);
    await store.setCustom({ from: "2026-11-01", to: "2026-11-15" }, NOW);
    expect(store.periodError).toBeNull();
    expect(gets().at(-1)).toEqual({ from: "2026-11-01", to: "2026-11-15", groupBy: "window" });
    expect(store.preset).toBe("custom");
  });

  it("switching the grouping asks again with groupBy and clears the sort", async () => {
    const store = useHistoryStore();
    await store.open("h1", "Asia/Shanghai", NOW);
    store.sortBy("served");
    expect(store.sort).toEqual({ key: "served", dir: "desc" });
    store.sortBy("served");
    expect(store.sort).toEqual({ key: "served", dir: "asc" });
    store.sortBy("key");
    expect(store.sort).toEqual({ key: "key", dir: "asc" });
    for (const g of ["category", "hour", "weekday", "day"] as const) {
      await store.setGroupBy(g);
      expect(gets().at(-1)?.groupBy).toBe(g);
      expect(store.data?.groupBy).toBe(g);
    }
    expect(store.sort).toBeNull();
    await store.setGroupBy("day"); // the same grouping: nothing asked
    expect(gets()).toHaveLength(5);
  });

  it("downloads the table as CSV and XLSX with the token, the BOM kept", async () => {
    const created: Blob[] = [];
    Object.assign(URL, { createObjectURL: (b: Blob) => (created.push(b), "blob:x"), revokeObjectURL: () => undefined });
    const names: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    const store = useHistoryStore();
    await store.open("h1", "Asia/Shanghai", NOW);
    expect(await store.exportTable("csv")).toBe(true);
    expect(await store.exportTable("xlsx")).toBe(true);
    const calls = api.calls.filter((c) => c.path.includes("format="));
    expect(calls.map((c) => [c.path, c.token])).toEqual([
      ["/api/halls/h1/history?from=2026-11-19&to=2026-11-25&groupBy=window&format=csv", "mgr"],
      ["/api/halls/h1/history?from=2026-11-19&to=2026-11-25&groupBy=window&format=xlsx", "mgr"],
    ]);
    expect(names).toEqual(["history-h1-window-2026-11-19_2026-11-25.csv", "history-h1-window-2026-11-19_2026-11-25.xlsx"]);
    const bytes = new Uint8Array(await created[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(created[1]!.type).toContain("spreadsheetml");
    click.mockRestore();
  });

  it("keeps a failed download's error", async () => {
    const store = useHistoryStore();
    await store.open("h1", "Asia/Shanghai", NOW);
    api.override = { method: "GET", reply: { status: 403, body: { error: { code: "forbidden", message: "forbidden" } } } };
    expect(await store.exportTable("csv")).toBe(false);
    expect(store.exportError?.code).toBe("forbidden");
  });

  it("loads both heatmaps of the period when the tab is shown, and again when the period changes", async () => {
    const store = useHistoryStore();
    await store.open("h1", "Asia/Shanghai", NOW);
    store.setTab("heatmap");
    await vi.waitFor(() => expect(store.heatmaps).not.toBeNull());
    expect(api.callsTo("GET", "/api/halls/h1/heatmap").map((c) => c.path)).toEqual([
      "/api/halls/h1/heatmap?kind=arrivals&from=2026-11-19&to=2026-11-25",
      "/api/halls/h1/heatmap?kind=utilization&from=2026-11-19&to=2026-11-25",
    ]);
    expect(store.heatmaps?.utilization.rows).toEqual(["w1", "w2", "w3"]);
    await store.setPreset("day", NOW);
    expect(api.callsTo("GET", "/api/halls/h1/heatmap").at(-1)?.path).toBe("/api/halls/h1/heatmap?kind=utilization&from=2026-11-25&to=2026-11-25");
  });

  it("passes the pending days of an answer to the status notice", async () => {
    fake.status = { pendingDays: 3, running: "2026-11-20", completed: 0, failed: 0, fromLiveFacts: 0 };
    const status = useHistoryStatusStore();
    await status.start("h1");
    const store = useHistoryStore();
    await store.open("h1", "Asia/Shanghai", NOW);
    expect(status.pendingDays).toBe(3);
    expect(status.computing).toBe(true);
    status.stop();
  });
});
