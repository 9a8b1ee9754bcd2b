// The what-if store's rebalancing advice: live (today) or of a past day (`?date=`, by default the date
// being edited or else yesterday in the hall's time zone), a future day refused by the server on `date`,
// and a suggestion applied to the editor on the day the advice judged.
// The editor, runs and exports: admin-allocation-whatif.test.ts.
import { describe, expect, it } from "vitest";
import type { RebalanceAdvice } from "../../../contract/index.js";
import { useWhatIfStore } from "./admin-allocation-whatif.js";
import { hall, NOW, setUpWhatIfTests, suggestion } from "./whatif-test-harness.js";

const env = setUpWhatIfTests();

describe("what-if store", () => {
  it("applies a suggestion: the window takes the category, on today's date", async () => {
    const store = useWhatIfStore();
    store.init("h1", hall, NOW);
    await store.loadAdvice();
    expect(env.api.callsTo("GET", "/api/halls/h1/rebalance")).toHaveLength(1);
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
    env.advice = { live: [suggestion("w1", "estate")], "2026-11-20": [suggestion("w2", "estate")], "2026-11-18": [] };
    await store.loadAdvice();
    store.setDate("2026-11-20");
    await store.setAdviceBasis("history", NOW);
    expect(store.adviceDate).toBe("2026-11-20");
    expect(env.api.calls.filter((c) => c.path.startsWith("/api/halls/h1/rebalance")).map((c) => c.path)).toEqual(["/api/halls/h1/rebalance", "/api/halls/h1/rebalance?date=2026-11-20"]);
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
    expect(env.posted.at(-1)).toEqual({ date: "2026-11-20", allocation: { windows: [{ id: "w2", categories: ["social", "estate"] }] } });
    // Another day: its own (empty) advice; an empty field keeps what is shown.
    await store.setAdviceDate("2026-11-18");
    expect(env.api.calls.at(-1)?.path).toBe("/api/halls/h1/rebalance?date=2026-11-18");
    expect(store.adviceFor).toEqual({ kind: "history", date: "2026-11-18" });
    expect(store.advice).toEqual([]);
    expect(store.appliedShown).toEqual([]);
    const calls = env.api.calls.length;
    await store.setAdviceDate("");
    expect(env.api.calls.length).toBe(calls);
    expect(store.adviceFor).toEqual({ kind: "history", date: "2026-11-18" });
    // Back to live: no date; applying live advice replays today.
    await store.setAdviceBasis("live", NOW);
    expect(env.api.calls.at(-1)?.path).toBe("/api/halls/h1/rebalance");
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
    expect(env.api.calls.at(-1)?.path).toBe("/api/halls/h1/rebalance?date=2026-11-25");
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
});
