// Issue #10: saving the hall configuration through the store keeps and sends `public` and `openingHours`.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { HallConfig } from "../../../contract/index.js";
import { FakeApi, freshPinia, sampleHall } from "../views/admin/testing/fake-api.js";
import { useHallConfigStore } from "./admin-hall-config.js";
import { useAdminSession } from "./admin-session.js";

let api: FakeApi;
beforeEach(() => {
  localStorage.clear();
  freshPinia();
  api = new FakeApi().install();
});
afterEach(() => vi.unstubAllGlobals());

async function storeWith(config: HallConfig) {
  api.halls.set("h1", config);
  await useAdminSession().signIn(api.principal("t", "admin", "h1"));
  const store = useHallConfigStore();
  await store.load("h1");
  return store;
}

const putBody = () => api.callsTo("PUT", "/api/halls/h1").at(-1)?.body as HallConfig;

describe("hall configuration store: public page and opening hours", () => {
  it("saving an unrelated edit sends public and openingHours unchanged", async () => {
    const pub = { enabled: true, minCellCount: 6, licence: "CC BY 4.0" };
    const openingHours = [{ weekday: 3, from: "09:00", to: "17:00" }];
    const store = await storeWith({ ...sampleHall(), public: pub, openingHours });
    expect(store.dirty).toBe(false);
    store.form.name = "新名称";
    store.touch("name");
    expect(await store.save()).toBe(true);
    expect(putBody().public).toEqual(pub);
    expect(putBody().openingHours).toEqual(openingHours);
    expect(api.halls.get("h1")?.public).toEqual(pub);
    expect(store.dirty).toBe(false);
  });

  it("opts a hall in and sets its hours with the preset, and saves them", async () => {
    const store = await storeWith(sampleHall());
    store.form.publicEnabled = true;
    store.touch("public.enabled");
    store.presetWorkingWeek();
    expect(store.dirty).toBe(true);
    expect(await store.save()).toBe(true);
    expect(putBody().public).toEqual({ enabled: true });
    expect(putBody().openingHours).toHaveLength(10);
    expect(putBody().openingHours?.[0]).toEqual({ weekday: 1, from: "09:00", to: "12:00" });
  });

  it("adds and removes hour rows, and refuses to save hours that end before they start", async () => {
    const store = await storeWith(sampleHall());
    store.addOpeningHours();
    store.addOpeningHours();
    expect(store.form.openingHours.map((h) => h.weekday)).toEqual([1, 2]);
    store.removeOpeningHours(0);
    store.form.openingHours[0]!.to = "08:00";
    expect(await store.save()).toBe(false);
    expect(store.issueFor("openingHours.0.to")?.message).toBe("must end after it starts");
    expect(api.callsTo("PUT", "/api/halls")).toEqual([]);
  });
});
