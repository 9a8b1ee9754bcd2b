// The hall-configuration store: problems appear per input as it is touched (or all after a save attempt),
// an invalid form is never sent, the server's 400 `field` lands on its input, category renames follow into
// the windows, managers cannot save, and a global admin creates a hall under a new id.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeApi, freshPinia } from "../views/admin/testing/fake-api.js";
import { useHallConfigStore } from "./admin-hall-config.js";
import { useAdminSession } from "./admin-session.js";

let api: FakeApi;
beforeEach(() => {
  localStorage.clear();
  freshPinia();
  api = new FakeApi().install();
});
afterEach(() => vi.unstubAllGlobals());

async function signedIn(role: "admin" | "manager" = "admin", hallId: string | null = "h1") {
  await useAdminSession().signIn(api.principal("t", role, hallId));
  const store = useHallConfigStore();
  await store.load("h1");
  return store;
}

describe("hall configuration store", () => {
  it("loads the hall into the form, clean", async () => {
    const store = await signedIn();
    expect(store.form.name).toBe("县政务服务中心");
    expect(store.form.windows.map((w) => w.id)).toEqual(["w1", "w2", "w3"]);
    expect(store.dirty).toBe(false);
    expect(store.readOnly).toBe(false);
  });

  it("shows a problem once its input is touched, not before", async () => {
    const store = await signedIn();
    store.form.windows[0]!.name = "";
    expect(store.issueFor("windows.0.name")).toBeNull();
    store.touch("windows.0.name");
    expect(store.issueFor("windows.0.name")).toMatchObject({ source: "client", message: "must not be empty" });
    expect(store.dirty).toBe(true);
  });

  it("does not send an invalid form, and then shows every problem", async () => {
    const store = await signedIn();
    store.form.name = "";
    store.form.coldUtilization = 0.95;
    expect(await store.save()).toBe(false);
    expect(store.saveState).toBe("invalid");
    expect(api.callsTo("PUT", "/api/halls")).toEqual([]);
    expect(store.issueFor("name")?.message).toBe("must not be empty");
    expect(store.issueFor("targets.coldUtilization")?.message).toBe("must be below hotUtilization");
    expect(store.visibleIssueCount).toBe(2);
  });

  it("saves with PUT and reports it", async () => {
    const store = await signedIn();
    store.form.windows[1]!.name = "2号窗口（综合）";
    store.touch("windows.1.name");
    expect(await store.save()).toBe(true);
    expect(store.saveState).toBe("saved");
    const put = api.callsTo("PUT", "/api/halls/h1")[0];
    expect((put?.body as { windows: { name: string }[] }).windows[1]?.name).toBe("2号窗口（综合）");
    expect(api.halls.get("h1")?.windows[1]?.name).toBe("2号窗口（综合）");
    expect(store.dirty).toBe(false);
  });

  it("maps the server's 400 field onto its input (windows.2.categories.0 → window 3's categories)", async () => {
    const store = await signedIn();
    api.override = { method: "PUT", reply: { status: 400, body: { error: { code: "bad_request", field: "windows.2.categories.0", message: 'windows.2.categories.0: unknown category "c9"' } } } };
    expect(await store.save()).toBe(false);
    expect(store.saveState).toBe("failed");
    expect(store.serverIssue).toEqual({ key: "windows.2.categories", rest: ["0"], message: 'unknown category "c9"' });
    expect(store.issueFor("windows.2.categories")).toMatchObject({ source: "server", message: 'unknown category "c9"' });
    expect(store.issueFor("windows.1.categories")).toBeNull();
    // Editing again clears the server's verdict.
    store.touch("windows.2.categories");
    expect(store.issueFor("windows.2.categories")).toBeNull();
  });

  it("keeps a server error without a matching input for the whole form", async () => {
    const store = await signedIn();
    api.override = { method: "PUT", reply: { status: 400, body: { error: { code: "bad_request", field: "windows.0.extra", message: "windows.0.extra: unknown field" } } } };
    await store.save();
    expect(store.serverIssue?.key).toBe("windows");
    api.override = { method: "PUT", reply: { status: 503, body: { error: { code: "storage_unavailable", message: "disk full" } } } };
    await store.save();
    expect(store.serverIssue).toBeNull();
    expect(store.saveError?.code).toBe("storage_unavailable");
  });

  it("renames a category in the windows that serve it, and removes it from them when deleted", async () => {
    const store = await signedIn();
    store.setCategoryId(0, "social-insurance");
    expect(store.form.windows[0]?.categories).toEqual(["social-insurance"]);
    expect(store.clientIssues.size).toBe(0);
    store.removeCategory(0);
    expect(store.form.windows[0]?.categories).toEqual([]);
    store.toggleWindowCategory(0, "estate", true);
    expect(store.form.windows[0]?.categories).toEqual(["estate"]);
  });

  it("is read only for a manager: save sends nothing", async () => {
    const store = await signedIn("manager");
    expect(store.readOnly).toBe(true);
    store.form.name = "改名";
    expect(await store.save()).toBe(false);
    expect(api.callsTo("PUT", "/api/halls")).toEqual([]);
  });

  it("creates a new hall under a new id (global admin), refusing an existing id", async () => {
    const store = await signedIn("admin", null);
    store.startCreate();
    store.newHallId = "h1";
    store.form.name = "东区便民服务中心";
    expect(await store.save()).toBe(false);
    expect(store.issueFor("hallId")?.message).toBe('hall "h1" already exists');
    store.newHallId = "east";
    expect(await store.save()).toBe(true);
    expect(api.callsTo("PUT", "/api/halls/east")).toHaveLength(1);
    expect(store.creating).toBe(false);
    expect(useAdminSession().halls.map((h) => h.hallId)).toEqual(["h1", "east"]);
    expect(useAdminSession().hallId).toBe("east");
  });
});
