// Signing in to the admin pages: ?token= adopted once and removed from the address, roles that may and
// may not open the pages, a refused token forgotten, a revoked token ending the session.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeApi, freshPinia } from "../views/admin/testing/fake-api.js";
import { useAdminSession } from "./admin-session.js";

let api: FakeApi;
beforeEach(() => {
  localStorage.clear();
  freshPinia();
  api = new FakeApi().install();
});
afterEach(() => vi.unstubAllGlobals());

describe("admin session", () => {
  it("adopts ?token= from the address, keeps it in local storage and removes it from the URL", async () => {
    const secret = api.principal("adm", "admin", null);
    history.replaceState(null, "", `/admin/config?token=${secret}&x=1`);
    const session = useAdminSession();
    await session.start();
    expect(location.search).toBe("?x=1");
    expect(localStorage.getItem("hallpulse.admin.token")).toBe(secret);
    expect(session.status).toBe("ready");
    expect(session.isGlobalAdmin).toBe(true);
    expect(session.halls).toEqual([{ hallId: "h1", name: "县政务服务中心" }]);
    expect(session.hallId).toBe("h1");
    history.replaceState(null, "", "/");
  });

  it("starts from the stored token on the next visit", async () => {
    localStorage.setItem("hallpulse.admin.token", api.principal("adm", "admin", "h1"));
    const session = useAdminSession();
    await session.start();
    expect(session.status).toBe("ready");
    expect(session.isAdmin).toBe(true);
    expect(session.isGlobalAdmin).toBe(false);
  });

  it("lets a manager in, not as admin", async () => {
    const session = useAdminSession();
    expect(await session.signIn(api.principal("mgr", "manager"))).toBe(true);
    expect(session.status).toBe("ready");
    expect(session.canOpen).toBe(true);
    expect(session.isAdmin).toBe(false);
  });

  it("lets an overseer in read-only (issue #11), keeping its token where the overview looks for it", async () => {
    const session = useAdminSession();
    expect(await session.signIn(api.principal("ovs", "overseer", null))).toBe(true);
    expect(session.status).toBe("ready");
    expect(session.isOverseer).toBe(true);
    expect(session.isAdmin).toBe(false);
    expect(session.spansHalls).toBe(true);
    expect(localStorage.getItem("hallpulse.admin.token")).toBeNull();
    expect(localStorage.getItem("hallpulse.admin.token.overview")).toBe("ovs");
  });

  it("borrows the overview's token when the admin pages have none, and prefers their own", async () => {
    localStorage.setItem("hallpulse.admin.token.overview", api.principal("ovs", "overseer", null));
    const borrowed = useAdminSession();
    await borrowed.start();
    expect(borrowed.role).toBe("overseer");
    freshPinia();
    localStorage.setItem("hallpulse.admin.token", api.principal("mgr", "manager"));
    const own = useAdminSession();
    await own.start();
    expect(own.role).toBe("manager");
  });

  it.each(["staff", "device", "display"] as const)("refuses a %s token with its role, and does not keep it", async (role) => {
    const session = useAdminSession();
    expect(await session.signIn(api.principal("t", role, "h1", role === "staff" ? "w1" : null))).toBe(false);
    expect(session.status).toBe("denied");
    expect(session.role).toBe(role);
    expect(localStorage.getItem("hallpulse.admin.token")).toBeNull();
    expect(api.callsTo("GET", "/api/halls")).toEqual([]);
  });

  it("forgets a token the server does not know (401) and says why", async () => {
    localStorage.setItem("hallpulse.admin.token", "nope");
    const session = useAdminSession();
    await session.start();
    expect(session.status).toBe("signed-out");
    expect(session.error?.code).toBe("unauthorized");
    expect(session.ended).toBe(false);
    expect(localStorage.getItem("hallpulse.admin.token")).toBeNull();
  });

  it("ends the session when a later call is refused with 401 (token revoked)", async () => {
    const session = useAdminSession();
    const secret = api.principal("adm", "admin", "h1");
    await session.signIn(secret);
    (api.tokens.find((t) => t.id === "tok_adm") as { revokedAt: string | null }).revokedAt = "2026-11-25T00:00:00Z";
    await expect(session.call("GET", "/api/halls/h1")).rejects.toMatchObject({ status: 401 });
    expect(session.status).toBe("signed-out");
    expect(session.ended).toBe(true);
    expect(localStorage.getItem("hallpulse.admin.token")).toBeNull();
  });

  it("signs out", async () => {
    const session = useAdminSession();
    await session.signIn(api.principal("adm", "admin", "h1"));
    session.signOut();
    expect(session.status).toBe("signed-out");
    expect(session.token).toBeNull();
    expect(localStorage.getItem("hallpulse.admin.token")).toBeNull();
  });

  it("keeps the chosen hall across visits when the token still reaches it", async () => {
    api.halls.set("h2", { ...api.halls.get("h1")!, name: "第二大厅" });
    const secret = api.principal("adm", "admin", null);
    let session = useAdminSession();
    await session.signIn(secret);
    session.selectHall("h2");
    freshPinia();
    session = useAdminSession();
    await session.signIn(secret);
    expect(session.hallId).toBe("h2");
  });
});
