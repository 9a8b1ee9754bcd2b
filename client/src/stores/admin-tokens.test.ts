// The tokens store: create holds the secret until dismissed (the list never has it), the contract's rules
// before sending, the server's 400 at its field, revoke with DELETE.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeApi, freshPinia } from "../views/admin/testing/fake-api.js";
import { useAdminSession } from "./admin-session.js";
import { tokenDraftIssue, tokenRequest, useTokensStore } from "./admin-tokens.js";

let api: FakeApi;
beforeEach(async () => {
  localStorage.clear();
  freshPinia();
  api = new FakeApi().install();
  await useAdminSession().signIn(api.principal("adm", "admin", "h1"));
});
afterEach(() => vi.unstubAllGlobals());

describe("tokens store", () => {
  it("creates a display token: the secret is held once, the list has none", async () => {
    const store = useTokensStore();
    await store.load("h1");
    const made = await store.create({ role: "display", windowId: "w1", label: " 一楼大屏 " });
    expect(api.callsTo("POST", "/api/tokens")[0]?.body).toEqual({ role: "display", hallId: "h1", label: "一楼大屏" });
    expect(store.created?.token).toBe(made?.token);
    expect(JSON.stringify(store.tokens)).not.toContain(made?.token);
    expect(store.sorted[0]?.label).toBe("一楼大屏");
    store.dismissCreated();
    expect(store.created).toBeNull();
  });

  it("checks the draft with the contract's rules", () => {
    expect(tokenDraftIssue({ role: "staff", windowId: "", label: "" }, "h1")).toEqual({ field: "windowId", message: "required for a staff token" });
    expect(tokenDraftIssue({ role: "staff", windowId: "w1", label: "" }, "h1")).toBeNull();
    expect(tokenDraftIssue({ role: "manager", windowId: "", label: "x".repeat(101) }, "h1")).toEqual({ field: "label", message: "must be at most 100 characters" });
    expect(tokenRequest({ role: "device", windowId: "w1", label: "" }, "h1")).toEqual({ role: "device", hallId: "h1" });
  });

  it("shows the server's 400 at its field", async () => {
    const store = useTokensStore();
    await store.load("h1");
    expect(await store.create({ role: "staff", windowId: "w9", label: "" })).toBeNull();
    expect(store.createIssue).toEqual({ field: "windowId", message: 'unknown window "w9"' });
    expect(store.created).toBeNull();
  });

  it("revokes with DELETE and lists the token as revoked, active ones first", async () => {
    const store = useTokensStore();
    await store.load("h1");
    const made = await store.create({ role: "display", windowId: "", label: "" });
    expect(await store.revoke(made!.id)).toBe(true);
    expect(api.callsTo("DELETE", `/api/tokens/${made!.id}`)).toHaveLength(1);
    expect(store.created).toBeNull();
    expect(store.sorted.at(-1)).toMatchObject({ id: made!.id });
    expect(store.sorted.at(-1)?.revokedAt).not.toBeNull();
    expect(store.activeCount).toBe(1);
  });
});
