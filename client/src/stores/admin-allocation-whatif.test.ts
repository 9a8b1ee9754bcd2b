// The what-if store: the request built from the editor exactly (only changed windows, `open` only when
// given, `[]` when closed), the server's 400 field mapped back onto the window it names, yesterday in the
// hall's time zone, and the shown comparison exported with the very body that produced it.
// The rebalancing advice: admin-allocation-whatif.advice.test.ts; the plain helpers: whatif-drafts.test.ts.
import { describe, expect, it } from "vitest";
import { useWhatIfStore } from "./admin-allocation-whatif.js";
import { catchDownloads, hall, NOW, setUpWhatIfTests } from "./whatif-test-harness.js";

const env = setUpWhatIfTests();

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
    expect(env.posted).toEqual([
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
    env.api.override = { method: "POST", reply: { status: 400, body: { error: { code: "bad_request", field: "allocation.windows.0.open.0", message: "allocation.windows.0.open.0: must end after it starts" } } } };
    expect(await store.run()).toBe(false);
    expect(store.fieldError).toEqual({ target: { kind: "open", windowId: "w3", interval: 0, end: null }, message: "must end after it starts" });
    store.setInterval("w3", 0, "to", "13:00");
    expect(store.fieldError).toBeNull();
  });

  it("keeps a failure without a field as the run's error", async () => {
    const store = useWhatIfStore();
    store.init("h1", hall, NOW);
    env.api.override = { method: "POST", reply: { status: 503, body: { error: { code: "storage_unavailable", message: "storage unavailable" } } } };
    await store.run();
    expect(store.runError?.code).toBe("storage_unavailable");
    expect(store.fieldError).toBeNull();
  });

  it("exports the shown comparison: the same body again with ?format=, the token, the bytes as they came", async () => {
    const { blobs, names } = catchDownloads();
    const store = useWhatIfStore();
    store.init("h1", hall, NOW);
    expect(await store.exportResult("csv")).toBe(false);
    expect(env.api.callsTo("POST", "/api/halls/h1/whatif")).toHaveLength(0);
    store.toggleCategory("w1", "estate", true);
    store.setClosed("w2", true);
    await store.run();
    // The editor moves on: the export is still of the shown result.
    store.toggleCategory("w1", "estate", false);
    store.setDate("2026-11-20");
    expect(await store.exportResult("csv")).toBe(true);
    const call = env.api.calls.at(-1)!;
    expect(call.method).toBe("POST");
    expect(call.path).toBe("/api/halls/h1/whatif?format=csv");
    expect(call.token).toBe("adm");
    expect(call.contentType).toBe("application/json");
    expect(call.body).toEqual(env.posted[0]);
    expect(call.body).toEqual({ date: "2026-11-25", allocation: { windows: [{ id: "w1", categories: ["social", "estate"] }, { id: "w2", categories: ["social"], open: [] }] } });
    expect(names).toEqual(["whatif-h1-2026-11-25.csv"]);
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain("不动产登记");
    expect(store.exporting).toBeNull();
    // A failed download: the server's error, no file.
    expect(await store.exportResult("xlsx")).toBe(false);
    expect(env.api.calls.at(-1)?.path).toBe("/api/halls/h1/whatif?format=xlsx");
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
