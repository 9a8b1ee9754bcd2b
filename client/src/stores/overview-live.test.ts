// The overview page's figures once signed in: pushed on /overview — pushes replace the figures, a refusal
// of the token ends the session, signing out or leaving the page disconnects, and the HTTP reads go on every
// 10 s only while the socket is not connected or has been silent for three periods.
import { describe, expect, it, vi } from "vitest";
import { h, lastSocket } from "./overview-fake-socket.js";
import { fakeServer, OVERVIEW, PUSHED, resetBetweenTests, signedIn } from "./overview-test-fixture.js";
import { OVERVIEW_REFRESH_MS, useOverviewStore } from "./overview.js";

vi.mock("socket.io-client", async () => (await import("./overview-fake-socket.js")).fakeSocketIo);
resetBetweenTests();

describe("overview store, live feed", () => {
  it("follows /overview with its token once signed in, and each push replaces the figures", async () => {
    fakeServer({ ovs: 200 });
    const store = useOverviewStore();
    expect(h.sockets).toHaveLength(0);
    await store.signIn("ovs");
    expect(h.sockets).toHaveLength(1);
    expect(lastSocket().namespace).toBe("/overview");
    expect(lastSocket().auth()).toEqual({ token: "ovs" });
    expect(store.live).toBe("connecting");
    lastSocket().accept();
    expect(store.live).toBe("connected");
    lastSocket().push(PUSHED);
    expect(store.overview).toEqual(PUSHED);
    const later = { ...PUSHED, at: "2026-03-10T02:00:06.000Z", halls: [{ ...PUSHED.halls[0]!, waitingNow: 4 }] };
    lastSocket().push(later);
    expect(store.overview).toEqual(later);
    // Following again while following opens no second socket.
    store.follow();
    expect(h.sockets).toHaveLength(1);
  });

  it("does not follow before the token is checked, nor with a refused token", async () => {
    fakeServer({ hallAdmin: 403 });
    const store = useOverviewStore();
    store.follow();
    expect(await store.signIn("hallAdmin")).toBe(false);
    expect(h.sockets).toHaveLength(0);
    expect(store.live).toBeNull();
  });

  for (const code of ["unauthorized", "forbidden"] as const) {
    it(`ends the session and forgets the token when the socket is refused (${code})`, async () => {
      const { calls, store, socket } = await signedIn();
      socket.refuse(code);
      expect(store.status).toBe("signed-out");
      expect(store.ended).toBe(true);
      expect(store.overview).toBeNull();
      expect(store.token).toBeNull();
      expect(store.error?.code).toBe(code);
      expect(store.error?.status).toBe(code === "forbidden" ? 403 : 401);
      expect(store.live).toBeNull();
      expect(localStorage.getItem("hallpulse.admin.token.overview")).toBeNull();
      expect(socket.handlers.get("overview")).toBeUndefined();
      // Nothing is read any more.
      await vi.advanceTimersByTimeAsync(3 * OVERVIEW_REFRESH_MS);
      expect(calls).toEqual(["/api/overview ovs"]);
    });
  }

  it("ends the session when the server cuts a revoked token's socket off and refuses the retry", async () => {
    const { store, socket } = await signedIn();
    socket.accept();
    socket.drop("io server disconnect");
    expect(store.live).toBe("offline");
    expect(store.status).toBe("ready");
    // socket.ts tries once more after the server's cut; the server refuses the revoked token.
    await vi.advanceTimersByTimeAsync(500);
    expect(socket.connects).toBe(1);
    socket.refuse("unauthorized");
    expect(store.status).toBe("signed-out");
    expect(store.ended).toBe(true);
    expect(store.error?.code).toBe("unauthorized");
    expect(localStorage.getItem("hallpulse.admin.token.overview")).toBeNull();
  });

  it("keeps following when the socket is refused for another reason (the HTTP reads decide)", async () => {
    fakeServer({ ovs: 200 });
    const store = useOverviewStore();
    await store.signIn("ovs");
    lastSocket().refuse("not_found");
    expect(store.status).toBe("ready");
    expect(store.live).toBe("refused");
    expect(localStorage.getItem("hallpulse.admin.token.overview")).toBe("ovs");
  });

  it("disconnects the socket on sign-out, and nothing arrives or is read after it", async () => {
    const { calls, store, socket } = await signedIn();
    socket.accept();
    store.signOut();
    expect(socket.disconnects).toBeGreaterThan(0);
    expect(socket.connected).toBe(false);
    expect(store.live).toBeNull();
    socket.push(PUSHED);
    expect(store.overview).toBeNull();
    // A late retry of the socket (socket.ts's, after a cut by the server) is closed again at once.
    const before = socket.disconnects;
    socket.accept();
    expect(socket.disconnects).toBe(before + 1);
    expect(socket.connected).toBe(false);
    await vi.advanceTimersByTimeAsync(3 * OVERVIEW_REFRESH_MS);
    expect(calls).toEqual(["/api/overview ovs"]);
  });

  it("reads over HTTP every 10 s only while the socket is not connected", async () => {
    const { calls, socket, store } = await signedIn();
    expect(calls).toHaveLength(1);
    // Still connecting: the reads go on.
    await vi.advanceTimersByTimeAsync(OVERVIEW_REFRESH_MS);
    expect(calls).toHaveLength(2);
    socket.accept();
    // Connected and pushed to (the server pushes at least every 10 s): no read.
    for (let i = 0; i < 5; i += 1) {
      await vi.advanceTimersByTimeAsync(OVERVIEW_REFRESH_MS);
      socket.push(PUSHED);
    }
    expect(calls).toHaveLength(2);
    // Lost: every 10 s again, until it is back.
    socket.drop();
    expect(store.live).toBe("offline");
    await vi.advanceTimersByTimeAsync(OVERVIEW_REFRESH_MS - 1);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(OVERVIEW_REFRESH_MS);
    expect(calls).toHaveLength(4);
    socket.accept();
    for (let i = 0; i < 5; i += 1) {
      await vi.advanceTimersByTimeAsync(OVERVIEW_REFRESH_MS);
      socket.push(PUSHED);
    }
    expect(calls).toHaveLength(4);
    expect(calls.every((c) => c === "/api/overview ovs")).toBe(true);
  });

  it("reads over HTTP when the connected socket has been silent for three periods, and stops when pushes resume", async () => {
    const { calls, store, socket } = await signedIn();
    socket.accept();
    // Two silent periods (20 s) are within the server's promise plus slack: no read.
    await vi.advanceTimersByTimeAsync(2 * OVERVIEW_REFRESH_MS);
    expect(calls).toHaveLength(1);
    expect(store.live).toBe("connected");
    // The third: the connection is up but nothing arrives — read, and go on reading every period.
    await vi.advanceTimersByTimeAsync(OVERVIEW_REFRESH_MS);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(OVERVIEW_REFRESH_MS);
    expect(calls).toHaveLength(3);
    // A push again: quiet until another three silent periods.
    socket.push(PUSHED);
    await vi.advanceTimersByTimeAsync(2 * OVERVIEW_REFRESH_MS);
    expect(calls).toHaveLength(3);
  });

  it("stops following when the page is left, and follows again when it is back", async () => {
    const { calls, store, socket: first } = await signedIn();
    store.unfollow();
    expect(first.disconnects).toBeGreaterThan(0);
    expect(store.live).toBeNull();
    expect(store.status).toBe("ready");
    await vi.advanceTimersByTimeAsync(3 * OVERVIEW_REFRESH_MS);
    expect(calls).toHaveLength(1);
    store.follow();
    expect(h.sockets).toHaveLength(2);
    expect(lastSocket().auth()).toEqual({ token: "ovs" });
  });

  it("does not let an HTTP read begun before a push overwrite the pushed figures", async () => {
    fakeServer({ ovs: 200 });
    const store = useOverviewStore();
    await store.signIn("ovs");
    let answer: (r: Response) => void = () => undefined;
    vi.stubGlobal("fetch", () => new Promise<Response>((resolve) => (answer = resolve)));
    const reading = store.refresh();
    lastSocket().accept();
    lastSocket().push(PUSHED);
    answer(new Response(JSON.stringify(OVERVIEW), { status: 200, headers: { "content-type": "application/json" } }));
    await reading;
    expect(store.overview).toEqual(PUSHED);
  });
});
