// The what-if store: the request built from the editor exactly (only changed windows, `open` only when
// given, `[]` when closed), the server's 400 field mapped back onto the window it names, yesterday and
// today in the hall's time zone, a rebalancing suggestion (live or of a past day) applied to the editor,
// and the shown comparison exported with the very body that produced it.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RebalanceAdvice, WhatIfRequest, WhatIfResponse } from "../../../contract/index.js";
import { FakeApi, freshPinia, sampleHall } from "../views/admin/testing/fake-api.js";
import { useWhatIfStore } from "./admin-allocation-whatif.js";
import { allocationOf, draftsFromConfig, exportFileName, fieldTarget, hallDateBefore, newInterval, plainMessage, rebalancePath } from "./whatif-drafts.js";
import { useAdminSession } from "./admin-session.js";

// 00:30 on 2026-11-26 in Asia/Shanghai (still the 25th in UTC).
const NOW = Date.parse("2026-11-25T16:30:00.000Z");
const hall = sampleHall();

const answer = (date: string): WhatIfResponse => ({
  date,
  actual: { categories: [{ categoryId: "estate", avgWaitSeconds: 1800, maxWaitSeconds: 3600 }], windows: [{ windowId: "w3", utilization: 0.95 }], cv: 0.5 },
  predicted: { categories: [{ categoryId: "estate", avgWaitSeconds: 600, maxWaitSeconds: 1500 }], windows: [{ windowId: "w3", utilization: 0.7 }], cv: 0.2 },
});

const CSV = "\uFEFF类型,编号,名称,实际平均等候(分钟)\r\n业务,estate,不动产登记,30\r\n";

let api: FakeApi;
let posted: WhatIfRequest[];
/** Advice of past days by date; the live advice under "live". */
let advice: Record<string, RebalanceAdvice[]>;
beforeEach(async () => {
  localStorage.clear();
  freshPinia();
  posted = [];
  advice = { live: [] };
  api = new FakeApi().install();
  api.extraRoutes.push((method, url, _me, body) => {
    if (method === "POST" && url.pathname === "/api/halls/h1/whatif") {
      const format = url.searchParams.get("format");
      if (format === "csv") return { status: 200, text: CSV, type: "text/csv; charset=utf-8" };
      if (format === "xlsx") return { status: 503, body: { error: { code: "storage_unavailable", message: "storage unavailable" } } };
      posted.push(body as WhatIfRequest);
      return { status: 200, body: answer((body as WhatIfRequest).date) };
    }
    if (method === "GET" && url.pathname === "/api/halls/h1/rebalance") {
      const date = url.searchParams.get("date");
      if (date !== null && date > "2026-11-26") return { status: 400, body: { error: { code: "bad_request", field: "date", message: "date: must be a day that has begun" } } };
      return { status: 200, body: { at: "2026-11-25T06:00:00.000Z", advice: advice[date ?? "live"] ?? [] } };
    }
    return null;
  });
  await useAdminSession().signIn(api.principal("adm", "admin", "h1"));
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const suggestion = (windowId: string, categoryId: string): RebalanceAdvice => ({ windowId, categoryId, reason: { oldestWaitSeconds: 2400, hotWindows: ["w3"] }, predicted: { currentAvgWaitSeconds: 3120, withChangeAvgWaitSeconds: 1080 } });

/** Catches downloads: the blobs handed to object URLs and the file names of the clicked links. */
function catchDownloads() {
  const blobs: Blob[] = [];
  const names: string[] = [];
  Object.assign(URL, { createObjectURL: (b: Blob) => (blobs.push(b), "blob:whatif"), revokeObjectURL: () => undefined });
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
  });
  return { blobs, names };
}

describe("what-if helpers", () => {
  it("sends only the windows that differ, `open` only when given, [] when closed all day", () => {
    const drafts = draftsFromConfig(hall.windows);
    expect(allocationOf(drafts, hall.windows)).toEqual({ windows: [], sentIds: [] });
    drafts[0]!.categories.push("estate");
    drafts[1]!.intervals.push(newInterval("09:00", "12:00"), newInterval("13:30", "17:00"));
    drafts[2]!.closed = true;
    drafts[2]!.intervals.push(newInterval("08:00", "09:00")); // ignored: closed wins
    expect(allocationOf(drafts, hall.windows)).toEqual({
      windows: [
        { id: "w1", categories: ["social", "estate"] },
        { id: "w2", categories: ["social"], open: [["09:00", "12:00"], ["13:30", "17:00"]] },
        { id: "w3", categories: ["estate"], open: [] },
      ],
      sentIds: ["w1", "w2", "w3"],
    });
    // Categories compared as a set: the same ones in another order are no change.
    const reordered = draftsFromConfig([{ id: "w1", categories: ["a", "b"] }]);
    reordered[0]!.categories = ["b", "a"];
    expect(allocationOf(reordered, [{ id: "w1", categories: ["a", "b"] }]).windows).toEqual([]);
  });

  it("maps the server's field onto the window of the request, its categories, interval and end", () => {
    const sent = ["w2", "w3"];
    expect(fieldTarget("date", sent)).toEqual({ kind: "date" });
    expect(fieldTarget("allocation.windows.1.categories.0", sent)).toEqual({ kind: "categories", windowId: "w3" });
    expect(fieldTarget("allocation.windows.0.open.1", sent)).toEqual({ kind: "open", windowId: "w2", interval: 1, end: null });
    expect(fieldTarget("allocation.windows.0.open.1.0", sent)).toEqual({ kind: "open", windowId: "w2", interval: 1, end: 0 });
    expect(fieldTarget("allocation.windows.0.open", sent)).toEqual({ kind: "open", windowId: "w2", interval: null, end: null });
    expect(fieldTarget("allocation.windows.1.id", sent)).toEqual({ kind: "window", windowId: "w3" });
    expect(fieldTarget("allocation.windows.5.id", sent)).toEqual({ kind: "form" });
    expect(fieldTarget("seed", sent)).toEqual({ kind: "form" });
    expect(fieldTarget(undefined, sent)).toEqual({ kind: "form" });
    expect(plainMessage({ field: "date", message: "date: must be a day that has begun" })).toBe("must be a day that has begun");
  });

  it("asks for live advice without a date and for a past day with ?date=; names exports by hall and day", () => {
    expect(rebalancePath("h1", { kind: "live" })).toBe("/api/halls/h1/rebalance");
    expect(rebalancePath("h 1", { kind: "history", date: "2026-11-20" })).toBe("/api/halls/h%201/rebalance?date=2026-11-20");
    expect(exportFileName("h1", "2026-11-20", "csv")).toBe("whatif-h1-2026-11-20.csv");
    expect(exportFileName("大厅/1", "2026-11-20", "xlsx")).toBe("whatif-___1-2026-11-20.xlsx");
  });

  it("counts days in the hall's time zone, across months", () => {
    expect(hallDateBefore(NOW, "Asia/Shanghai", 1)).toBe("2026-11-25");
    expect(hallDateBefore(NOW, "Asia/Shanghai", 0)).toBe("2026-11-26");
    expect(hallDateBefore(NOW, "UTC", 1)).toBe("2026-11-24");
    expect(hallDateBefore(Date.parse("2026-12-01T01:00:00+08:00"), "Asia/Shanghai", 1)).toBe("2026-11-30");
  });
});

describe("what-if store", () => {
  it("starts from the configuration on yesterday and posts exactly the editor's allocation", async () => {
    const store = useWhatIfStore();
    store.init("h1", hall, NOW);
    expect(store.date).toBe("2026-11-25");
    expect(store.drafts.map((d) => [d.id, d.categories])).toEqual([
      ["w1", ["social"]],
      ["w2", ["social"]],
      ["w3", ["estate"]],
    ]);
    store.toggleCategory("w1", "estate", true);
    store.addInterval("w3");
    store.setInterval("w3", 0, "from", "08:30");
    store.setInterval("w3", 0, "to", "12:00");
    store.setClosed("w2", true);
    expect(store.changedCount).toBe(3);
    expect(await store.run()).toBe(true);
    expect(posted).toEqual([
      {
        date: "2026-11-25",
        allocation: {
          windows: [
            { id: "w1", categories: ["social", "estate"] },
            { id: "w2", categories: ["social"], open: [] },
            { id: "w3", categories: ["estate"], open: [["08:30", "12:00"]] },
          ],
        },
      },
    ]);
    expect(store.result?.predicted.cv).toBe(0.2);
    expect(store.resultSent).toBe(3);
    expect(store.outdated).toBe(false);
    store.toggleCategory("w1", "estate", false);
    expect(store.outdated).toBe(true);
    store.reset();
    expect(store.changedCount).toBe(0);
  });

  it("keeps the editor when the same hall comes back, starts over for another", () => {
    const store = useWhatIfStore();
    store.init("h1", hall, NOW);
    store.toggleCategory("w1", "estate", true);
    store.init("h1", hall, NOW);
    expect(store.changedCount).toBe(1);
    store.init("h2", hall, NOW);
    expect(store.changedCount).toBe(0);
  });

  it("maps the server's 400 onto the window and interval it names; an edit clears it", async () => {
    const store = useWhatIfStore();
    store.init("h1", hall, NOW);
    store.addInterval("w3");
    store.setInterval("w3", 0, "from", "12:00");
    store.setInterval("w3", 0, "to", "09:00");
    api.override = { method: "POST", reply: { status: 400, body: { error: { code: "bad_request", field: "allocation.windows.0.open.0", message: "allocation.windows.0.open.0: must end after it starts" } } } };
    expect(await store.run()).toBe(false);
    expect(store.fieldError).toEqual({ target: { kind: "open", windowId: "w3", interval: 0, end: null }, message: "must end after it starts" });
    store.setInterval("w3", 0, "to", "13:00");
    expect(store.fieldError).toBeNull();
  });

  it("keeps a failure without a field as the run's error", async () => {
    const store = useWhatIfStore();
    store.init("h1", hall, NOW);
    api.override = { method: "POST", reply: { status: 503, body: { error: { code: "storage_unavailable", message: "storage unavailable" } } } };
    await store.run();
    expect(store.runError?.code).toBe("storage_unavailable");
    expect(store.fieldError).toBeNull();
  });

  it("applies a suggestion: the window takes the category, on today's date", async () => {
    const store = useWhatIfStore();
    store.init("h1", hall, NOW);
    await store.loadAdvice();
    expect(api.callsTo("GET", "/api/halls/h1/rebalance")).toHaveLength(1);
    const advice: RebalanceAdvice = { windowId: "w2", categoryId: "estate", reason: { oldestWaitSeconds: 2400, hotWindows: ["w3"] }, predicted: { currentAvgWaitSeconds: 3120, withChangeAvgWaitSeconds: 1080 } };
    expect(store.adviceFor).toEqual({ kind: "live" });
    store.applyAdvice(advice, NOW);
    expect(store.date).toBe("2026-11-26");
    expect(store.request.allocation.windows).toEqual([{ id: "w2", categories: ["social", "estate"] }]);
    expect(store.applied).toEqual(["live|w2|estate"]);
    expect(store.appliedShown).toEqual(["w2|estate"]);
    // Applying it again changes nothing.
    store.applyAdvice(advice, NOW);
    expect(store.drafts.find((d) => d.id === "w2")?.categories).toEqual(["social", "estate"]);
  });

  it("loads the advice of a past day (default: the date being edited) and applies it on that day", async () => {
    const store = useWhatIfStore();
    store.init("h1", hall, NOW);
    advice = { live: [suggestion("w1", "estate")], "2026-11-20": [suggestion("w2", "estate")], "2026-11-18": [] };
    await store.loadAdvice();
    store.setDate("2026-11-20");
    await store.setAdviceBasis("history", NOW);
    expect(store.adviceDate).toBe("2026-11-20");
    expect(api.calls.filter((c) => c.path.startsWith("/api/halls/h1/rebalance")).map((c) => c.path)).toEqual(["/api/halls/h1/rebalance", "/api/halls/h1/rebalance?date=2026-11-20"]);
    expect(store.adviceFor).toEqual({ kind: "history", date: "2026-11-20" });
    expect(store.advice.map((a) => a.windowId)).toEqual(["w2"]);
    // Applied on that day, not today — even when the editor had moved to another date.
    store.setDate("2026-11-24");
    store.applyAdvice(store.advice[0]!, NOW);
    expect(store.date).toBe("2026-11-20");
    expect(store.request.allocation.windows).toEqual([{ id: "w2", categories: ["social", "estate"] }]);
    expect(store.applied).toEqual(["2026-11-20|w2|estate"]);
    expect(store.appliedShown).toEqual(["w2|estate"]);
    expect(await store.run()).toBe(true);
    expect(posted.at(-1)).toEqual({ date: "2026-11-20", allocation: { windows: [{ id: "w2", categories: ["social", "estate"] }] } });
    // Another day: its own (empty) advice; an empty field keeps what is shown.
    await store.setAdviceDate("2026-11-18");
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h1/rebalance?date=2026-11-18");
    expect(store.adviceFor).toEqual({ kind: "history", date: "2026-11-18" });
    expect(store.advice).toEqual([]);
    expect(store.appliedShown).toEqual([]);
    const calls = api.calls.length;
    await store.setAdviceDate("");
    expect(api.calls.length).toBe(calls);
    expect(store.adviceFor).toEqual({ kind: "history", date: "2026-11-18" });
    // Back to live: no date; applying live advice replays today.
    await store.setAdviceBasis("live", NOW);
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h1/rebalance");
    expect(store.adviceFor).toEqual({ kind: "live" });
    store.applyAdvice(store.advice[0]!, NOW);
    expect(store.date).toBe("2026-11-26");
  });

  it("defaults the past day to yesterday (hall time) without a date in the editor; a future day is the server's 400 on date", async () => {
    const store = useWhatIfStore();
    store.init("h1", hall, NOW);
    store.setDate("");
    await store.setAdviceBasis("history", NOW);
    expect(store.adviceDate).toBe("2026-11-25");
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h1/rebalance?date=2026-11-25");
    await store.setAdviceDate("2026-12-01");
    expect(store.adviceError?.field).toBe("date");
    expect(store.adviceDateError).toBe("must be a day that has begun");
    expect(store.adviceFor).toEqual({ kind: "history", date: "2026-12-01" });
    expect(store.advice).toEqual([]);
    await store.setAdviceDate("2026-11-24");
    expect(store.adviceError).toBeNull();
    expect(store.adviceDateError).toBeNull();
    // Another hall starts over on live advice.
    store.init("h2", hall, NOW);
    expect(store.adviceKind).toBe("live");
    expect(store.adviceFor).toBeNull();
  });

  it("exports the shown comparison: the same body again with ?format=, the token, the bytes as they came", async () => {
    const { blobs, names } = catchDownloads();
    const store = useWhatIfStore();
    store.init("h1", hall, NOW);
    expect(await store.exportResult("csv")).toBe(false);
    expect(api.callsTo("POST", "/api/halls/h1/whatif")).toHaveLength(0);
    store.toggleCategory("w1", "estate", true);
    store.setClosed("w2", true);
    await store.run();
    // The editor moves on: the export is still of the shown result.
    store.toggleCategory("w1", "estate", false);
    store.setDate("2026-11-20");
    expect(await store.exportResult("csv")).toBe(true);
    const call = api.calls.at(-1)!;
    expect(call.method).toBe("POST");
    expect(call.path).toBe("/api/halls/h1/whatif?format=csv");
    expect(call.token).toBe("adm");
    expect(call.contentType).toBe("application/json");
    expect(call.body).toEqual(posted[0]);
    expect(call.body).toEqual({ date: "2026-11-25", allocation: { windows: [{ id: "w1", categories: ["social", "estate"] }, { id: "w2", categories: ["social"], open: [] }] } });
    expect(names).toEqual(["whatif-h1-2026-11-25.csv"]);
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain("不动产登记");
    expect(store.exporting).toBeNull();
    // A failed download: the server's error, no file.
    expect(await store.exportResult("xlsx")).toBe(false);
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h1/whatif?format=xlsx");
    expect(store.exportError?.code).toBe("storage_unavailable");
    expect(names).toHaveLength(1);
  });

  it("adds a category to every comprehensive window at once", () => {
    const store = useWhatIfStore();
    store.init("h1", hall, NOW);
    expect(store.mergeIntoComprehensive("estate", ["w2"])).toBe(1);
    expect(store.mergeIntoComprehensive("estate", ["w2"])).toBe(0);
    expect(store.request.allocation.windows).toEqual([{ id: "w2", categories: ["social", "estate"] }]);
  });
});
