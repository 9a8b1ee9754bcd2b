// The overview page's session: a token that spans halls is kept and read every refresh; a hall's token
// (403) is refused and not kept; a revoked token ends the session; a failed refresh keeps the figures.
// (The figures pushed on /overview once signed in: overview-live.test.ts.)
import { describe, expect, it, vi } from "vitest";
import { OVERVIEW, fakeServer, resetBetweenTests } from "./overview-test-fixture.js";
import { useOverviewStore } from "./overview.js";

vi.mock("socket.io-client", async () => (await import("./overview-fake-socket.js")).fakeSocketIo);
resetBetweenTests();

describe("overview store", () => {
  it("signs in with an overseer token, keeps it under its own key and reads the overview", async () => {
    const calls = fakeServer({ ovs: 200 });
    const store = useOverviewStore();
    expect(await store.signIn(" ovs ")).toBe(true);
    expect(store.status).toBe("ready");
    expect(store.overview).toEqual(OVERVIEW);
    expect(localStorage.getItem("hallpulse.admin.token.overview")).toBe("ovs");
    expect(calls).toEqual(["/api/overview ovs"]);
  });

  it("refuses a hall's own token (403) as denied and does not keep it", async () => {
    fakeServer({ hallAdmin: 403 });
    const store = useOverviewStore();
    expect(await store.signIn("hallAdmin")).toBe(false);
    expect(store.status).toBe("denied");
    expect(store.overview).toBeNull();
    expect(localStorage.getItem("hallpulse.admin.token.overview")).toBeNull();
  });

  it("adopts ?token= once and removes it from the address", async () => {
    fakeServer({ ovs: 200 });
    history.replaceState(null, "", "/overview?token=ovs");
    const store = useOverviewStore();
    await store.start();
    expect(location.search).toBe("");
    expect(store.status).toBe("ready");
    expect(localStorage.getItem("hallpulse.admin.token.overview")).toBe("ovs");
    history.replaceState(null, "", "/");
  });

  it("lets in the admin pages' token when it spans halls, without storing it twice", async () => {
    fakeServer({ global: 200 });
    localStorage.setItem("hallpulse.admin.token", "global");
    const store = useOverviewStore();
    await store.start();
    expect(store.status).toBe("ready");
    expect(localStorage.getItem("hallpulse.admin.token.overview")).toBeNull();
    // The admin pages' token stays theirs.
    expect(localStorage.getItem("hallpulse.admin.token")).toBe("global");
  });

  it("asks quietly for a token when the admin pages' token is a hall's", async () => {
    fakeServer({ hallAdmin: 403 });
    localStorage.setItem("hallpulse.admin.token", "hallAdmin");
    const store = useOverviewStore();
    await store.start();
    expect(store.status).toBe("signed-out");
    expect(store.error).toBeNull();
    expect(localStorage.getItem("hallpulse.admin.token")).toBe("hallAdmin");
  });

  it("keeps the last figures when a refresh fails on the network, and ends the session on 401", async () => {
    fakeServer({ ovs: 200 });
    const store = useOverviewStore();
    await store.signIn("ovs");
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("offline");
    });
    await store.refresh();
    expect(store.status).toBe("ready");
    expect(store.overview).toEqual(OVERVIEW);
    expect(store.error?.code).toBe("network");
    fakeServer({});
    await store.refresh();
    expect(store.status).toBe("signed-out");
    expect(store.ended).toBe(true);
    expect(store.overview).toBeNull();
    expect(localStorage.getItem("hallpulse.admin.token.overview")).toBeNull();
  });
});

