// The item lists store asks for the versions first and for the items only when a version exists (no 404
// for a list never imported), newest version first, an older one by ?version=; and the diff store.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeApi, freshPinia } from "../views/admin/testing/fake-api.js";
import { useItemDiffStore, useItemsStore } from "./admin-items.js";
import { useAdminSession } from "./admin-session.js";

let api: FakeApi;
const item = (code: string, name: string) => ({ code, name, department: "民政局", type: "", promisedDays: 0, maxVisits: 1, fullyOnline: false, fees: "", conditions: "", materials: [] });
const version = (v: number, items: ReturnType<typeof item>[]) => ({ version: v, source: "online" as const, importedAt: "2026-11-25T01:00:00.000Z", itemCount: items.length, format: "json" as const, skippedRows: 0, items });

beforeEach(async () => {
  localStorage.clear();
  freshPinia();
  api = new FakeApi().install();
  await useAdminSession().signIn(api.principal("mgr", "manager", "h1"));
});
afterEach(() => vi.unstubAllGlobals());

describe("item lists store", () => {
  it("does not ask for the items of a list that has no version", async () => {
    const store = useItemsStore();
    await store.load("h1", "online");
    expect(store.versions).toEqual([]);
    expect(store.list).toBeNull();
    expect(store.error).toBeNull();
    expect(api.calls.filter((c) => c.path.includes("/items/")).map((c) => c.path)).toEqual(["/api/halls/h1/items/online/versions"]);
  });

  it("loads the versions newest first and the items of the current or a chosen version", async () => {
    api.versions.set("h1:online", [version(1, [item("A", "甲")]), version(2, [item("A", "甲"), item("B", "乙")])]);
    const store = useItemsStore();
    await store.load("h1", "online");
    expect(store.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(store.list?.version).toBe(2);
    expect(store.currentVersion()).toBe(2);
    await store.load("h1", "online", 1);
    expect(api.calls.at(-1)?.path).toBe("/api/halls/h1/items/online?version=1");
    expect(store.list?.items.map((i) => i.code)).toEqual(["A"]);
  });

  it("loads a diff and says when it failed", async () => {
    api.diffs = [{ from: 1, to: 2, added: [], removed: [], changed: [] }];
    const diff = useItemDiffStore();
    await diff.load("h1", "online", 1, 2);
    expect(diff.diff).toEqual(api.diffs[0]);
    await diff.load("h1", "online", 1, 9);
    expect(diff.diff).toBeNull();
    expect(diff.error?.status).toBe(404);
  });
});
